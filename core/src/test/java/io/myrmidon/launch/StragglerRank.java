package io.myrmidon.launch;

/**
 * A test rank: the last rank sleeps instead of joining the start-up barrier, so that the others
 * time out in it (run with a short {@code --exchange-timeout}).
 */
public final class StragglerRank
{
    private StragglerRank()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final var bootstrap = Bootstraps.forThisRank();
        if (bootstrap.rank() == bootstrap.size() - 1)
        {
            Thread.sleep(60_000);
        }
        bootstrap.barrier();
    }
}
