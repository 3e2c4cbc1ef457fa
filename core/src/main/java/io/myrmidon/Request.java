package io.myrmidon;

/**
 * A non-blocking operation in flight ({@code MPI_Request}), returned by {@code iSend},
 * {@code iRecv} and their kin.
 *
 * <h2>Life cycle</h2>
 * A request is active until a {@code test} reports it complete or a {@code waitFor} returns; at
 * that moment it is <em>released</em> (as MPI sets the handle to {@code MPI_REQUEST_NULL}) and the
 * library may reuse the object for a later operation. Do not use a request after it was reported
 * complete: keep the {@link Status} instead. Requests are pooled, so that non-blocking operations
 * do not allocate in steady state.
 *
 * <h2>Errors</h2>
 * An operation that fails (truncation, a dead peer) completes with an error: {@code waitFor} and
 * {@code test} fill the status, release the request and then throw a {@link MyrmidonException}
 * with the error class.
 *
 * <h2>Thread safety</h2>
 * Not thread safe: a request belongs to the rank that created it and is used from one thread at a
 * time, like every other Myrmidon object of that rank.
 */
public abstract class Request
{
    protected Request()
    {
    }

    /**
     * Drives progress once and reports whether the operation has completed ({@code MPI_Test}).
     * When it returns true the request is released.
     *
     * @param status filled when complete; may be null.
     * @return true when complete.
     * @throws MyrmidonException when the operation completed with an error.
     */
    public abstract boolean test(Status status);

    /**
     * {@link #test(Status)} ignoring the status.
     */
    public final boolean test()
    {
        return test(null);
    }

    /**
     * Waits until the operation completes, driving progress meanwhile ({@code MPI_Wait}), then
     * releases the request. Spins briefly, then backs off, then blocks.
     *
     * @param status filled on completion; may be null.
     * @throws MyrmidonException when the operation completed with an error.
     */
    public abstract void waitFor(Status status);

    /**
     * {@link #waitFor(Status)} ignoring the status.
     */
    public final void waitFor()
    {
        waitFor(null);
    }

    /**
     * Tries to cancel the operation ({@code MPI_Cancel}). A receive that has not matched yet is
     * cancelled; it then completes with {@link Status#isCancelled()} true and must still be
     * waited for or tested. Sends cannot be cancelled.
     *
     * @return true when the operation was cancelled.
     */
    public abstract boolean cancel();

    /**
     * @return true while the request has not been reported complete and released.
     */
    public abstract boolean isActive();

    /**
     * Waits for all of the first {@code count} requests ({@code MPI_Waitall}). Null entries are
     * skipped. Entries are released as they complete; all are waited for even when one fails, then
     * the first error is thrown.
     */
    public static void waitAll(final Request[] requests, final int count)
    {
        checkCount(requests, count);
        MyrmidonException firstError = null;
        for (int i = 0; i < count; i++)
        {
            final Request request = requests[i];
            if (request != null && request.isActive())
            {
                try
                {
                    request.waitFor(null);
                }
                catch (final MyrmidonException ex)
                {
                    if (firstError == null)
                    {
                        firstError = ex;
                    }
                }
            }
        }
        if (firstError != null)
        {
            throw firstError;
        }
    }

    /**
     * Waits for all the given requests ({@code MPI_Waitall}).
     */
    public static void waitAll(final Request... requests)
    {
        waitAll(requests, requests.length);
    }

    /**
     * Tests all of the first {@code count} requests ({@code MPI_Testall}): true when every one is
     * complete (and then all are released); false otherwise, and none is released.
     */
    public static boolean testAll(final Request[] requests, final int count)
    {
        checkCount(requests, count);
        for (int i = 0; i < count; i++)
        {
            final Request request = requests[i];
            if (request != null && request.isActive() && !request.isCompleteNoRelease())
            {
                return false;
            }
        }
        waitAll(requests, count);
        return true;
    }

    /**
     * Waits until one of the first {@code count} requests completes ({@code MPI_Waitany}) and
     * releases it.
     *
     * @param status filled for the completed request; may be null.
     * @return the index of the completed request, or -1 when none is active.
     */
    public static int waitAny(final Request[] requests, final int count, final Status status)
    {
        checkCount(requests, count);
        while (true)
        {
            boolean anyActive = false;
            Request first = null;
            for (int i = 0; i < count; i++)
            {
                final Request request = requests[i];
                if (request != null && request.isActive())
                {
                    anyActive = true;
                    if (first == null)
                    {
                        first = request;
                    }
                    if (request.test(status))
                    {
                        return i;
                    }
                }
            }
            if (!anyActive)
            {
                return -1;
            }
            first.idle();
        }
    }

    /**
     * Tests the first {@code count} requests once each ({@code MPI_Testany}).
     *
     * @return the index of a request that completed (and was released), or -1.
     */
    public static int testAny(final Request[] requests, final int count, final Status status)
    {
        checkCount(requests, count);
        for (int i = 0; i < count; i++)
        {
            final Request request = requests[i];
            if (request != null && request.isActive() && request.test(status))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return true when complete, without releasing the request. For {@link #testAll}.
     */
    protected abstract boolean isCompleteNoRelease();

    /**
     * Waits a little the way a blocked rank does (spin, back off, block) after a pass that found
     * nothing to do. For {@link #waitAny}.
     */
    protected abstract void idle();

    private static void checkCount(final Request[] requests, final int count)
    {
        if (requests == null)
        {
            throw new MyrmidonException(ErrorClass.REQUEST, "the request array is null");
        }
        if (count < 0 || count > requests.length)
        {
            throw new MyrmidonException(ErrorClass.COUNT,
                "count " + count + " is outside 0.." + requests.length + " (the length of the request array)");
        }
    }
}
