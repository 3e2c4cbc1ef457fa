package io.myrmidon.launch;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of a job and the two threads that pump its stdout and stderr to the launcher's.
 *
 * <p>Thread safe: the fields are final and {@link Process} is thread safe.
 */
final class RankProcess
{
    private final int rank;
    private final String label;
    private final Process process;
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private RankProcess(
        final int rank, final String label, final Process process, final Thread stdoutPump, final Thread stderrPump)
    {
        this.rank = rank;
        this.label = label;
        this.process = process;
        this.stdoutPump = stdoutPump;
        this.stderrPump = stderrPump;
    }

    /**
     * Starts the process and its pumps.
     *
     * @param rank    the rank (or 0 for the single JVM of a threads job).
     * @param builder the process to start; its stdout and stderr must be pipes.
     * @param prefix  written before each line of its output, for example {@code "[3] "}, or empty.
     * @param noun    how the launcher's messages call it, for example {@code "rank 3"}.
     * @param out     the launcher's stdout.
     * @param err     the launcher's stderr.
     * @return the started process.
     * @throws IOException when the JVM cannot be started.
     */
    static RankProcess start(
        final int rank,
        final ProcessBuilder builder,
        final String prefix,
        final String noun,
        final LineSink out,
        final LineSink err) throws IOException
    {
        final Process process = builder.start();
        final Thread stdoutPump = OutputPump.start(process.getInputStream(), out, prefix, noun + " stdout");
        final Thread stderrPump = OutputPump.start(process.getErrorStream(), err, prefix, noun + " stderr");
        return new RankProcess(rank, noun + " (pid " + process.pid() + ")", process, stdoutPump, stderrPump);
    }

    int rank()
    {
        return rank;
    }

    Process process()
    {
        return process;
    }

    /**
     * @return for example {@code "rank 3 (pid 1234)"}.
     */
    String label()
    {
        return label;
    }

    /**
     * Waits until both pumps reached the end of their streams, at most {@code millis} in all (a
     * grandchild holding the pipe open must not hang the launcher).
     */
    void awaitOutput(final long millis) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        stdoutPump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        stderrPump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
}
