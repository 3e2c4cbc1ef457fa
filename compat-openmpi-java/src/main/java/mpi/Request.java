package mpi;

import io.myrmidon.MyrmidonException;

/**
 * A non-blocking operation ({@code MPI_Request}).
 *
 * <h2>Life cycle</h2>
 * Active from its start until a {@code wait}/{@code test} reports it complete; then a request
 * becomes null ({@link #isNull()}, like {@code MPI_REQUEST_NULL}) and a persistent
 * {@link Prequest} becomes inactive until its next {@code start}. Waiting for or testing a null or
 * inactive request completes at once with an empty status. The Myrmidon request underneath is
 * pooled and released at completion; this object keeps what the program may still ask for.
 *
 * <h2>Buffers</h2>
 * Operations on arrays, heap buffers and non-contiguous datatypes run through a private
 * off-heap copy (the garbage collector may move an array while the operation is in flight); a
 * receive copies into the program's memory when it completes, in the call that reports the
 * completion. Direct buffers with contiguous datatypes are used in place: do not touch them until
 * the request completes.
 *
 * <p>Not thread safe.
 */
public class Request implements Freeable
{
    /** What {@link #awaitWithoutStatus} leaves in {@code completed}: done, no status kept. */
    private static final Status UNREPORTED = new Status();

    /**
     * Runs when the operation underneath has completed successfully, before the status is
     * reported: copies a receive's staging memory into the program's buffer.
     */
    @FunctionalInterface
    interface Completion
    {
        void complete(io.myrmidon.Status status);
    }

    final CommState comm;
    io.myrmidon.Request inner;
    Completion completion;
    Object keepAlive;
    Status completed;
    boolean active;

    Request(final CommState comm)
    {
        this.comm = comm;
    }

    /**
     * An active request whose operation runs in Myrmidon.
     */
    static Request started(final CommState comm, final io.myrmidon.Request inner, final Completion completion,
        final Object keepAlive)
    {
        final Request request = new Request(comm);
        request.begin(inner, completion, keepAlive);
        return request;
    }

    /**
     * An active request that is already complete (a send to PROC_NULL, a buffered send).
     */
    static Request done(final CommState comm, final Status status)
    {
        final Request request = new Request(comm);
        request.active = true;
        request.completed = status;
        return request;
    }

    final void begin(final io.myrmidon.Request inner, final Completion completion, final Object keepAlive)
    {
        this.inner = inner;
        this.completion = completion;
        this.keepAlive = keepAlive;
        this.completed = null;
        this.active = true;
    }

    /**
     * Marks the request for release ({@code MPI_Request_free}): an operation in flight still
     * completes, but nothing reports it.
     */
    @Override
    public void free() throws MPIException
    {
        MPI.check();
        if (inner != null)
        {
            detach();
        }
        active = false;
        completed = null;
    }

    /**
     * Tries to cancel the operation ({@code MPI_Cancel}); a receive that has not matched yet is
     * cancelled, and must still be completed with {@code wait} or {@code test}.
     */
    public final void cancel() throws MPIException
    {
        MPI.check();
        if (inner != null)
        {
            inner.cancel();
        }
    }

    /**
     * @return true when this is {@link MPI#REQUEST_NULL} or a completed non-persistent request.
     */
    public final boolean isNull()
    {
        return !active && !isPersistent();
    }

    /**
     * Waits for the operation and returns its status ({@code MPI_Wait}).
     */
    public final Status waitStatus() throws MPIException
    {
        MPI.check();
        return await(RankState.current());
    }

    /**
     * Waits for the operation ({@code MPI_Wait}).
     */
    public final void waitFor() throws MPIException
    {
        MPI.check();
        final RankState rank = RankState.current();
        awaitWithoutStatus(rank);
        if (comm != null)
        {
            comm.rank.bufferedSends.reapIfAny();
        }
    }

