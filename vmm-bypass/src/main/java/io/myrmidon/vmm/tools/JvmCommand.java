package io.myrmidon.vmm.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line for a child JVM that runs project code: the running JDK's java, the JVM flags every
 * project JVM needs, and this JVM's class path.
 */
public final class JvmCommand
{
    /** Flags every JVM running project code needs. */
    public static final List<String> FLAGS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    private JvmCommand()
    {
    }

    /**
     * @param mainClass class to run.
     * @param args      its arguments.
     * @return the command.
     */
    public static List<String> of(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(FLAGS);
        // JVM warnings go to stderr, never into the stdout line protocols of the children; no hsperfdata files
        // (a recycled pid's stale, locked file makes the JVM print a warning)
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:stderr");
        command.add("-XX:-UsePerfData");
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }
}
