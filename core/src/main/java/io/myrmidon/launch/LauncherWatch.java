package io.myrmidon.launch;

import java.util.Optional;

/**
 * Ends a rank process whose launcher died (for example, killed with SIGKILL, which leaves it no
 * chance to end its ranks): a daemon thread looks at the launcher process twice a second and, once
 * it is gone, prints why and halts this JVM. Without it, orphaned ranks would run on until their
 * next start-up or shut-down exchange failed.
 */
final class LauncherWatch
{
    private static final long PERIOD_MILLIS = 500;

    private LauncherWatch()
    {
    }

    /**
     * Starts watching this process's parent, when it has one, and when that parent is the launcher.
     *
     * @param rank this rank, for the message.
     */
    static void start(final int rank)
    {
        final Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() == 1)
        {
            return;
        }
        final ProcessHandle launcher = parent.get();
        final Thread watch = new Thread(() ->
        {
            while (launcher.isAlive())
            {
                try
                {
                    Thread.sleep(PERIOD_MILLIS);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
            System.err.println("myrmidon: rank " + rank + ": the launcher (pid " + launcher.pid() +
                ") is gone; ending this rank");
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }, "myrmidon-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