    /**
     * @return the status when the operation has completed, otherwise null ({@code MPI_Test}).
     */
    public final Status testStatus() throws MPIException
    {
        MPI.check();
        final RankState rank = RankState.current();
        return poll(rank) ? finish() : null;
    }

    /**
     * @return true when the operation has completed ({@code MPI_Test}).
     */
    public final boolean test() throws MPIException
    {
        return testStatus() != null;
    }

    /**
     * @return the status when the operation has completed, otherwise null, without completing
     * the request: a later wait or test still reports it ({@code MPI_Request_get_status}).
     */
    public final Status getStatus() throws MPIException
    {
        MPI.check();
        if (!active)
        {
            return new Status();
        }
        return poll(RankState.current()) ? completed : null;
    }

    // ------------------------------------------------------------------ arrays of requests

    /**
     * Waits until one of the requests completes ({@code MPI_Waitany}).
     *
     * @return its status, with {@link Status#getIndex()} set; an empty status with index
     * {@link MPI#UNDEFINED} when none is active.
     */
    public static Status waitAnyStatus(final Request[] requests) throws MPIException
    {
        MPI.check();
        final RankState rank = RankState.current();
        final int index = awaitAny(rank, requests);
        return index == MPI.UNDEFINED ? new Status() : requests[index].finish().withIndex(index);
    }

    /**
     * Waits until one of the requests completes ({@code MPI_Waitany}).
     *
     * @return its index, or {@link MPI#UNDEFINED} when none is active.
     */
    public static int waitAny(final Request[] requests) throws MPIException
    {
        return waitAnyStatus(requests).getIndex();
    }

    /**
     * Tests the requests once each ({@code MPI_Testany}).
     *
     * @return the status of one that completed, with its index; null when none did.
     */
    public static Status testAnyStatus(final Request[] requests) throws MPIException
    {
        MPI.check();
        final RankState rank = RankState.current();
        boolean anyActive = false;
        for (int i = 0; i < requests.length; i++)
        {
            final Request request = requests[i];
            if (request != null && request.active)
            {
                anyActive = true;
                if (request.poll(rank))
                {
                    return request.finish().withIndex(i);
                }
            }
        }
        return anyActive ? null : new Status();
    }

    /**
     * Tests the requests once each ({@code MPI_Testany}).
     *
     * @return the index of one that completed, or {@link MPI#UNDEFINED}.
     */
    public static int testAny(final Request[] requests) throws MPIException
    {
        final Status status = testAnyStatus(requests);
        return status == null ? MPI.UNDEFINED : status.getIndex();
    }

    /**
     * Waits for all requests ({@code MPI_Waitall}).
     *
     * @return their statuses (empty ones for null or inactive requests).
     */
    public static Status[] waitAllStatus(final Request[] requests) throws MPIException
    {
        MPI.check();
        final RankState rank = RankState.current();
        final Status[] statuses = new Status[requests.length];
        MPIException first = null;
        for (int i = 0; i < requests.length; i++)
        {
            try
            {
                statuses[i] = requests[i] == null ? new Status() : requests[i].await(rank).withIndex(i);
            }
            catch (final MPIException ex)
            {
                if (first == null)
                {
                    first = ex;
                }
            }
        }
        if (first != null)
        {
            throw first;
        }
        return statuses;
    }

    /**
     * Waits for all requests ({@code MPI_Waitall}). The program asks for no status, so none is
     * made: an OSU-style window of non-blocking calls allocates only its requests.
     */
    public static void waitAll(final Request[] requests) throws MPIException
    {
        final RankState rank = RankState.checked();
        MPIException first = null;
        for (final Request request : requests)
        {
            if (request == null)
            {
                continue;
            }
            try
            {
                request.awaitWithoutStatus(rank);
            }
            catch (final MPIException ex)
            {
                if (first == null)
                {
                    first = ex;
                }
            }
        }
        rank.bufferedSends.reapIfAny();
        if (first != null)
        {
            throw first;
        }
    }

