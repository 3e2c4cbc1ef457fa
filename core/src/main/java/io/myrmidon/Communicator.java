package io.myrmidon;

import io.myrmidon.engine.Engine;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A group of ranks with its own matching context ({@code MPI_Comm}): messages sent on one
 * communicator never match receives on another.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Messages from one sender to one receiver on one communicator do not overtake each other,
 *   whatever their sizes and protocols.</li>
 *   <li>Wildcard receives ({@link #ANY_SOURCE}, {@link #ANY_TAG}) match in arrival order;
 *   {@link #probe} reports what the next matching receive would get.</li>
 *   <li>A message longer than the receive buffer fails the receive with
 *   {@link ErrorClass#TRUNCATE} and writes nothing.</li>
 *   <li>A dead peer fails operations that involve it with {@link ErrorClass#PEER_DIED}.</li>
 * </ul>
 * Buffers are Agrona buffers with an offset and a length in bytes; any {@link DirectBuffer} works
 * (heap or off-heap), and {@link Myrmidon#allocate(int)} gives memory the transport moves best.
 *
 * <h2>Thread safety</h2>
 * Not thread safe: a rank's objects are used by one thread at a time
 * ({@code MPI_THREAD_SERIALIZED}).
 */
public final class Communicator
{
    /** Matches a message from any source ({@code MPI_ANY_SOURCE}). */
    public static final int ANY_SOURCE = -1;
    /** Matches a message with any tag ({@code MPI_ANY_TAG}). */
    public static final int ANY_TAG = -1;
    /** The null process: sends to it and receives from it complete at once ({@code MPI_PROC_NULL}). */
    public static final int PROC_NULL = -2;
    /** The largest tag a user may use ({@code MPI_TAG_UB}). */
    public static final int TAG_UB = Integer.MAX_VALUE;

    private final Myrmidon myrmidon;
    private final Engine engine;
    private final int context;
    private final int collectiveContext;
    private final int[] commToWorld;
    private final int[] worldToComm;
    private final int rank;
    private final int size;
    private boolean freed;

    Communicator(final Myrmidon myrmidon, final Engine engine, final int context, final int[] commToWorld)
    {
        this.myrmidon = myrmidon;
        this.engine = engine;
        this.context = context;
        this.collectiveContext = context + 1;
        this.commToWorld = commToWorld.clone();
        this.size = commToWorld.length;
        this.worldToComm = new int[engine.size()];
        java.util.Arrays.fill(worldToComm, -1);
        for (int i = 0; i < size; i++)
        {
            worldToComm[commToWorld[i]] = i;
        }
        this.rank = worldToComm[engine.rank()];
        engine.registerContext(context, worldToComm);
        engine.registerContext(collectiveContext, worldToComm);
    }

    /**
     * @return this rank's number in the communicator ({@code MPI_Comm_rank}).
     */
    public int rank()
    {
        return rank;
    }

    /**
     * @return the number of ranks in the communicator ({@code MPI_Comm_size}).
     */
    public int size()
    {
        return size;
    }

    /**
     * @return the Myrmidon instance this communicator belongs to.
     */
    public Myrmidon myrmidon()
    {
        return myrmidon;
    }

    /**
     * @return the context id of point-to-point traffic (the next id is its collectives').
     */
    public int contextId()
    {
        return context;
    }

    /**
     * @param rank a rank of this communicator.
     * @return the same process's rank in the world communicator.
     */
    public int worldRank(final int rank)
    {
        return commToWorld[rank];
    }

    // ------------------------------------------------------------------ sends

    /**
     * Blocking send ({@code MPI_Send}): returns when the buffer may be reused. Small messages
     * return as soon as they are copied out; large ones once the receiver has taken them.
     *
     * @param buffer      the bytes to send.
     * @param offset      where they start.
     * @param length      how many, 0 or more.
     * @param destination a rank of this communicator, or {@link #PROC_NULL}.
     * @param tag         0..{@link #TAG_UB}.
     */
    public void send(final DirectBuffer buffer, final int offset, final int length, final int destination,
        final int tag)
    {
        checkSend("send", buffer, offset, length, destination, tag);
        engine.sendBlocking(context, buffer, offset, length, toWorld(destination), tag);
    }

    /**
     * Synchronous send ({@code MPI_Ssend}): returns only once the matching receive has been
     * posted (the message matched).
     */
    public void ssend(final DirectBuffer buffer, final int offset, final int length, final int destination,
        final int tag)
    {
        checkSend("ssend", buffer, offset, length, destination, tag);
        final Request request = engine.startSend(context, buffer, offset, length, toWorld(destination), tag, true, true);
        request.waitFor(null);
    }

    /**
     * Non-blocking send ({@code MPI_Isend}). Do not change the buffer until the request completes.
     */
    public Request iSend(final DirectBuffer buffer, final int offset, final int length, final int destination,
        final int tag)
    {
        checkSend("iSend", buffer, offset, length, destination, tag);
        return engine.startSend(context, buffer, offset, length, toWorld(destination), tag, false, false);
    }

    /**
     * Non-blocking synchronous send ({@code MPI_Issend}): completes once the message matched.
     */
    public Request iSsend(final DirectBuffer buffer, final int offset, final int length, final int destination,
        final int tag)
    {
        checkSend("iSsend", buffer, offset, length, destination, tag);
        return engine.startSend(context, buffer, offset, length, toWorld(destination), tag, true, false);
    }

    // ------------------------------------------------------------------ receives

    /**
     * Blocking receive ({@code MPI_Recv}).
     *
     * @param buffer where to put the message.
     * @param offset where in the buffer.
     * @param length room available, in bytes.
     * @param source a rank, {@link #ANY_SOURCE} or {@link #PROC_NULL}.
     * @param tag    a tag or {@link #ANY_TAG}.
     * @param status filled with source, tag and byte count; may be null.
     * @return the number of bytes received.
     * @throws MyrmidonException {@link ErrorClass#TRUNCATE} when the message is longer than
     *                           {@code length} (nothing is written; the status tells its length).
     */
    public int recv(final MutableDirectBuffer buffer, final int offset, final int length, final int source,
        final int tag, final Status status)
    {
        checkRecv("recv", buffer, offset, length, source, tag);
        final io.myrmidon.engine.Operation op =
            engine.startRecv(context, buffer, offset, length, toWorldSource(source), tag, true);
        engine.awaitCompletion(op);
        final int count = op.receivedLength();
        op.waitFor(status);
        return count;
    }

    /**
     * Blocking receive ignoring the status.
     *
     * @return the number of bytes received.
     */
    public int recv(final MutableDirectBuffer buffer, final int offset, final int length, final int source,
        final int tag)
    {
        return recv(buffer, offset, length, source, tag, null);
    }

    /**
     * Non-blocking receive ({@code MPI_Irecv}). The buffer belongs to the library until the
     * request completes.
     */
    public Request iRecv(final MutableDirectBuffer buffer, final int offset, final int length, final int source,
        final int tag)
    {
        checkRecv("iRecv", buffer, offset, length, source, tag);
        return engine.startRecv(context, buffer, offset, length, toWorldSource(source), tag, false);
    }

    /**
     * Sends and receives at once ({@code MPI_Sendrecv}), without deadlock between pairs.
     *
     * @return the number of bytes received.
     */
    public int sendRecv(
        final DirectBuffer sendBuffer, final int sendOffset, final int sendLength, final int destination,
        final int sendTag,
        final MutableDirectBuffer recvBuffer, final int recvOffset, final int recvLength, final int source,
        final int recvTag, final Status status)
    {
        checkSend("sendRecv", sendBuffer, sendOffset, sendLength, destination, sendTag);
        checkRecv("sendRecv", recvBuffer, recvOffset, recvLength, source, recvTag);
        final io.myrmidon.engine.Operation receive =
            engine.startRecv(context, recvBuffer, recvOffset, recvLength, toWorldSource(source), recvTag, true);
        final Request send = engine.startSend(context, sendBuffer, sendOffset, sendLength, toWorld(destination),
            sendTag, false, true);
        try
        {
            send.waitFor(null);
        }
        finally
        {
            engine.awaitCompletion(receive);
        }
        final int count = receive.receivedLength();
        receive.waitFor(status);
        return count;
    }

    // ------------------------------------------------------------------ probes

    /**
     * Waits until a message that a receive with these arguments would match has arrived
     * ({@code MPI_Probe}), and describes it without receiving it.
     */
    public void probe(final int source, final int tag, final Status status)
    {
        checkProbe("probe", source, tag);
        if (source == PROC_NULL)
        {
            procNullStatus(status);
            return;
        }
        engine.probe(context, toWorldSource(source), tag, status);
    }

    /**
     * Checks once for a message that a receive with these arguments would match
     * ({@code MPI_Iprobe}).
     *
     * @return true, with the status filled, when there is one.
     */
    public boolean iProbe(final int source, final int tag, final Status status)
    {
        checkProbe("iProbe", source, tag);
        if (source == PROC_NULL)
        {
            procNullStatus(status);
            return true;
        }
        return engine.iProbe(context, toWorldSource(source), tag, status);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * @return the engine behind this communicator, for the collectives built on it.
     */
    Engine engine()
    {
        return engine;
    }

    /**
     * @return the context id of this communicator's collective traffic.
     */
    public int collectiveContextId()
    {
        return collectiveContext;
    }

    private void checkUsable(final String operation)
    {
        if (freed)
        {
            throw new MyrmidonException(ErrorClass.COMM, operation + ": this communicator was freed");
        }
        myrmidon.checkOpen(operation);
    }

    private void checkSend(final String operation, final DirectBuffer buffer, final int offset, final int length,
        final int destination, final int tag)
    {
        checkUsable(operation);
        Checks.buffer(operation, buffer, offset, length);
        Checks.destination(operation, destination, size);
        Checks.sendTag(operation, tag);
    }

    private void checkRecv(final String operation, final DirectBuffer buffer, final int offset, final int length,
        final int source, final int tag)
    {
        checkUsable(operation);
        Checks.buffer(operation, buffer, offset, length);
        if (buffer != null && !(buffer instanceof MutableDirectBuffer))
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": the buffer is read-only");
        }
        Checks.source(operation, source, size);
        Checks.recvTag(operation, tag);
    }

    private void checkProbe(final String operation, final int source, final int tag)
    {
        checkUsable(operation);
        Checks.source(operation, source, size);
        Checks.recvTag(operation, tag);
    }

    private int toWorld(final int rank)
    {
        return rank == PROC_NULL ? PROC_NULL : commToWorld[rank];
    }

    private int toWorldSource(final int rank)
    {
        return rank < 0 ? rank : commToWorld[rank];
    }

    private static void procNullStatus(final Status status)
    {
        if (status != null)
        {
            status.set(PROC_NULL, ANY_TAG, 0, ErrorClass.SUCCESS, false);
        }
    }

    void markFreed()
    {
        freed = true;
    }

    @Override
    public String toString()
    {
        return "Communicator{context=" + context + ", rank=" + rank + ", size=" + size + '}';
    }
}
