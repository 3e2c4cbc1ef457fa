package io.myrmidon.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a job whose ranks are threads of one child JVM ({@code --transport threads}): the child
 * runs {@link ThreadsRunner}, which prefixes each line with the rank itself, so the launcher only
 * copies its output and supervises it. A child JVM keeps the launcher's exit status and output
 * handling the same as in process mode.
 *
 * <p>{@link #run()} is called once, on the launcher's main thread.
 */
final class ThreadsJob
{
    private final LaunchOptions options;
    private final PrintStream out;
    private final PrintStream err;

    ThreadsJob(final LaunchOptions options, final PrintStream out, final PrintStream err)
    {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /**
     * @return the child JVM's exit status.
     */
    int run() throws IOException, InterruptedException
    {
        final List<String> args = new ArrayList<>();
        args.add(options.transport());
        args.add(Integer.toString(options.ranks()));
        args.add(options.mainClass());
        args.addAll(options.args());
        final ProcessBuilder builder = new ProcessBuilder(JavaCommand.of(
            options.classPath(), options.javaOpts(), ThreadsRunner.class.getName(), args));
        builder.environment().remove(BootstrapEnvironment.RANK);
        builder.environment().remove(BootstrapEnvironment.SIZE);
        builder.environment().remove(BootstrapEnvironment.JOB_ID);
        builder.environment().remove(BootstrapEnvironment.RENDEZVOUS);
        builder.environment().put(BootstrapEnvironment.TRANSPORT, options.transport());
        builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        final RankProcess jvm = RankProcess.start(0, builder, "",
            "the JVM of the " + options.ranks() + " rank threads", new LineSink(out), new LineSink(err));
        final JobSupervisor supervisor = new JobSupervisor(List.of(jvm), err);
        final Thread hook = Thread.ofPlatform().unstarted(() -> supervisor.terminate("the launcher was interrupted"));
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            return supervisor.supervise();
        }
        finally
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down: the hook is running or ran
            }
        }
    }
}