    /**
     * Tests all requests ({@code MPI_Testall}).
     *
     * @return their statuses when all have completed (and then all are completed), else null.
     */
    public static Status[] testAllStatus(final Request[] requests) throws MPIException
    {
        MPI.check();
        final RankState rank = RankState.current();
        boolean all = true;
        for (final Request request : requests)
        {
            if (request != null && request.active && !request.poll(rank))
            {
                all = false;
            }
        }
        return all ? waitAllStatus(requests) : null;
    }

    /**
     * Tests all requests ({@code MPI_Testall}).
     */
    public static boolean testAll(final Request[] requests) throws MPIException
    {
        return testAllStatus(requests) != null;
    }

    /**
     * Waits until at least one request completes and reports all that have ({@code MPI_Waitsome}).
     *
     * @return their statuses with indexes, or null when none is active.
     */
    public static Status[] waitSomeStatus(final Request[] requests) throws MPIException
    {
        MPI.check();
        final RankState rank = RankState.current();
        if (awaitAny(rank, requests) == MPI.UNDEFINED)
        {
            return null;
        }
        return collectCompleted(rank, requests);
    }

    /**
     * Waits until at least one request completes ({@code MPI_Waitsome}).
     *
     * @return the indexes of those that completed, or null when none is active.
     */
    public static int[] waitSome(final Request[] requests) throws MPIException
    {
        return indexes(waitSomeStatus(requests));
    }

    /**
     * Reports the requests that have completed, without waiting ({@code MPI_Testsome}).
     *
     * @return their statuses (possibly none), or null when none is active.
     */
    public static Status[] testSomeStatus(final Request[] requests) throws MPIException
    {
        MPI.check();
        final RankState rank = RankState.current();
        boolean anyActive = false;
        for (final Request request : requests)
        {
            anyActive |= request != null && request.active;
        }
        return anyActive ? collectCompleted(rank, requests) : null;
    }

    /**
     * Reports the requests that have completed, without waiting ({@code MPI_Testsome}).
     *
     * @return their indexes (possibly none), or null when none is active.
     */
    public static int[] testSome(final Request[] requests) throws MPIException
    {
        return indexes(testSomeStatus(requests));
    }

    // ------------------------------------------------------------------ internals

    boolean isPersistent()
    {
        return false;
    }

    /**
     * Drives progress once.
     *
     * @return true when the operation has completed (its status is then kept in
     * {@link #completed}).
     */
    final boolean poll(final RankState rank) throws MPIException
    {
        if (!active)
        {
            return true;
        }
        if (completed != null)
        {
            return true;
        }
        try
        {
            if (inner.test(rank.status))
            {
                complete(rank.status);
                return true;
            }
            return false;
        }
        catch (final MyrmidonException ex)
        {
            throw failed(rank, ex);
        }
    }

    private Status await(final RankState rank) throws MPIException
    {
        if (active && completed == null)
        {
            try
            {
                inner.waitFor(rank.status);
            }
            catch (final MyrmidonException ex)
            {
                throw failed(rank, ex);
            }
            complete(rank.status);
        }
        if (comm != null)
        {
            comm.rank.bufferedSends.reapIfAny();
        }
        return finish();
    }

    /**
     * As {@link #await} for a caller that discards the status: a request still in flight completes
     * without making one. The caller reaps the buffered sends afterwards (once per call).
     */
    private void awaitWithoutStatus(final RankState rank) throws MPIException
    {
        final io.myrmidon.Request operation = inner;
        if (operation != null && completion == null && completed == null)
        {
            // in flight on the program's own memory (nothing to unpack): the common case, kept short
            try
            {
                operation.waitFor(null);
            }
            catch (final MyrmidonException ex)
            {
                throw failed(rank, ex);
            }
            inner = null;
            keepAlive = null;
            active = false;
            return;
        }
        if (active && completed == null)
        {
            try
            {
                inner.waitFor(rank.status);
            }
            catch (final MyrmidonException ex)
            {
                throw failed(rank, ex);
            }
            complete(rank.status, false);
        }
        finish();
    }

