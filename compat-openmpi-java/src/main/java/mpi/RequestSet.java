package mpi;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Status;

import java.util.concurrent.locks.LockSupport;

/**
 * Several Myrmidon requests seen as one: complete when all are (a neighbourhood collective's
 * sends and receives, for instance), so that a {@link Request} of this layer can hold them. Each
 * part is released as soon as a test or wait finds it complete; null parts are skipped. A
 * {@link PartCheck} sees every part's status as it completes and decides what counts as its
 * failure; once all parts have completed, the set reports the failure of the first failed part in
 * the array's order (whatever order they completed in). Not thread safe.
 */
final class RequestSet extends io.myrmidon.Request
{
    /** How long a waiting rank parks between passes over the parts, in {@link #idle()}. */
    private static final long IDLE_PARK_NANOS = 20_000;
    /** Reports each part's own failure, and nothing else. */
    private static final PartCheck AS_IS = (part, status, error) -> error;

    /**
     * Looks at one part of the set as it completes.
     */
    @FunctionalInterface
    interface PartCheck
    {
        /**
         * @param part   the part's index in the array the set was made of.
         * @param status the part's status: for a receive, the bytes it got (for a truncated one,
         *               the bytes that were sent).
         * @param error  the part's own failure, or null.
         * @return the failure to report for this part, or null when it succeeded.
         */
        MyrmidonException check(int part, Status status, MyrmidonException error);
    }

    private final io.myrmidon.Request[] parts;
    private final PartCheck check;
    private final Status partStatus = new Status();
    private MyrmidonException failure;
    private int failedPart;
    private boolean active = true;

    /**
     * A set that reports its parts' own failures.
     */
    RequestSet(final io.myrmidon.Request[] parts)
    {
        this(parts, AS_IS);
    }

    /**
     * A set whose parts' outcomes {@code check} judges. Takes over {@code parts}: completed parts
     * are cleared from it.
     */
    RequestSet(final io.myrmidon.Request[] parts, final PartCheck check)
    {
        this.parts = parts;
        this.check = check;
    }

    @Override
    public boolean test(final Status status)
    {
        checkActive();
        if (!isCompleteNoRelease())
        {
            return false;
        }
        finish(status);
        return true;
    }

    /**
     * Waits for every part, even after one failed, then reports the first failure.
     */
    @Override
    public void waitFor(final Status status)
    {
        checkActive();
        for (int i = 0; i < parts.length; i++)
        {
            if (parts[i] != null)
            {
                MyrmidonException error = null;
                try
                {
                    parts[i].waitFor(partStatus);
                }
                catch (final MyrmidonException ex)
                {
                    error = ex;
                }
                completed(i, error);
            }
        }
        finish(status);
    }

    @Override
    public boolean cancel()
    {
        checkActive();
        return false;
    }

    @Override
    public boolean isActive()
    {
        return active;
    }

    /**
     * Tests each part still in flight once, releasing those that have completed, but not this
     * set: it stays active until a test or wait reports it.
     */
    @Override
    protected boolean isCompleteNoRelease()
    {
        boolean all = true;
        for (int i = 0; i < parts.length; i++)
        {
            if (parts[i] != null)
            {
                MyrmidonException error = null;
                boolean done;
                try
                {
                    done = parts[i].test(partStatus);
                }
                catch (final MyrmidonException ex)
                {
                    done = true;
                    error = ex;
                }
                if (done)
                {
                    completed(i, error);
                }
                else
                {
                    all = false;
                }
            }
        }
        return all;
    }

    /**
     * A short park: the parts' own waiting is not reachable from here, and a rank that waits on
     * several requests must not burn a core.
     */
    @Override
    protected void idle()
    {
        LockSupport.parkNanos(IDLE_PARK_NANOS);
    }

    /**
     * Part {@code i} has completed and was released (its status is in {@link #partStatus}).
     */
    private void completed(final int i, final MyrmidonException error)
    {
        parts[i] = null;
        final MyrmidonException judged = check.check(i, partStatus, error);
        if (judged != null && (failure == null || i < failedPart))
        {
            failure = judged;
            failedPart = i;
        }
    }

    private void finish(final Status status)
    {
        active = false;
        if (status != null)
        {
            status.set(io.myrmidon.Communicator.ANY_SOURCE, io.myrmidon.Communicator.ANY_TAG, 0,
                failure == null ? ErrorClass.SUCCESS : failure.errorClass(), false);
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    private void checkActive()
    {
        if (!active)
        {
            throw new MyrmidonException(ErrorClass.REQUEST, "this request was already reported complete; do not " +
                "use it again");
        }
    }
}
