package io.myrmidon.launch;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches the processes of a job until all have ended. When one fails (non-zero exit or a
 * signal) while the job runs, it says which and how, and ends the others: SIGTERM first, SIGKILL
 * {@value #FORCE_AFTER_MILLIS} ms later, so that the job is gone within 5 seconds. The job's exit
 * status is that of the first process that failed, 0 when none did.
 *
 * <p>{@link #supervise()} runs on one thread (the launcher's main thread); {@link #terminate(String)}
 * and {@link #rankLost(int, String)} may be called from any thread (a shutdown hook, the
 * rendezvous server). The supervisor's own state is confined to the supervising thread; the
 * other threads talk to it through the event queue and the volatile {@code ending} flag.
 */
final class JobSupervisor
{
    static final long FORCE_AFTER_MILLIS = 2_000;
    private static final long POLL_MILLIS = 100;
    private static final long LOST_GRACE_MILLIS = 1_000;
    private static final long OUTPUT_DRAIN_MILLIS = 2_000;

    private final List<RankProcess> processes;
    private final PrintStream err;
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<Lost> lost = new ArrayList<>();
    private volatile boolean ending;
    private long forceAtNanos;
    private boolean forced;

    private record Exited(RankProcess process)
    {
    }

    private record Lost(int rank, String why, long atNanos)
    {
    }

    /**
     * @param processes the job's processes, all started.
     * @param err       where the launcher's messages go.
     */
    JobSupervisor(final List<RankProcess> processes, final PrintStream err)
    {
        this.processes = List.copyOf(processes);
        this.err = err;
        for (final RankProcess process : this.processes)
        {
            process.process().onExit().thenRun(() -> events.add(new Exited(process)));
        }
    }

    /**
     * Blocks until every process ended and their output is written.
     *
     * @return the exit status of the first process that failed, 0 when none did.
     */
    int supervise() throws InterruptedException
    {
        int remaining = processes.size();
        int status = 0;
        while (remaining > 0)
        {
            final Object event = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (event instanceof Exited(final RankProcess done))
            {
                remaining--;
                final ExitStatus exit = new ExitStatus(done.process().exitValue());
                if (exit.value() != 0 && !ending)
                {
                    status = exit.value();
                    beginEnding();
                    done.awaitOutput(OUTPUT_DRAIN_MILLIS);
                    err.println("myrmidon: " + done.label() + " " + exit.describe() +
                        (remaining > 0 ? "; ending the job" : ""));
                }
            }
            else if (event instanceof Lost lostRank)
            {
                lost.add(lostRank);
            }
            reportLostWhileRunning();
            if (ending && !forced && System.nanoTime() - forceAtNanos > 0)
            {
                forced = true;
                processes.forEach(p -> p.process().destroyForcibly());
            }
        }
        final long drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OUTPUT_DRAIN_MILLIS);
        for (final RankProcess process : processes)
        {
            process.awaitOutput(Math.max(1, TimeUnit.NANOSECONDS.toMillis(drainDeadline - System.nanoTime())));
        }
        return status;
    }

    /**
     * Ends every process of the job and waits (at most about three seconds) until they are gone.
     * For the shutdown hook (Ctrl-C); the supervising thread then reports nothing more.
     *
     * @param why said on stderr, unless null.
     */
    void terminate(final String why)
    {
        ending = true;
        if (why != null && processes.stream().anyMatch(p -> p.process().isAlive()))
        {
            err.println("myrmidon: " + why + "; ending the job");
        }
        processes.forEach(p -> p.process().destroy());
        final long forceAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORCE_AFTER_MILLIS);
        for (final RankProcess process : processes)
        {
            awaitQuietly(process.process(), forceAt - System.nanoTime());
        }
        processes.forEach(p -> p.process().destroyForcibly());
        for (final RankProcess process : processes)
        {
            awaitQuietly(process.process(), TimeUnit.SECONDS.toNanos(1));
        }
    }

    /**
     * The rendezvous server saw rank {@code rank}'s connection drop. If its process is still
     * running a second later, that is worth a line on stderr; if it ended, its exit says it all.
     */
    void rankLost(final int rank, final String why)
    {
        events.add(new Lost(rank, why, System.nanoTime()));
    }

    private void beginEnding()
    {
        ending = true;
        forceAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORCE_AFTER_MILLIS);
        processes.forEach(p -> p.process().destroy());
    }

    private void reportLostWhileRunning()
    {
        final long now = System.nanoTime();
        lost.removeIf(l ->
        {
            if (now - l.atNanos() < TimeUnit.MILLISECONDS.toNanos(LOST_GRACE_MILLIS))
            {
                return false;
            }
            for (final RankProcess process : processes)
            {
                if (process.rank() == l.rank() && process.process().isAlive() && !ending)
                {
                    err.println("myrmidon: " + process.label() + " is still running but " + l.why());
                }
            }
            return true;
        });
    }

    private static void awaitQuietly(final Process process, final long nanos)
    {
        try
        {
            process.waitFor(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