    private void complete(final io.myrmidon.Status status) throws MPIException
    {
        complete(status, true);
    }

    /**
     * The operation underneath has completed: runs the {@link Completion} and keeps the status.
     * A completion that fails (a received block of the wrong length, a user function that
     * throws) fails the request through the communicator's error handler, as a failure of the
     * operation underneath does.
     */
    private void complete(final io.myrmidon.Status status, final boolean keepStatus) throws MPIException
    {
        inner = null;
        final Completion pending = completion;
        completion = null;
        keepAlive = null;
        if (pending != null)
        {
            try
            {
                pending.complete(status);
            }
            catch (final RuntimeException ex)
            {
                active = false;
                throw report(ex);
            }
        }
        if (keepStatus)
        {
            completed = comm != null ? comm.status(status) : Status.of(status);
        }
        else
        {
            completed = UNREPORTED;
        }
    }

    /**
     * Reports the completion: the request becomes null (or inactive, when persistent).
     */
    private Status finish()
    {
        final Status status = active ? completed : new Status();
        active = false;
        completed = null;
        return status;
    }

    private MPIException failed(final RankState rank, final MyrmidonException ex) throws MPIException
    {
        inner = null;
        completion = null;
        keepAlive = null;
        active = false;
        throw report(ex);
    }

    /**
     * @return the failure as the program sees it, through the communicator's error handler.
     */
    private MPIException report(final RuntimeException failure)
    {
        return comm != null ? comm.fail(failure) : new MPIException(ErrorClasses.of(failure), failure.getMessage(),
            failure);
    }

    /**
     * Lets an operation that nobody waits for any more complete in the background: buffered sends
     * and freed requests are finished by the rank's next progress through
     * {@link BufferedSends}.
     */
    private void detach()
    {
        comm.rank.bufferedSends.adopt(inner, keepAlive, 0, completion);
        inner = null;
        completion = null;
        keepAlive = null;
    }

    private static int awaitAny(final RankState rank, final Request[] requests) throws MPIException
    {
        final io.myrmidon.Request[] inners = new io.myrmidon.Request[requests.length];
        boolean anyActive = false;
        for (int i = 0; i < requests.length; i++)
        {
            final Request request = requests[i];
            if (request != null && request.active)
            {
                if (request.completed != null)
                {
                    return i;
                }
                anyActive = true;
                inners[i] = request.inner;
            }
        }
        if (!anyActive)
        {
            return MPI.UNDEFINED;
        }
        try
        {
            final int index = io.myrmidon.Request.waitAny(inners, inners.length, rank.status);
            requests[index].complete(rank.status);
            return index;
        }
        catch (final MyrmidonException ex)
        {
            for (int i = 0; i < inners.length; i++)
            {
                if (inners[i] != null && !inners[i].isActive())
                {
                    throw requests[i].failed(rank, ex);
                }
            }
            throw new MPIException(ErrorClasses.of(ex), ex.getMessage(), ex);
        }
    }

    private static Status[] collectCompleted(final RankState rank, final Request[] requests) throws MPIException
    {
        int n = 0;
        final Status[] found = new Status[requests.length];
        for (int i = 0; i < requests.length; i++)
        {
            final Request request = requests[i];
            if (request != null && request.active && request.poll(rank))
            {
                found[n++] = request.finish().withIndex(i);
            }
        }
        return java.util.Arrays.copyOf(found, n);
    }

    private static int[] indexes(final Status[] statuses)
    {
        if (statuses == null)
        {
            return null;
        }
        final int[] indexes = new int[statuses.length];
        for (int i = 0; i < statuses.length; i++)
        {
            indexes[i] = statuses[i].getIndex();
        }
        return indexes;
    }
}
