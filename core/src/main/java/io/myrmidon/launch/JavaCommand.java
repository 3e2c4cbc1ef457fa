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

    /**
     * Compiler hints for the Open MPI Java API module ({@code compat-openmpi-java}), harmless where
     * it is not on the class path: the bodies of its blocking receives are compiled on their own
     * rather than into the small public methods that call them ({@code Comm.recv},
     * {@code Comm.sendRecv}, ...). Those then stay small enough for the JIT to inline into the
     * program's loop, where the {@code Status} each returns is never allocated when the program
     * ignores it or only reads it (escape analysis). Without the hints the first caller compiled
     * is the public method with the whole receive inlined, too big to inline anywhere, and every
     * receive allocated a status: 35 instead of 12 ns over Myrmidon's API per send and receive,
     * most of it first-touch page faults of a young heap. The same technique as a HotSpot
     * {@code .hotspot_compiler} file; {@code quiet} keeps the JVM from printing them.
     */
    public static final List<String> BLOCKING_STATUS_COMPILE_COMMANDS = List.of(
        "-XX:CompileCommand=quiet",
        "-XX:CompileCommand=dontinline,mpi.PointToPoint::recv",
        "-XX:CompileCommand=dontinline,mpi.PointToPoint::sendRecv",
        "-XX:CompileCommand=dontinline,mpi.PointToPoint::sendRecvReplace");

    /**
     * What a rank JVM runs with unless {@value #JAVA_OPTS_ENV} says otherwise (options given later
     * win): the server compiler only. With tiered compilation, a rank's hot loop spends a long and
     * varying time in profiled C1 code while the compiler threads compete with the spinning ranks
     * for the cores, and a run's message latency came out in one of two modes (2 ranks on 2 cores:
     * allreduce of 8 B 0.22-0.55 us, of 1 MiB 146-378 us over runs; with C2 only, 0.25-0.45 us
     * and 110-174 us).
     *
     * <p>Also {@link #BLOCKING_STATUS_COMPILE_COMMANDS}.
     */
    public static final List<String> RANK_DEFAULT_FLAGS = rankDefaultFlags();

    /** Extra JVM options for the ranks, split on white space, for example {@code -Xmx512m}. */
    public static final String JAVA_OPTS_ENV = "MYRMIDON_JAVA_OPTS";

    private JavaCommand()
    {
    }

    private static List<String> rankDefaultFlags()
    {
        final List<String> flags = new ArrayList<>();
        flags.add("-XX:-TieredCompilation");
        flags.addAll(BLOCKING_STATUS_COMPILE_COMMANDS);
        return List.copyOf(flags);
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
