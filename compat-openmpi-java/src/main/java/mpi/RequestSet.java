package mpi;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Status;

import java.util.concurrent.locks.LockSupport;

/**
 * Several Myrmidon requests seen as one: complete when all are (a neighbourhood collective's
 * sends and receives, for instance), so that a {@link Request} of this layer can hold them.
 * Myrmidon releases the parts when they all have completed; null parts are skipped. Not thread
 * safe.
 */
final class RequestSet extends io.myrmidon.Request
{
    /** How long a waiting rank parks between passes over the parts, in {@link #idle()}. */
    private static final long IDLE_PARK_NANOS = 20_000;

    private final io.myrmidon.Request[] parts;
    private boolean partsDone;
    private boolean active = true;

    RequestSet(final io.myrmidon.Request[] parts)
    {
        this.parts = parts;
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

    @Override
    public void waitFor(final Status status)
    {
        checkActive();
        if (!partsDone)
        {
            partsDone = true;
            io.myrmidon.Request.waitAll(parts, parts.length);
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
     * Completing all parts releases them, but not this set: it stays active until a test or wait
     * reports it.
     */
    @Override
    protected boolean isCompleteNoRelease()
    {
        if (!partsDone)
        {
            partsDone = io.myrmidon.Request.testAll(parts, parts.length);
        }
        return partsDone;
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

    private void finish(final Status status)
    {
        active = false;
        if (status != null)
        {
            status.set(io.myrmidon.Communicator.ANY_SOURCE, io.myrmidon.Communicator.ANY_TAG, 0, ErrorClass.SUCCESS,
                false);
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
