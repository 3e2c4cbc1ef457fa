package io.myrmidon.examples;

import io.myrmidon.Myrmidon;

/**
 * Bcast latency in the style of OSU's {@code osu_bcast}: {@link AllReduceBenchmark} with
 * {@code --collective bcast}, same options and output.
 *
 * <pre>{@code bin/myrmidon run -n 4 bcast --sizes 8,1048576}</pre>
 */
public final class BcastBenchmark
{
    private BcastBenchmark()
    {
    }

    public static void main(final String[] args)
    {
        final String[] withCollective = new String[args.length + 2];
        withCollective[0] = "--collective";
        withCollective[1] = "bcast";
        System.arraycopy(args, 0, withCollective, 2, args.length);
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            AllReduceBenchmark.run(mpi, withCollective, System.out);
        }
    }
}
