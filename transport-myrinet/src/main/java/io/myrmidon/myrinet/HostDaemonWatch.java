package io.myrmidon.myrinet;

/**
 * Notices that the host daemon (the NIC model and the VMM this rank is a guest of) died: with it gone no event
 * would ever arrive and a waiting rank would hang, so the transport reports every peer failed instead. Checked
 * from {@link MyrinetTransport#await} (the idle path) at most every {@link #CHECK_INTERVAL_NS}, and whenever a
 * control operation fails.
 * <p>
 * Not thread safe: the rank's thread only. {@link #check()} does not allocate.
 */
final class HostDaemonWatch
{
    /** How often an idle rank looks at the daemon. */
    static final long CHECK_INTERVAL_NS = 50_000_000L;

    private final ProcessHandle daemon;
    private final String socket;
    private long nextCheck;
    private String lost;

    /**
     * @param daemon the daemon's process.
     * @param socket its VMM socket, for messages.
     */
    HostDaemonWatch(final ProcessHandle daemon, final String socket)
    {
        this.daemon = daemon;
        this.socket = socket;
    }

    /**
     * @return why the daemon is considered lost, or null while it runs.
     */
    String check()
    {
        if (lost == null)
        {
            final long now = System.nanoTime();
            if (now - nextCheck >= 0)
            {
                nextCheck = now + CHECK_INTERVAL_NS;
                if (!daemon.isAlive())
                {
                    lost = "the myrinet host daemon (pid " + daemon.pid() + ", " + socket + ") died: this rank's NIC " +
                        "is gone; start a daemon ('bin/myrmidon host start') and run the job again";
                }
            }
        }
        return lost;
    }

    /**
     * A control operation (mediated post, pull) failed: the daemon died or dropped this guest.
     *
     * @param failure what was thrown.
     */
    void controlFailed(final RuntimeException failure)
    {
        if (lost == null)
        {
            nextCheck = System.nanoTime();
            if (check() == null)
            {
                lost = "the VMM (" + socket + ") failed a control operation of this rank: " + failure.getMessage();
            }
        }
    }

    /**
     * @return the reason found by the last check, or null.
     */
    String lost()
    {
        return lost;
    }
}
