package io.myrmidon.launch;

/**
 * A test rank: {@code ThrowingRank RANK} makes rank RANK throw; the others wait in a bootstrap
 * barrier that RANK never reaches.
 */
public final class ThrowingRank
{
    private ThrowingRank()
    {
    }

    public static void main(final String[] args)
    {
        final int failingRank = Integer.parseInt(args[0]);
        final var bootstrap = Bootstraps.forThisRank();
        if (bootstrap.rank() == failingRank)
        {
            throw new IllegalStateException("rank " + failingRank + " gives up on purpose");
        }
        bootstrap.barrier();
    }
}
