package io.myrmidon.examples;

import io.myrmidon.Communicator;
import io.myrmidon.Datatype;
import io.myrmidon.Myrmidon;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Op;
import org.HdrHistogram.Histogram;
import org.agrona.MutableDirectBuffer;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Allreduce latency, in the style of OSU's {@code osu_allreduce}: for each size (in bytes of
 * doubles) every rank times {@code iterations} sum-allreduces after {@code warmup} untimed ones.
 * Rank 0 prints a {@code #} header, then one row per size: {@code size avg_us p50_us p99_us}, where
 * avg is the mean over ranks of each rank's mean, and p50/p99 are the largest over ranks of each
 * rank's percentile (HdrHistogram, microsecond resolution 0.01).
 *
 * <pre>{@code bin/myrmidon run -n 2 allreduce --sizes 8,1048576 --iterations 1000 --warmup 100 --jit-warmup 20000}</pre>
 *
 * The algorithm can be forced with {@code -Dmyrmidon.coll.allreduce=ring} (or
 * recursive-doubling, rabenseifner) to compare them.
 *
 * <p>{@code --collective bcast} times broadcasts of {@code size} bytes from rank 0 instead
 * (osu_bcast), {@code --collective barrier} times barriers (osu_barrier; one row, size 0); the
 * examples {@code bcast} and {@code barrier} are these.
 */
public final class AllReduceBenchmark
{
    private static final int LARGE_PATH_BYTES = 64 * 1024;

    private AllReduceBenchmark()
    {
    }

    public static void main(final String[] args)
    {
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            run(mpi, args, System.out);
        }
    }

    /**
     * Runs the benchmark on this rank; rank 0 prints to {@code out}.
     */
    public static void run(final Myrmidon mpi, final String[] args, final PrintStream out)
    {
        int[] sizes = {8, 64, 1024, 8192, 65536, 1048576};
        int iterations = -1; // per size, as the peer benchmarks: 20000 up to 8 KiB, 500 beyond
        int warmup = -1;     // per size: 2000 up to 8 KiB, 50 beyond
        int jitWarmup = 20_000;
        String collective = "allreduce";
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--sizes" -> sizes = Arrays.stream(value(args, ++i, "--sizes").split(","))
                    .mapToInt(s -> number("--sizes", s.trim(), 8)).toArray();
                case "--iterations" -> iterations = number("--iterations", value(args, ++i, "--iterations"), 1);
                case "--warmup" -> warmup = number("--warmup", value(args, ++i, "--warmup"), 0);
                case "--jit-warmup" -> jitWarmup = number("--jit-warmup", value(args, ++i, "--jit-warmup"), 0);
                case "--collective" -> collective = collective(value(args, ++i, "--collective"));
                default -> throw new MyrmidonException(io.myrmidon.ErrorClass.ARG, "allreduce: unknown argument '" +
                    args[i] + "'; usage: allreduce [--sizes BYTES,...] [--iterations N] [--warmup N] [--jit-warmup N] " +
                    "[--collective allreduce|bcast|barrier]");
            }
        }

        final Communicator world = mpi.world();
        final int largest = Arrays.stream(sizes).max().orElse(8);
        final MutableDirectBuffer send = mpi.allocate(largest);
        final MutableDirectBuffer recv = mpi.allocate(largest);
        final MutableDirectBuffer stats = mpi.allocate(24);
        for (int i = 0; i < largest / 8; i++)
        {
            send.putDouble(i * 8, world.rank() + i * 1e-3);
        }
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        if (world.rank() == 0)
        {
            out.println("# Myrmidon " + (collective.equals("allreduce") ? "allreduce (sum of doubles)" : collective) + ": " + world.size() + " ranks over " + mpi.transportName() +
                ", " + (iterations < 0 ? "20000 (up to 8 KiB) or 500" : Integer.toString(iterations)) + " iterations, " +
                (warmup < 0 ? "2000 or 50" : Integer.toString(warmup)) + " warmup, after " + jitWarmup +
                " untimed 8-byte calls for the JIT" + (largest >= LARGE_PATH_BYTES ? " and " + jitWarmup / 4 +
                " of 64 KiB" : ""));
            out.println("# size avg_us p50_us p99_us");
        }
        if (collective.equals("barrier"))
        {
            sizes = new int[]{ 0 };
        }
        for (int i = 0; i < jitWarmup; i++)
        {
            call(world, collective, send, recv, 8);
        }
        // large messages take other paths (rendezvous, pulls, Rabenseifner): compile those too,
        // on 64 KiB calls (a few tens of microseconds each), before the first timed size
        if (largest >= LARGE_PATH_BYTES)
        {
            for (int i = 0; i < jitWarmup / 4; i++)
            {
                call(world, collective, send, recv, LARGE_PATH_BYTES);
            }
        }
        for (final int size : sizes)
        {
            final int timed = iterations >= 0 ? iterations : size <= 8192 ? 20_000 : 500;
            final int untimed = warmup >= 0 ? warmup : size <= 8192 ? 2_000 : 50;
            for (int i = 0; i < untimed; i++)
            {
                call(world, collective, send, recv, size);
            }
            histogram.reset();
            world.barrier();
            long total = 0;
            for (int i = 0; i < timed; i++)
            {
                final long start = System.nanoTime();
                call(world, collective, send, recv, size);
                final long elapsed = System.nanoTime() - start;
                total += elapsed;
                histogram.recordValue(elapsed);
            }
            stats.putDouble(0, total / (double)timed / world.size());
            stats.putDouble(8, histogram.getValueAtPercentile(50));
            stats.putDouble(16, histogram.getValueAtPercentile(99));
            world.allReduce(Communicator.IN_PLACE, 0, stats, 0, 1, Datatype.DOUBLE, Op.SUM);
            world.allReduce(Communicator.IN_PLACE, 0, stats, 8, 2, Datatype.DOUBLE, Op.MAX);
            if (world.rank() == 0)
            {
                out.printf("%d %.2f %.2f %.2f%n", size, stats.getDouble(0) / 1e3, stats.getDouble(8) / 1e3,
                    stats.getDouble(16) / 1e3);
            }
        }
    }

    /**
     * One timed operation of the chosen collective on {@code size} bytes.
     */
    private static void call(final Communicator world, final String collective, final MutableDirectBuffer send,
        final MutableDirectBuffer recv, final int size)
    {
        switch (collective)
        {
            case "bcast" -> world.bcast(recv, 0, size, Datatype.BYTE, 0);
            case "barrier" -> world.barrier();
            default -> world.allReduce(send, 0, recv, 0, size / 8, Datatype.DOUBLE, Op.SUM);
        }
    }

    private static String collective(final String name)
    {
        if (!name.equals("allreduce") && !name.equals("bcast") && !name.equals("barrier"))
        {
            throw new MyrmidonException(io.myrmidon.ErrorClass.ARG, "--collective takes allreduce, bcast or barrier, not '" +
                name + "'");
        }
        return name;
    }

    private static String value(final String[] args, final int index, final String option)
    {
        if (index >= args.length)
        {
            throw new MyrmidonException(io.myrmidon.ErrorClass.ARG, "allreduce: " + option + " needs a value");
        }
        return args[index];
    }

    private static int number(final String option, final String text, final int min)
    {
        try
        {
            final int value = Integer.parseInt(text);
            if (value >= min)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new MyrmidonException(io.myrmidon.ErrorClass.ARG, "allreduce: " + option + " takes whole numbers of at " +
            "least " + min + ", not '" + text + "'");
    }
}
