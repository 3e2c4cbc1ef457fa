package mpi;

import java.nio.Buffer;

/**
 * A probed message to be received by {@link #mRecv} ({@code MPI_Message}).
 *
 * <p>Myrmidon has no matched probe, so the probed message is remembered by its source and tag, and
 * the receive matches exactly those: messages between two processes do not overtake each other,
 * so it gets the probed message, unless the program posts another receive that could match it in
 * between (which {@code MPI_Mprobe} would prevent; with one thread per rank, do not). Not thread
 * safe.
 */
public final class Message
{
    private Comm comm;
    private int source = MPI.ANY_SOURCE;
    private int tag = MPI.ANY_TAG;
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
        return comm == null && !noProc;
    }

    /**
     * @return true when the probe was for {@link MPI#PROC_NULL} ({@code MPI_MESSAGE_NO_PROC}).
     */
    public boolean isNoProc()
    {
        return noProc;
    }

    /**
     * Waits for a matching message and holds it ({@code MPI_Mprobe}).
     */
    public Status mProbe(final int source, final int tag, final Comm comm) throws MPIException
    {
        final Status status = comm.probe(source, tag);
        hold(comm, status);
        return status;
    }

    /**
     * Holds a matching message when there is one ({@code MPI_Improbe}).
     *
     * @return true when a message is now held.
     */
    public boolean imProbe(final int source, final int tag, final Comm comm) throws MPIException
    {
        final Status status = comm.iProbe(source, tag);
        if (status == null)
        {
            return false;
        }
        hold(comm, status);
        return true;
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
        final Comm held = take();
        return held.recv(buf, count, type, source, tag);
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
        final Comm held = take();
        return held.iRecv(buf, count, type, source, tag);
    }

    private void hold(final Comm comm, final Status status)
    {
        noProc = status.getSource() == MPI.PROC_NULL;
        this.comm = noProc ? null : comm;
        this.source = status.getSource();
        this.tag = status.getTag();
    }

    private Comm take() throws MPIException
    {
        MPI.check();
        if (comm == null)
        {
            throw new MPIException(MPI.ERR_REQUEST, MPI.ERR_REQUEST, "Message: no message is held; call mProbe or " +
                "imProbe first");
        }
        final Comm held = comm;
        comm = null;
        return held;
    }
}
