package io.myrmidon.launch;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main class of a threads job's JVM: {@code ThreadsRunner TRANSPORT N MAIN [ARGS...]} makes an
 * {@link InProcessJob} of N ranks and runs MAIN's main method on N threads, each with its rank's
 * bootstrap installed ({@link Bootstraps#installForThread}) and its output prefixed with
 * {@code [rank] } ({@link RankPrefixStream}).
 *
 * <p>When a rank throws, the job is aborted (ranks waiting in a bootstrap exchange fail, and so do
 * ranks blocked in an operation of the threads transport, with {@code PEER_DIED}), the rank
 * and its exception are printed, and the JVM exits with status 1 once the other ranks have ended
 * or after {@value #GRACE_MILLIS} ms. The ranks share this JVM's static state: a program that
 * keeps per-process state in static fields needs one JVM per rank.
 */
public final class ThreadsRunner
{
    /** Exit status of a threads job in which a rank threw. */
    public static final int RANK_FAILED = 1;
    private static final long GRACE_MILLIS = 3_000;

    private ThreadsRunner()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 3)
        {
            System.err.println("usage: ThreadsRunner TRANSPORT N MAIN [ARGS...] (started by bin/myrmidon run --transport threads)");
            System.exit(2);
        }
        final String transport = args[0];
        final int size = Integer.parseInt(args[1]);
        final Class<?> mainClass = Class.forName(args[2]);
        final String[] mainArgs = Arrays.copyOfRange(args, 3, args.length);

        final RankPrefixStream out = new RankPrefixStream(new FileOutputStream(FileDescriptor.out));
        final RankPrefixStream err = new RankPrefixStream(new FileOutputStream(FileDescriptor.err));
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));

        final InProcessJob job = new InProcessJob(size, transport);
        final CountDownLatch ended = new CountDownLatch(size);
        final CountDownLatch failed = new CountDownLatch(1);
        final AtomicBoolean reported = new AtomicBoolean();
        for (int rank = 0; rank < size; rank++)
        {
            final int myRank = rank;
            Thread.ofPlatform().name("rank-" + rank).start(() ->
            {
                RankPrefixStream.setRank(myRank);
                Bootstraps.installForThread(job.bootstrap(myRank));
                try
                {
                    MainInvoker.invoke(mainClass, mainArgs.clone());
                }
                catch (final Throwable ex)
                {
                    // claim the report before aborting, so that ranks failing because of the abort stay quiet
                    final boolean first = reported.compareAndSet(false, true);
                    job.abort("rank " + myRank + " failed: " + ex);
                    if (first)
                    {
                        System.err.println("myrmidon: rank " + myRank + " of " + size + " failed; ending the job:");
                        ex.printStackTrace();
                    }
                    failed.countDown();
                }
                finally
                {
                    finishLines(out, err);
                    ended.countDown();
                }
            });
        }
        waitForAny(ended, failed);
        if (failed.getCount() == 0)
        {
            ended.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            System.out.flush();
            System.err.flush();
            System.exit(RANK_FAILED);
        }
    }

    private static void waitForAny(final CountDownLatch ended, final CountDownLatch failed) throws InterruptedException
    {
        while (!ended.await(50, TimeUnit.MILLISECONDS))
        {
            if (failed.getCount() == 0)
            {
                return;
            }
        }
    }

    private static void finishLines(final RankPrefixStream out, final RankPrefixStream err)
    {
        try
        {
            out.finishLine();
            err.finishLine();
        }
        catch (final java.io.IOException ignore)
        {
            // stdout closed: nothing left to say
        }
    }
}
