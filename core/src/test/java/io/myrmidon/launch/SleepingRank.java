package io.myrmidon.launch;

/**
 * A test rank: prints {@code pid <pid> ready} once every rank is running (after a bootstrap
 * barrier), then sleeps for a minute, for tests that kill ranks or the launcher.
 */
public final class SleepingRank
{
    private SleepingRank()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        Bootstraps.forThisRank().barrier();
        System.out.println("pid " + ProcessHandle.current().pid() + " ready");
        Thread.sleep(60_000);
        System.out.println("woke up: nobody ended this rank");
    }
}
