package mpi;

import java.nio.Buffer;

/**
 * A probed message to be received by {@link #mRecv} ({@code MPI_Message}).
 *
 * <p>{@link #mProbe} and {@link #imProbe} take the message out of matching (Myrmidon's matched
 * probe): no other receive can match it any more, whatever thread or wildcard posts it, and only
 * this object's {@link #mRecv} or {@link #imRecv} receives it, once. Not thread safe: hand the
 * object to the thread that receives.
 */
public final class Message
{
    private CommState comm;
    private io.myrmidon.Message held;
    private boolean noProc;

    /**
     * Creates a null message.
     */
    public Message()
    {
    }

    /**
     * @return true when no message is held.
     */
    public boolean isNull()
    {
        return held == null && !noProc;
    }

    /**
     * @return true when the probe was for {@link MPI#PROC_NULL} ({@code MPI_MESSAGE_NO_PROC}).
     */
    public boolean isNoProc()
    {
        return noProc;
    }

    /**
     * Waits for a matching message and takes it ({@code MPI_Mprobe}).
     */
    public Status mProbe(final int source, final int tag, final Comm comm) throws MPIException
    {
        final CommState state = comm.state();
        try
        {
            final io.myrmidon.Message message = state.pointToPoint().mProbe(state.peer("mProbe", source), tag,
                state.rank.status);
            final Status status = state.status(state.rank.status);
            hold(state, message);
            return status;
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * Takes a matching message when there is one ({@code MPI_Improbe}).
     *
     * @return true when a message is now held.
     */
    public boolean imProbe(final int source, final int tag, final Comm comm) throws MPIException
    {
        final CommState state = comm.state();
        try
        {
            final io.myrmidon.Message message = state.pointToPoint().imProbe(state.peer("imProbe", source), tag,
                state.rank.status);
            if (message == null)
            {
                return false;
            }
            hold(state, message);
            return true;
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * Receives the held message ({@code MPI_Mrecv}).
     */
    public Status mRecv(final Object buf, final int count, final Datatype type) throws MPIException
    {
        if (noProc)
        {
            noProc = false;
            return Status.procNull();
        }
        final CommState state = comm();
        final io.myrmidon.Message message = take();
        try
        {
            return PointToPoint.mRecv(state, message, buf, count, type);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * Starts receiving the held message ({@code MPI_Imrecv}).
     */
    public Request imRecv(final Buffer buf, final int count, final Datatype type) throws MPIException
    {
        if (noProc)
        {
            noProc = false;
            return Request.done(null, Status.procNull());
        }
        final CommState state = comm();
        final io.myrmidon.Message message = take();
        try
        {
            return PointToPoint.imRecv(state, message, buf, count, type);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    private void hold(final CommState state, final io.myrmidon.Message message)
    {
        noProc = message.isNoProcess();
        this.comm = noProc ? null : state;
        this.held = noProc ? null : message;
    }

    private CommState comm() throws MPIException
    {
        MPI.check();
        if (held == null)
        {
            throw new MPIException(MPI.ERR_REQUEST, MPI.ERR_REQUEST, "Message: no message is held; call mProbe or " +
                "imProbe first");
        }
        return comm;
    }

    private io.myrmidon.Message take()
    {
        final io.myrmidon.Message message = held;
        held = null;
        comm = null;
        return message;
    }
}
