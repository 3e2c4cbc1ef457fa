package io.myrmidon.launch;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of a JVM that runs project code: the JDK the launcher itself runs on,
 * the flags Agrona and Panama need, the user's {@value #JAVA_OPTS_ENV}, the class path and the
 * main class.
 *
 * <p>Stateless and thread safe.
 */
public final class JavaCommand
{
    /** The flags every JVM that runs project code needs (Agrona's Unsafe access, Panama's downcalls). */
    public static final List<String> REQUIRED_FLAGS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    /** Extra JVM options for the ranks, split on white space, for example {@code -Xmx512m}. */
    public static final String JAVA_OPTS_ENV = "MYRMIDON_JAVA_OPTS";

    private JavaCommand()
    {
    }

    /**
     * @return the java executable of the running JVM.
     */
    public static String javaExecutable()
    {
        return ProcessHandle.current().info().command()
            .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }

    /**
     * @param classPath the class path of the new JVM.
     * @param javaOpts  extra options separated by white space, or null.
     * @param mainClass the class to run.
     * @param args      its arguments.
     * @return the full command line.
     */
    public static List<String> of(
        final String classPath, final String javaOpts, final String mainClass, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(REQUIRED_FLAGS);
        if (javaOpts != null && !javaOpts.isBlank())
        {
            command.addAll(List.of(javaOpts.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
