package io.myrmidon.launch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code myrmidon run}: checks the arguments, resolves the target and runs the job in the mode the
 * transport asks for ({@link ThreadsJob} for {@code threads}, {@link ProcessJob} for any other).
 *
 * <p>Not thread safe: picocli fills one instance per command line.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    version = "Myrmidon 0.1.0",
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
        "Runs N ranks of TARGET on this host and waits for them.",
        "TARGET is an example's name (ping-pong, bandwidth) or a main class on the class path.",
        "Each output line is prefixed with [rank]. The exit status is the first failing rank's;",
        "when a rank fails the others are ended within 5 seconds. Ctrl-C ends them all."})
final class RunCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--ranks"}, required = true, paramLabel = "N", description = "Number of ranks, at least 1.")
    private int ranks;

    @Option(names = "--transport", paramLabel = "NAME", defaultValue = LaunchOptions.DEFAULT_TRANSPORT,
        description = "shm (default): one JVM per rank over shared memory; threads: all ranks as threads " +
            "of one JVM; or the name of another installed transport (one JVM per rank).")
    private String transport;

    @Option(names = {"--classpath", "-cp"}, paramLabel = "CP",
        description = "Class path of a TARGET main class, put before Myrmidon's own (entries separated by '" +
            "${sys:path.separator}', dir/* for the jars in dir).")
    private String classPath;

    @Option(names = "--exchange-timeout", paramLabel = "SECONDS", defaultValue = "60",
        description = "How long ranks wait for each other in a start-up or shut-down exchange before the " +
            "job fails, naming the missing ranks (0: for ever; default ${DEFAULT-VALUE}).")
    private int exchangeTimeoutSeconds;

    @Option(names = "--hosts", paramLabel = "K", defaultValue = "1",
        description = "Spread the ranks over K hosts (blockwise: ranks 0..N/K-1 on the first, ...). With " +
            "--transport myrinet the hosts are network namespaces linked over UDP, each with its host daemon " +
            "(or, where namespaces cannot be made, daemons on loopback addresses); default ${DEFAULT-VALUE}.")
    private int hosts;

    @Parameters(index = "0", paramLabel = "TARGET", description = "An example's name or a main class.")
    private String target;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for TARGET.")
    private List<String> args = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param out where the ranks' stdout goes.
     * @param err where the ranks' stderr and the launcher's messages go.
     */
    RunCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final LaunchOptions options = options();
        return options.threads() ?
            new ThreadsJob(options, out, err).run() :
            new ProcessJob(options, out, err).run();
    }

    private LaunchOptions options()
    {
        if (ranks < 1)
        {
            throw new ParameterException(spec.commandLine(),
                "-n must be at least 1 (it is the number of ranks to start), but is " + ranks);
        }
        if (!transport.matches("[A-Za-z0-9_-]+"))
        {
            throw new ParameterException(spec.commandLine(),
                "--transport must be a transport's name such as shm or threads, not '" + transport + "'");
        }
        if (exchangeTimeoutSeconds < 0)
        {
            throw new ParameterException(spec.commandLine(),
                "--exchange-timeout must be 0 (no limit) or a number of seconds, not " + exchangeTimeoutSeconds);
        }
        if (hosts < 1 || hosts > ranks)
        {
            throw new ParameterException(spec.commandLine(),
                "--hosts must be 1.." + ranks + " (every host runs at least one rank), not " + hosts);
        }
        if (hosts > 1 && LaunchOptions.THREADS.equals(transport))
        {
            throw new ParameterException(spec.commandLine(),
                "--hosts " + hosts + " cannot run threads of one JVM on several hosts; use --transport myrinet");
        }
        final String runtimeClassPath = System.getProperty("java.class.path");
        final String fullClassPath = classPath == null || classPath.isBlank() ?
            runtimeClassPath : classPath + File.pathSeparator + runtimeClassPath;
        final String mainClass;
        try (TargetResolver resolver = new TargetResolver(fullClassPath))
        {
            mainClass = resolver.resolve(target);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex, null, target);
        }
        return new LaunchOptions(ranks, transport, mainClass, args, fullClassPath,
            System.getenv(JavaCommand.JAVA_OPTS_ENV), Duration.ofSeconds(exchangeTimeoutSeconds), hosts);
    }
}
