package io.myrmidon.launch;

import io.myrmidon.spi.Bootstrap;

import java.nio.charset.StandardCharsets;

/**
 * A test rank: {@code GatherRank [ROUNDS]} does ROUNDS allGather rounds (default 2) through its
 * bootstrap, checks every rank's contribution, ends with a barrier and prints one line. Exits with
 * 4 when a contribution is wrong.
 */
public final class GatherRank
{
    private GatherRank()
    {
    }

    public static void main(final String[] args)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        try (Bootstrap bootstrap = Bootstraps.forThisRank())
        {
            for (int round = 0; round < rounds; round++)
            {
                final byte[][] all = bootstrap.allGather(blob(bootstrap.rank(), round));
                if (all.length != bootstrap.size())
                {
                    fail("expected " + bootstrap.size() + " contributions, got " + all.length);
                }
                for (int r = 0; r < all.length; r++)
                {
                    final String got = new String(all[r], StandardCharsets.UTF_8);
                    if (!got.equals(new String(blob(r, round), StandardCharsets.UTF_8)))
                    {
                        fail("round " + round + ": rank " + r + " contributed '" + got + "'");
                    }
                }
            }
            bootstrap.barrier();
            System.out.println("rank " + bootstrap.rank() + " of " + bootstrap.size() + " gathered " + rounds +
                " rounds over " + bootstrap.transportName() + " in job " + bootstrap.jobId());
        }
    }

    private static byte[] blob(final int rank, final int round)
    {
        return ("rank " + rank + " round " + round + " " + "x".repeat(rank * 10)).getBytes(StandardCharsets.UTF_8);
    }

    private static void fail(final String message)
    {
        System.err.println("GatherRank: " + message);
        System.exit(4);
    }
}
