package io.myrmidon.examples;

import io.myrmidon.Communicator;
import io.myrmidon.Myrmidon;
import org.HdrHistogram.Histogram;
import org.agrona.MutableDirectBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Ping-pong latency between ranks 0 and 1, in the style of osu_latency: for each size, rank 0
 * sends and waits for the echo; one-way latency is half the round trip. Prints a {@code #}
 * header, then one row per size: {@code size avg_us p50_us p99_us max_us}, where avg is the total
 * time of the timed loop over iterations / 2 (osu_latency's number) and the percentiles come from
 * an HdrHistogram of every iteration's one-way time. Ranks beyond 1 only take part in start and
 * end.
 *
 * <pre>bin/myrmidon run -n 2 ping-pong [--sizes 8,4096] [--iterations N] [--warmup N] [--hgrm DIR]</pre>
 */
@Command(name = "ping-pong", mixinStandardHelpOptions = true,
    description = "Ping-pong latency between ranks 0 and 1 (osu_latency style).")
public final class PingPong implements Callable<Integer>
{
    private static final int TAG = 1;
    private static final int SYNC_TAG = 2;

    @Option(names = "--sizes", split = ",", converter = Sizes.Converter.class, paramLabel = "LIST",
        description = "Comma-separated sizes in bytes (K and M suffixes allowed); default 0 and 1 B to 4 MiB.")
    int[] sizes = Sizes.LATENCY_DEFAULT;

    @Option(names = "--iterations", paramLabel = "N",
        description = "Timed iterations per size; default 20000 up to 8 KiB, 2000 up to 256 KiB, 300 beyond.")
    Integer iterations;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed iterations per size; default a tenth.")
    Integer warmup;

    @Option(names = "--jit-warmup", paramLabel = "N",
        description = "Untimed round trips of 8 B and 4 KiB before the first size (and half as many of 64 KiB " +
            "when larger sizes follow), so that the JIT has compiled the message paths before anything is " +
            "measured; default ${DEFAULT-VALUE}.")
    int jitWarmup = 30_000;

    @Option(names = "--hgrm", paramLabel = "DIR",
        description = "Write one HdrHistogram percentile distribution (.hgrm, microseconds) per size into DIR.")
    File hgrmDirectory;

    private String[] args = new String[0];

    /** Where rank 0 prints its report; tests replace it. */
    PrintStream out = System.out;

    public static void main(final String[] args)
    {
        final PingPong command = new PingPong();
        command.args = args;
        final int exitCode = new CommandLine(command).execute(args);
        if (exitCode != 0)
        {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() throws FileNotFoundException
    {
        for (final int size : sizes)
        {
            if (size < 0)
            {
                throw new CommandLine.ParameterException(new CommandLine(this), "sizes must not be negative");
            }
        }
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            final Communicator world = mpi.world();
            if (world.size() < 2)
            {
                System.err.println("ping-pong needs at least 2 ranks: run it with 'bin/myrmidon run -n 2 ping-pong'");
                return 2;
            }
            if (hgrmDirectory != null && world.rank() == 0 && !hgrmDirectory.isDirectory() && !hgrmDirectory.mkdirs())
            {
                System.err.println("cannot create the directory " + hgrmDirectory);
                return 2;
            }
            int max = 0;
            for (final int size : sizes)
            {
                max = Math.max(max, size);
            }
            final MutableDirectBuffer sendBuffer = mpi.allocate(Math.max(max, 1));
            final MutableDirectBuffer recvBuffer = mpi.allocate(Math.max(max, 1));
            sendBuffer.setMemory(0, sendBuffer.capacity(), (byte)'a');
            if (world.rank() == 0)
            {
                out.printf("# Myrmidon ping-pong: %d ranks, transport %s, one-way latency in microseconds%n",
                    world.size(), mpi.transportName());
                out.printf("# %-8s %10s %10s %10s %10s%n", "size", "avg_us", "p50_us", "p99_us", "max_us");
            }
            final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
            final int rendezvous = Sizes.rendezvousWarmupSize(mpi.eagerLimit(), max);
            final MutableDirectBuffer warmupBuffer = mpi.allocate(Math.max(4096, rendezvous));
            for (final int size : rendezvous > 0 ? new int[]{8, 4096, rendezvous} : new int[]{8, 4096})
            {
                final int rounds = size == rendezvous ? jitWarmup / 2 : jitWarmup;
                synchronize(world, sendBuffer);
                if (world.rank() == 0)
                {
                    pingLoop(world, warmupBuffer, warmupBuffer, size, rounds, 0, histogram);
                }
                else if (world.rank() == 1)
                {
                    pongLoop(world, warmupBuffer, warmupBuffer, size, rounds);
                }
            }
            for (final int size : sizes)
            {
                final int timed = iterations != null ? iterations : Sizes.latencyIterations(size);
                final int untimed = warmup != null ? warmup : Sizes.latencyWarmup(size);
                synchronize(world, sendBuffer);
                if (world.rank() == 0)
                {
                    histogram.reset();
                    final long elapsed = pingLoop(world, sendBuffer, recvBuffer, size, untimed, timed, histogram);
                    report(size, timed, elapsed, histogram);
                }
                else if (world.rank() == 1)
                {
                    pongLoop(world, sendBuffer, recvBuffer, size, untimed + timed);
                }
            }
        }
        return 0;
    }

    private static long pingLoop(final Communicator world, final MutableDirectBuffer sendBuffer,
        final MutableDirectBuffer recvBuffer, final int size, final int warmup, final int iterations,
        final Histogram histogram)
    {
        for (int i = 0; i < warmup; i++)
        {
            world.send(sendBuffer, 0, size, 1, TAG);
            world.recv(recvBuffer, 0, size, 1, TAG);
        }
        final long start = System.nanoTime();
        long before = start;
        for (int i = 0; i < iterations; i++)
        {
            world.send(sendBuffer, 0, size, 1, TAG);
            world.recv(recvBuffer, 0, size, 1, TAG);
            final long after = System.nanoTime();
            histogram.recordValue((after - before) >> 1);
            before = after;
        }
        return System.nanoTime() - start;
    }

    private static void pongLoop(final Communicator world, final MutableDirectBuffer sendBuffer,
        final MutableDirectBuffer recvBuffer, final int size, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            world.recv(recvBuffer, 0, size, 0, TAG);
            world.send(sendBuffer, 0, size, 0, TAG);
        }
    }

    /**
     * Rank 0 and 1 meet before each size so that neither starts timing early.
     */
    static void synchronize(final Communicator world, final MutableDirectBuffer scratch)
    {
        if (world.rank() == 0)
        {
            world.sendRecv(scratch, 0, 0, 1, SYNC_TAG, scratch, 0, 0, 1, SYNC_TAG, null);
        }
        else if (world.rank() == 1)
        {
            world.sendRecv(scratch, 0, 0, 0, SYNC_TAG, scratch, 0, 0, 0, SYNC_TAG, null);
        }
    }

    private void report(final int size, final int iterations, final long elapsedNanos, final Histogram histogram)
        throws FileNotFoundException
    {
        final double avg = elapsedNanos / 1000.0 / iterations / 2.0;
        out.printf(Locale.ROOT, "%-10d %10.2f %10.2f %10.2f %10.2f%n", size, avg,
            histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
            histogram.getMaxValue() / 1000.0);
        out.flush();
        if (hgrmDirectory != null)
        {
            try (PrintStream out = new PrintStream(new File(hgrmDirectory, "ping-pong-" + size + ".hgrm")))
            {
                histogram.outputPercentileDistribution(out, 1000.0);
            }
        }
    }
}
