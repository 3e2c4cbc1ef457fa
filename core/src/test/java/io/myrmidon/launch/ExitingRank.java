package io.myrmidon.launch;

/**
 * A test rank: {@code ExitingRank RANK STATUS} makes rank RANK print a line and exit with STATUS
 * once every rank is running (after a bootstrap barrier); the other ranks sleep until ended.
 */
public final class ExitingRank
{
    private ExitingRank()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final int failingRank = Integer.parseInt(args[0]);
        final int status = Integer.parseInt(args[1]);
        final var bootstrap = Bootstraps.forThisRank();
        bootstrap.barrier();
        if (bootstrap.rank() == failingRank)
        {
            System.out.println("exiting with " + status);
            System.exit(status);
        }
        System.out.println("pid " + ProcessHandle.current().pid() + " sleeping");
        Thread.sleep(60_000);
        System.out.println("woke up: nobody ended this rank");
    }
}
