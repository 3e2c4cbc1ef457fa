package io.myrmidon.examples;

import io.myrmidon.Myrmidon;

/**
 * Barrier latency in the style of OSU's {@code osu_barrier}: {@link AllReduceBenchmark} with
 * {@code --collective barrier}, same options and output.
 *
 * <pre>{@code bin/myrmidon run -n 4 barrier}</pre>
 */
public final class BarrierBenchmark
{
    private BarrierBenchmark()
    {
    }

    public static void main(final String[] args)
    {
        final String[] withCollective = new String[args.length + 2];
        withCollective[0] = "--collective";
        withCollective[1] = "barrier";
        System.arraycopy(args, 0, withCollective, 2, args.length);
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            AllReduceBenchmark.run(mpi, withCollective, System.out);
        }
    }
}
