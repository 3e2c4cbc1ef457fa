package io.myrmidon.examples;

import io.myrmidon.Communicator;
import io.myrmidon.Myrmidon;
import io.myrmidon.Request;
import org.agrona.MutableDirectBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Unidirectional bandwidth from rank 0 to rank 1, in the style of osu_bw: each iteration rank 0
 * posts a window of non-blocking sends and waits for them, rank 1 posts as many receives, waits,
 * and acknowledges with a small message. Each size's timed loop runs several times; the median
 * repetition is reported. Prints a {@code #} header, then rows {@code size MB_per_s}
 * (1 MB = 10^6 bytes).
 *
 * <pre>bin/myrmidon run -n 2 bandwidth [--sizes 8,1M] [--window 64] [--iterations N]</pre>
 */
@Command(name = "bandwidth", mixinStandardHelpOptions = true,
    description = "Unidirectional bandwidth from rank 0 to rank 1 (osu_bw style).")
public final class Bandwidth implements Callable<Integer>
{
    private static final int DATA_TAG = 100;
    private static final int ACK_TAG = 101;
    private static final int REPETITIONS = 5;
    private static final int WARMUP_WINDOWS_PER_SYNC = 50;
    /** The small message size the JIT warm-up runs most. */
    private static final int WARMUP_SMALL_BYTES = 8;

    @Option(names = "--sizes", split = ",", converter = Sizes.Converter.class, paramLabel = "LIST",
        description = "Comma-separated sizes in bytes (K and M suffixes allowed); default 1 B to 4 MiB.")
    int[] sizes = Sizes.BANDWIDTH_DEFAULT;

    @Option(names = "--window", paramLabel = "N", description = "Sends in flight per iteration; default ${DEFAULT-VALUE}.")
    int window = 64;

    @Option(names = "--iterations", paramLabel = "N",
        description = "Timed iterations per repetition; default 200 up to 8 KiB, 50 up to 256 KiB, 10 beyond.")
    Integer iterations;

    @Option(names = "--jit-warmup", paramLabel = "N",
        description = "Untimed windows of 8 B messages before the first size (then a tenth as many of the largest " +
            "eager size, and of 64 KiB when larger sizes follow), so that the JIT has compiled the message paths " +
            "before anything is measured; default ${DEFAULT-VALUE}.")
    int jitWarmup = 2_000;

    private String[] args = new String[0];

    /** Where rank 0 prints its report; tests replace it. */
    PrintStream out = System.out;

    public static void main(final String[] args)
    {
        final Bandwidth command = new Bandwidth();
        command.args = args;
        final int exitCode = new CommandLine(command).execute(args);
        if (exitCode != 0)
        {
            System.exit(exitCode);
        }
    }

    /**
     * One iteration: rank 0 sends a window of messages, rank 1 receives them and acknowledges.
     */
    private void window(final Communicator world, final MutableDirectBuffer buffer, final MutableDirectBuffer ack,
        final Request[] requests, final int size)
    {
        if (world.rank() == 0)
        {
            for (int w = 0; w < window; w++)
            {
                requests[w] = world.iSend(buffer, 0, size, 1, DATA_TAG);
            }
            Request.waitAll(requests, window);
            world.recv(ack, 0, 4, 1, ACK_TAG);
        }
        else if (world.rank() == 1)
        {
            for (int w = 0; w < window; w++)
            {
                requests[w] = world.iRecv(buffer, 0, size, 0, DATA_TAG);
            }
            Request.waitAll(requests, window);
            world.send(ack, 0, 4, 0, ACK_TAG);
        }
    }

    @Override
    public Integer call()
    {
        if (window < 1)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), "--window must be at least 1");
        }
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            final Communicator world = mpi.world();
            if (world.size() < 2)
            {
                System.err.println("bandwidth needs at least 2 ranks: run it with 'bin/myrmidon run -n 2 bandwidth'");
                return 2;
            }
            int max = 1;
            for (final int size : sizes)
            {
                max = Math.max(max, size);
            }
            final MutableDirectBuffer buffer = mpi.allocate(Math.max(max, WARMUP_SMALL_BYTES));
            final MutableDirectBuffer ack = mpi.allocate(8);
            buffer.setMemory(0, max, (byte)'a');
            final Request[] requests = new Request[window];
            if (world.rank() == 0)
            {
                out.printf("# Myrmidon bandwidth: %d ranks, transport %s, window %d%n",
                    world.size(), mpi.transportName(), window);
                out.printf("# %-8s %12s%n", "size", "MB_per_s");
            }
            final double[] rates = new double[REPETITIONS];
            PingPong.synchronize(world, ack);
            // the rendezvous path (when it will be timed), windows of the largest eager messages, which
            // fill the ring and take the back-pressure path (queued sends) that 8 B windows never do,
            // and last the small messages, so that what the JIT recompiles on the way is done by then
            final int largestEager = Math.min(max, mpi.eagerLimit());
            final int rendezvous = Sizes.rendezvousWarmupSize(mpi.eagerLimit(), max);
            for (final int size : new int[]{rendezvous, largestEager > WARMUP_SMALL_BYTES ? largestEager : 0,
                WARMUP_SMALL_BYTES})
            {
                final int windows = size == WARMUP_SMALL_BYTES ? jitWarmup : jitWarmup / 10;
                for (int i = 0; size > 0 && i < windows; i++)
                {
                    if (i % WARMUP_WINDOWS_PER_SYNC == 0)
                    {
                        // as between timed repetitions: a warm-up that never synchronized left the
                        // JIT to deoptimize and recompile the message path during the first size
                        PingPong.synchronize(world, ack);
                    }
                    window(world, buffer, ack, requests, size);
                }
            }
            for (final int size : sizes)
            {
                final int timed = iterations != null ? iterations : Sizes.bandwidthIterations(size);
                for (int rep = 0; rep < REPETITIONS; rep++)
                {
                    final int untimed = rep == 0 ? Sizes.bandwidthWarmup(size) : 0;
                    PingPong.synchronize(world, ack);
                    long start = 0;
                    for (int i = 0; i < untimed + timed; i++)
                    {
                        if (i == untimed)
                        {
                            start = System.nanoTime();
                        }
                        window(world, buffer, ack, requests, size);
                    }
                    final double seconds = (System.nanoTime() - start) / 1e9;
                    rates[rep] = (double)size * window * timed / seconds / 1e6;
                }
                if (world.rank() == 0)
                {
                    Arrays.sort(rates);
                    out.printf(Locale.ROOT, "%-10d %12.1f%n", size, rates[REPETITIONS / 2]);
                    out.flush();
                }
            }
        }
        return 0;
    }
}
