package io.myrmidon;

import io.myrmidon.engine.Engine;
import io.myrmidon.engine.coll.Collectives;
import io.myrmidon.engine.coll.NonBlockingCollectives;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

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
 * <h2>Collectives</h2>
 * Every rank of the communicator calls a collective, in the same order as the others. Counts are
 * in elements of a {@link Datatype}, offsets in bytes. {@link #IN_PLACE} as a send buffer (or, for
 * scatter, as the root's receive buffer) means the data is already where the result goes
 * ({@code MPI_IN_PLACE}); each method says where that is allowed. Collective traffic runs on the
 * communicator's own collective context, so it never matches point-to-point messages. The
 * algorithms are chosen by size and rank count, or forced with the {@code myrmidon.coll.*}
 * properties ({@link io.myrmidon.engine.coll.CollectiveConfig}).
 *
 * <p><b>Reduction order.</b> Every rank gets bit-identical results. A reduction combines the ranks'
 * values in rank order ({@code x0 op x1 op ... op x(n-1)}), bracketed as a balanced binary tree
 * (allReduce, reduce, scan) or folded left to right (reduceScatter), and each rank either evaluates
 * the same expression with the same operands in the same order or receives a copy of the value
 * one rank computed. Non-commutative user operations are always combined in rank order. The one
 * exception is the ring allreduce (large vectors on more than 2 ranks, commutative operations):
 * block b is folded around the ring from rank b, computed once and copied to every rank. Floating
 * point results may thus differ between algorithms (for example with the message size) but never
 * between ranks.
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
    /** A split color that joins no communicator, and the rank of a non-member ({@code MPI_UNDEFINED}). */
    public static final int UNDEFINED = -32766;
    /**
     * The in-place marker of collectives ({@code MPI_IN_PLACE}): pass it as the send buffer (its
     * offset is ignored) where a method allows it. It holds no bytes.
     */
    public static final MutableDirectBuffer IN_PLACE = new UnsafeBuffer(new byte[0]);

    private final Myrmidon myrmidon;
    private final Engine engine;
    private final int context;
    private final int collectiveContext;
    private final int[] commToWorld;
    private final int[] worldToComm;
    private final int rank;
    private final int size;
    private final Collectives collectives;
    private final NonBlockingCollectives nonBlocking;
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
        this.collectives = new Collectives(engine, myrmidon.collectiveConfig(), collectiveContext, this.commToWorld,
            rank);
        this.nonBlocking = new NonBlockingCollectives(collectives, rank, size);
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
        final Request request = engine.startSend(context, buffer, offset, length, toWorld(destination), tag, true);
        request.waitFor(null);
    }

    /**
     * Non-blocking send ({@code MPI_Isend}). Do not change the buffer until the request completes.
     */
    public Request iSend(final DirectBuffer buffer, final int offset, final int length, final int destination,
        final int tag)
    {
        checkSend("iSend", buffer, offset, length, destination, tag);
        return engine.startSend(context, buffer, offset, length, toWorld(destination), tag, false);
    }

    /**
     * Non-blocking synchronous send ({@code MPI_Issend}): completes once the message matched.
     */
    public Request iSsend(final DirectBuffer buffer, final int offset, final int length, final int destination,
        final int tag)
    {
        checkSend("iSsend", buffer, offset, length, destination, tag);
        return engine.startSend(context, buffer, offset, length, toWorld(destination), tag, true);
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
            engine.startRecv(context, buffer, offset, length, toWorldSource(source), tag);
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
        return engine.startRecv(context, buffer, offset, length, toWorldSource(source), tag);
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
            engine.startRecv(context, recvBuffer, recvOffset, recvLength, toWorldSource(source), recvTag);
        final Request send = engine.startSend(context, sendBuffer, sendOffset, sendLength, toWorld(destination),
            sendTag, false);
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

    /**
     * Matched probe ({@code MPI_Mprobe}): waits for a message that a receive with these arguments
     * would match and takes it out of matching, so that only {@link #mRecv}/{@link #imRecv} with
     * the returned handle receives it.
     */
    public Message mProbe(final int source, final int tag, final Status status)
    {
        checkProbe("mProbe", source, tag);
        if (source == PROC_NULL)
        {
            procNullStatus(status);
            return new Message(this, null, true);
        }
        return new Message(this, engine.mProbe(context, toWorldSource(source), tag, status), false);
    }

    /**
     * Matched probe that does not wait ({@code MPI_Improbe}).
     *
     * @return the message, taken out of matching, with the status filled; null when there is none.
     */
    public Message imProbe(final int source, final int tag, final Status status)
    {
        checkProbe("imProbe", source, tag);
        if (source == PROC_NULL)
        {
            procNullStatus(status);
            return new Message(this, null, true);
        }
        final io.myrmidon.engine.UnexpectedMessage message = engine.imProbe(context, toWorldSource(source), tag,
            status);
        return message == null ? null : new Message(this, message, false);
    }

    /**
     * Receives a message of a matched probe ({@code MPI_Mrecv}).
     *
     * @return the number of bytes received.
     * @throws MyrmidonException {@link ErrorClass#TRUNCATE} when the message is longer than
     *                           {@code length}.
     */
    public int mRecv(final Message message, final MutableDirectBuffer buffer, final int offset, final int length,
        final Status status)
    {
        final io.myrmidon.engine.Operation op = startMatched("mRecv", message, buffer, offset, length);
        if (op == null)
        {
            procNullStatus(status);
            return 0;
        }
        engine.awaitCompletion(op);
        final int count = op.receivedLength();
        op.waitFor(status);
        return count;
    }

    /**
     * Starts receiving a message of a matched probe ({@code MPI_Imrecv}).
     */
    public Request imRecv(final Message message, final MutableDirectBuffer buffer, final int offset,
        final int length)
    {
        final io.myrmidon.engine.Operation op = startMatched("imRecv", message, buffer, offset, length);
        return op != null ? op : engine.startRecv(context, buffer, offset, length, PROC_NULL, ANY_TAG);
    }

    private io.myrmidon.engine.Operation startMatched(final String operation, final Message message,
        final MutableDirectBuffer buffer, final int offset, final int length)
    {
        checkUsable(operation);
        if (message == null)
        {
            throw new MyrmidonException(ErrorClass.REQUEST, operation + ": the message is null; get one from " +
                "mProbe or imProbe");
        }
        if (message.communicator != this)
        {
            throw new MyrmidonException(ErrorClass.COMM, operation + ": the message was probed on another " +
                "communicator; receive it on the one that probed it");
        }
        Checks.buffer(operation, buffer, offset, length);
        if (message.isNoProcess())
        {
            return null;
        }
        return engine.startMatchedRecv(context, message.take(operation), buffer, offset, length);
    }

    // ------------------------------------------------------------------ collectives

    /**
     * Blocks until every rank of the communicator has entered the barrier ({@code MPI_Barrier}).
     */
    public void barrier()
    {
        checkUsable("barrier");
        collectives.barrier();
    }

    /**
     * Non-blocking barrier ({@code MPI_Ibarrier}): completes once every rank has started it.
     */
    public Request iBarrier()
    {
        checkUsable("iBarrier");
        return collectives.iBarrier();
    }

    /**
     * Broadcasts {@code count} elements from the root's buffer to every rank's ({@code MPI_Bcast}).
     */
    public void bcast(final MutableDirectBuffer buffer, final int offset, final int count, final Datatype type,
        final int root)
    {
        checkUsable("bcast");
        CollectiveChecks.bcast("bcast", rank, size, buffer, offset, count, type, root);
        collectives.bcast(buffer, offset, count, type, root);
    }

    /**
     * Non-blocking broadcast ({@code MPI_Ibcast}).
     */
    public Request iBcast(final MutableDirectBuffer buffer, final int offset, final int count, final Datatype type,
        final int root)
    {
        checkUsable("iBcast");
        CollectiveChecks.bcast("iBcast", rank, size, buffer, offset, count, type, root);
        return collectives.iBcast(buffer, offset, count, type, root);
    }

    /**
     * Reduces every rank's {@code count} elements into the root's receive buffer
     * ({@code MPI_Reduce}). The receive buffer matters at the root only (may be null elsewhere);
     * the root may pass {@link #IN_PLACE} as send buffer, its input then being in the receive buffer.
     */
    public void reduce(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op, final int root)
    {
        checkUsable("reduce");
        CollectiveChecks.reduce("reduce", rank, size, send, sendOffset, recv, recvOffset, count, type, op, root);
        collectives.reduce(orNull(send), sendOffset, recv, recvOffset, count, type, op, root);
    }

    /**
     * Non-blocking reduce ({@code MPI_Ireduce}).
     */
    public Request iReduce(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op, final int root)
    {
        checkUsable("iReduce");
        CollectiveChecks.reduce("iReduce", rank, size, send, sendOffset, recv, recvOffset, count, type, op, root);
        return collectives.iReduce(orNull(send), sendOffset, recv, recvOffset, count, type, op, root);
    }

    /**
     * Reduces every rank's {@code count} elements and gives the result to every rank
     * ({@code MPI_Allreduce}); {@link #IN_PLACE} as send buffer takes the input from the receive
     * buffer.
     */
    public void allReduce(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        checkUsable("allReduce");
        CollectiveChecks.allReduce("allReduce", rank, size, send, sendOffset, recv, recvOffset, count, type, op);
        collectives.allReduce(orNull(send), sendOffset, recv, recvOffset, count, type, op);
    }

    /**
     * Non-blocking allreduce ({@code MPI_Iallreduce}).
     */
    public Request iAllReduce(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        checkUsable("iAllReduce");
        CollectiveChecks.allReduce("iAllReduce", rank, size, send, sendOffset, recv, recvOffset, count, type, op);
        return collectives.iAllReduce(orNull(send), sendOffset, recv, recvOffset, count, type, op);
    }

    /**
     * Gathers {@code count} elements from every rank into the root's receive buffer, rank i's at
     * element {@code i * count} ({@code MPI_Gather}). The root may pass {@link #IN_PLACE}: its block
     * is then already in place.
     */
    public void gather(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final int root)
    {
        checkUsable("gather");
        CollectiveChecks.gather("gather", rank, size, send, sendOffset, recv, recvOffset, count, type, root);
        collectives.gather(orNull(send), sendOffset, recv, recvOffset, count, type, root);
    }

    /**
     * Gathers {@code counts[i]} elements from rank i to element {@code displacements[i]} of the
     * root's receive buffer ({@code MPI_Gatherv}); null displacements pack the blocks in rank
     * order. Counts and displacements matter at the root only; it may pass {@link #IN_PLACE}.
     */
    public void gatherv(final DirectBuffer send, final int sendOffset, final int sendCount,
        final MutableDirectBuffer recv, final int recvOffset, final int[] counts, final int[] displacements,
        final Datatype type, final int root)
    {
        checkUsable("gatherv");
        CollectiveChecks.gatherv("gatherv", rank, size, send, sendOffset, sendCount, recv, recvOffset, counts,
            displacements, type, root);
        collectives.gatherv(orNull(send), sendOffset, sendCount, recv, recvOffset, counts, displacements, type, root);
    }

    /**
     * Scatters block i ({@code count} elements at element {@code i * count}) of the root's send
     * buffer to rank i ({@code MPI_Scatter}). The send buffer matters at the root only; the root may
     * pass {@link #IN_PLACE} as receive buffer to keep its block where it is.
     */
    public void scatter(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final int root)
    {
        checkUsable("scatter");
        CollectiveChecks.scatter("scatter", rank, size, send, sendOffset, recv, recvOffset, count, type, root);
        collectives.scatter(send, sendOffset, recv == IN_PLACE ? null : recv, recvOffset, count, type, root);
    }

    /**
     * Scatters {@code counts[i]} elements from element {@code displacements[i]} of the root's send
     * buffer to rank i ({@code MPI_Scatterv}); the root may pass {@link #IN_PLACE} as receive
     * buffer.
     */
    public void scatterv(final DirectBuffer send, final int sendOffset, final int[] counts,
        final int[] displacements, final MutableDirectBuffer recv, final int recvOffset, final int recvCount,
        final Datatype type, final int root)
    {
        checkUsable("scatterv");
        CollectiveChecks.scatterv("scatterv", rank, size, send, sendOffset, counts, displacements, recv, recvOffset,
            recvCount, type, root);
        collectives.scatterv(send, sendOffset, counts, displacements, recv == IN_PLACE ? null : recv, recvOffset,
            recvCount, type, root);
    }

    /**
     * Gathers {@code count} elements from every rank to every rank, rank i's at element
     * {@code i * count} ({@code MPI_Allgather}); with {@link #IN_PLACE} each rank's block is
     * already in its place in the receive buffer.
     */
    public void allGather(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type)
    {
        checkUsable("allGather");
        CollectiveChecks.allGather("allGather", rank, size, send, sendOffset, recv, recvOffset, count, type);
        collectives.allGather(orNull(send), sendOffset, recv, recvOffset, count, type);
    }

    /**
     * Non-blocking allgather ({@code MPI_Iallgather}).
     */
    public Request iAllGather(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type)
    {
        checkUsable("iAllGather");
        CollectiveChecks.allGather("iAllGather", rank, size, send, sendOffset, recv, recvOffset, count, type);
        return collectives.iAllGather(orNull(send), sendOffset, recv, recvOffset, count, type);
    }

    /**
     * Gathers {@code counts[i]} elements from rank i to element {@code displacements[i]} of every
     * rank's receive buffer ({@code MPI_Allgatherv}); null displacements pack them; {@link #IN_PLACE}
     * allowed.
     */
    public void allGatherv(final DirectBuffer send, final int sendOffset, final int sendCount,
        final MutableDirectBuffer recv, final int recvOffset, final int[] counts, final int[] displacements,
        final Datatype type)
    {
        checkUsable("allGatherv");
        CollectiveChecks.allGatherv("allGatherv", rank, size, send, sendOffset, sendCount, recv, recvOffset, counts,
            displacements, type);
        collectives.allGatherv(orNull(send), sendOffset, sendCount, recv, recvOffset, counts, displacements, type);
    }

    /**
     * Sends block j ({@code count} elements at element {@code j * count}) of every rank's send
     * buffer to rank j, which stores rank i's at element {@code i * count} ({@code MPI_Alltoall});
     * {@link #IN_PLACE} takes the input from the receive buffer.
     */
    public void allToAll(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type)
    {
        checkUsable("allToAll");
        CollectiveChecks.allToAll("allToAll", rank, size, send, sendOffset, recv, recvOffset, count, type);
        collectives.allToAll(orNull(send), sendOffset, recv, recvOffset, count, type);
    }

    /**
     * Non-blocking all-to-all ({@code MPI_Ialltoall}).
     */
    public Request iAllToAll(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type)
    {
        checkUsable("iAllToAll");
        CollectiveChecks.allToAll("iAllToAll", rank, size, send, sendOffset, recv, recvOffset, count, type);
        return collectives.iAllToAll(orNull(send), sendOffset, recv, recvOffset, count, type);
    }

    /**
     * All-to-all with per-rank counts and displacements in elements ({@code MPI_Alltoallv}); null
     * displacements pack the blocks; with {@link #IN_PLACE} the send layout is the receive layout.
     * {@code sendCounts[j]} here must equal {@code recvCounts[i]} at rank j.
     */
    public void allToAllv(final DirectBuffer send, final int sendOffset, final int[] sendCounts,
        final int[] sendDisplacements, final MutableDirectBuffer recv, final int recvOffset, final int[] recvCounts,
        final int[] recvDisplacements, final Datatype type)
    {
        checkUsable("allToAllv");
        CollectiveChecks.allToAllv("allToAllv", size, send, sendOffset, sendCounts, sendDisplacements, recv,
            recvOffset, recvCounts, recvDisplacements, type);
        collectives.allToAllv(orNull(send), sendOffset, sendCounts, sendDisplacements, recv, recvOffset, recvCounts,
            recvDisplacements, type);
    }

    /**
     * Reduces the vector of every rank and scatters it: rank i gets {@code counts[i]} elements, the
     * blocks following each other in rank order ({@code MPI_Reduce_scatter}). With
     * {@link #IN_PLACE} the whole input vector is in the receive buffer and the result replaces
     * its start.
     */
    public void reduceScatter(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int[] counts, final Datatype type, final Op op)
    {
        checkUsable("reduceScatter");
        CollectiveChecks.reduceScatter("reduceScatter", rank, size, send, sendOffset, recv, recvOffset, counts, type,
            op);
        collectives.reduceScatter(orNull(send), sendOffset, recv, recvOffset, counts, type, op);
    }

    /**
     * {@link #reduceScatter} with {@code count} elements for every rank
     * ({@code MPI_Reduce_scatter_block}).
     */
    public void reduceScatterBlock(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        checkUsable("reduceScatterBlock");
        CollectiveChecks.reduceScatterBlock("reduceScatterBlock", size, send, sendOffset, recv, recvOffset, count,
            type, op);
        collectives.reduceScatterBlock(orNull(send), sendOffset, recv, recvOffset, count, type, op);
    }

    /**
     * Inclusive prefix reduction: rank r gets {@code x0 op ... op xr} ({@code MPI_Scan});
     * {@link #IN_PLACE} allowed.
     */
    public void scan(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        checkUsable("scan");
        CollectiveChecks.allReduce("scan", rank, size, send, sendOffset, recv, recvOffset, count, type, op);
        collectives.scan(orNull(send), sendOffset, recv, recvOffset, count, type, op);
    }

    /**
     * Exclusive prefix reduction: rank r gets {@code x0 op ... op x(r-1)}; rank 0's receive
     * buffer is left unchanged ({@code MPI_Exscan}); {@link #IN_PLACE} allowed.
     */
    public void exScan(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        checkUsable("exScan");
        CollectiveChecks.allReduce("exScan", rank, size, send, sendOffset, recv, recvOffset, count, type, op);
        collectives.exScan(orNull(send), sendOffset, recv, recvOffset, count, type, op);
    }

    // ------------------------------------------------------------------ more non-blocking collectives

    /*
     * The non-blocking twins of the collectives above: the same arguments, checks and results as
     * the blocking form, but the call only starts the operation (its first round goes out) and
     * returns a request; the rest advances with every call into the library (test, wait, or any
     * other operation) and the request completes when this rank's part is done. The buffers belong
     * to the operation until then; count and displacement arrays are read during the call only.
     */

    /**
     * Non-blocking gather ({@code MPI_Igather}); see {@link #gather}.
     */
    public Request iGather(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final int root)
    {
        checkUsable("iGather");
        CollectiveChecks.gather("iGather", rank, size, send, sendOffset, recv, recvOffset, count, type, root);
        return nonBlocking.iGather(orNull(send), sendOffset, recv, recvOffset, count, type, root);
    }

    /**
     * Non-blocking gatherv ({@code MPI_Igatherv}); see {@link #gatherv}.
     */
    public Request iGatherv(final DirectBuffer send, final int sendOffset, final int sendCount,
        final MutableDirectBuffer recv, final int recvOffset, final int[] counts, final int[] displacements,
        final Datatype type, final int root)
    {
        checkUsable("iGatherv");
        CollectiveChecks.gatherv("iGatherv", rank, size, send, sendOffset, sendCount, recv, recvOffset, counts,
            displacements, type, root);
        return nonBlocking.iGatherv(orNull(send), sendOffset, sendCount, recv, recvOffset, counts, displacements, type,
            root);
    }

    /**
     * Non-blocking scatter ({@code MPI_Iscatter}); see {@link #scatter}.
     */
    public Request iScatter(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final int root)
    {
        checkUsable("iScatter");
        CollectiveChecks.scatter("iScatter", rank, size, send, sendOffset, recv, recvOffset, count, type, root);
        return nonBlocking.iScatter(send, sendOffset, recv == IN_PLACE ? null : recv, recvOffset, count, type, root);
    }

    /**
     * Non-blocking scatterv ({@code MPI_Iscatterv}); see {@link #scatterv}.
     */
    public Request iScatterv(final DirectBuffer send, final int sendOffset, final int[] counts,
        final int[] displacements, final MutableDirectBuffer recv, final int recvOffset, final int recvCount,
        final Datatype type, final int root)
    {
        checkUsable("iScatterv");
        CollectiveChecks.scatterv("iScatterv", rank, size, send, sendOffset, counts, displacements, recv, recvOffset,
            recvCount, type, root);
        return nonBlocking.iScatterv(send, sendOffset, counts, displacements, recv == IN_PLACE ? null : recv,
            recvOffset, recvCount, type, root);
    }

    /**
     * Non-blocking allgatherv ({@code MPI_Iallgatherv}); see {@link #allGatherv}.
     */
    public Request iAllGatherv(final DirectBuffer send, final int sendOffset, final int sendCount,
        final MutableDirectBuffer recv, final int recvOffset, final int[] counts, final int[] displacements,
        final Datatype type)
    {
        checkUsable("iAllGatherv");
        CollectiveChecks.allGatherv("iAllGatherv", rank, size, send, sendOffset, sendCount, recv, recvOffset, counts,
            displacements, type);
        return nonBlocking.iAllGatherv(orNull(send), sendOffset, sendCount, recv, recvOffset, counts, displacements,
            type);
    }

    /**
     * Non-blocking all-to-allv ({@code MPI_Ialltoallv}); see {@link #allToAllv}.
     */
    public Request iAllToAllv(final DirectBuffer send, final int sendOffset, final int[] sendCounts,
        final int[] sendDisplacements, final MutableDirectBuffer recv, final int recvOffset, final int[] recvCounts,
        final int[] recvDisplacements, final Datatype type)
    {
        checkUsable("iAllToAllv");
        CollectiveChecks.allToAllv("iAllToAllv", size, send, sendOffset, sendCounts, sendDisplacements, recv,
            recvOffset, recvCounts, recvDisplacements, type);
        return nonBlocking.iAllToAllv(orNull(send), sendOffset, sendCounts, sendDisplacements, recv, recvOffset,
            recvCounts, recvDisplacements, type);
    }

    /**
     * Non-blocking reduce-scatter ({@code MPI_Ireduce_scatter}); see {@link #reduceScatter}.
     */
    public Request iReduceScatter(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int[] counts, final Datatype type, final Op op)
    {
        checkUsable("iReduceScatter");
        CollectiveChecks.reduceScatter("iReduceScatter", rank, size, send, sendOffset, recv, recvOffset, counts, type,
            op);
        return nonBlocking.iReduceScatter(orNull(send), sendOffset, recv, recvOffset, counts, type, op);
    }

    /**
     * Non-blocking reduce-scatter with equal blocks ({@code MPI_Ireduce_scatter_block}); see
     * {@link #reduceScatterBlock}.
     */
    public Request iReduceScatterBlock(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        checkUsable("iReduceScatterBlock");
        CollectiveChecks.reduceScatterBlock("iReduceScatterBlock", size, send, sendOffset, recv, recvOffset, count,
            type, op);
        return nonBlocking.iReduceScatterBlock(orNull(send), sendOffset, recv, recvOffset, count, type, op);
    }

    /**
     * Non-blocking inclusive prefix reduction ({@code MPI_Iscan}); see {@link #scan}.
     */
    public Request iScan(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        checkUsable("iScan");
        CollectiveChecks.allReduce("iScan", rank, size, send, sendOffset, recv, recvOffset, count, type, op);
        return nonBlocking.iScan(orNull(send), sendOffset, recv, recvOffset, count, type, op);
    }

    /**
     * Non-blocking exclusive prefix reduction ({@code MPI_Iexscan}); see {@link #exScan}.
     */
    public Request iExScan(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        checkUsable("iExScan");
        CollectiveChecks.allReduce("iExScan", rank, size, send, sendOffset, recv, recvOffset, count, type, op);
        return nonBlocking.iExScan(orNull(send), sendOffset, recv, recvOffset, count, type, op);
    }

    // ------------------------------------------------------------------ communicators and groups

    /**
     * @return the group of this communicator's ranks ({@code MPI_Comm_group}).
     */
    public Group group()
    {
        checkUsable("group");
        return new Group(commToWorld, engine.rank());
    }

    /**
     * A new communicator over the same ranks with its own contexts ({@code MPI_Comm_dup}).
     * Collective.
     */
    public Communicator dup()
    {
        checkUsable("dup");
        final int contextId = myrmidon.contextIds().agree(this);
        return open(contextId, commToWorld);
    }

    /**
     * Splits the communicator ({@code MPI_Comm_split}): ranks that pass the same color form a new
     * communicator, ordered by key, then by rank here. Collective.
     *
     * @param color 0 or more, or {@link #UNDEFINED} to join none.
     * @param key   orders the ranks of a color.
     * @return the new communicator, or null for {@link #UNDEFINED}.
     */
    public Communicator split(final int color, final int key)
    {
        checkUsable("split");
        if (color < 0 && color != UNDEFINED)
        {
            throw new MyrmidonException(ErrorClass.ARG, "split: color " + color +
                " is negative; colors are 0 or more, or UNDEFINED to join no communicator");
        }
        final UnsafeBuffer table = new UnsafeBuffer(new byte[2 * Integer.BYTES * size]);
        table.putInt(rank * 8, color);
        table.putInt(rank * 8 + 4, key);
        collectives.allGather(null, 0, table, 0, 2, Datatype.INT);
        final int contextId = myrmidon.contextIds().agree(this);
        if (color == UNDEFINED)
        {
            return null;
        }
        final Integer[] members = new Integer[size];
        int count = 0;
        for (int r = 0; r < size; r++)
        {
            if (table.getInt(r * 8) == color)
            {
                members[count++] = r;
            }
        }
        Arrays.sort(members, 0, count, (a, b) ->
        {
            final int byKey = Integer.compare(table.getInt(a * 8 + 4), table.getInt(b * 8 + 4));
            return byKey != 0 ? byKey : Integer.compare(a, b);
        });
        final int[] world = new int[count];
        for (int i = 0; i < count; i++)
        {
            world[i] = commToWorld[members[i]];
        }
        return open(contextId, world);
    }

    /**
     * A communicator of the group's ranks, in the group's order ({@code MPI_Comm_create}).
     * Collective over this communicator; every rank passes the same group, a subset of this one.
     *
     * @return the new communicator, or null on ranks outside the group.
     */
    public Communicator create(final Group group)
    {
        checkUsable("create");
        if (group == null)
        {
            throw new MyrmidonException(ErrorClass.GROUP, "create: the group is null");
        }
        for (final int worldRank : group.worldRanks())
        {
            if (worldToComm[worldRank] < 0)
            {
                throw new MyrmidonException(ErrorClass.GROUP, "create: world rank " + worldRank +
                    " of the group is not in this communicator; the group must be a subset of it");
            }
        }
        final int groupRank = group.rank();
        return split(groupRank == Group.UNDEFINED ? UNDEFINED : 0, groupRank);
    }

    /**
     * A communicator of the group's ranks, in the group's order, made by the members of the group
     * alone ({@code MPI_Comm_create_group}): unlike {@link #create}, the ranks of this communicator
     * outside the group take no part. Collective over the group: every member passes the same
     * group and tag; concurrent calls whose groups overlap must use different tags (whatever
     * communicator they are called on).
     *
     * @param group a subset of this communicator's group that contains the calling rank.
     * @param tag   0..{@link #TAG_UB}.
     * @return the new communicator.
     */
    public Communicator createGroup(final Group group, final int tag)
    {
        checkUsable("createGroup");
        if (group == null)
        {
            throw new MyrmidonException(ErrorClass.GROUP, "createGroup: the group is null");
        }
        Checks.sendTag("createGroup", tag);
        for (final int worldRank : group.worldRanks())
        {
            if (worldToComm[worldRank] < 0)
            {
                throw new MyrmidonException(ErrorClass.GROUP, "createGroup: world rank " + worldRank +
                    " of the group is not in this communicator; the group must be a subset of it");
            }
        }
        if (group.rank() == Group.UNDEFINED)
        {
            throw new MyrmidonException(ErrorClass.GROUP, "createGroup: this rank (world rank " + engine.rank() +
                ") is not in the group; only the group's members call createGroup");
        }
        final int contextId = myrmidon.contextIds().agreeAmong(engine, group.worldRanks(), group.rank(), tag);
        return open(contextId, group.worldRanks());
    }

    /**
     * Frees the communicator ({@code MPI_Comm_free}): it may not be used again, and its context ids
     * go back to the pool. Complete its operations first. The world cannot be freed.
     */
    public void free()
    {
        checkUsable("free");
        if (context == 0)
        {
            throw new MyrmidonException(ErrorClass.COMM, "free: the world communicator cannot be freed");
        }
        freed = true;
        myrmidon.contextIds().release(context);
    }

    /**
     * Compares two communicators ({@code MPI_Comm_compare}).
     */
    public Comparison compare(final Communicator other)
    {
        if (other == null)
        {
            throw new MyrmidonException(ErrorClass.COMM, "compare: the other communicator is null");
        }
        if (other == this || (other.context == context && Arrays.equals(other.commToWorld, commToWorld)))
        {
            return Comparison.IDENT;
        }
        final Comparison groups = group().compare(other.group());
        return groups == Comparison.IDENT ? Comparison.CONGRUENT : groups;
    }

    /**
     * @return true once {@link #free()} was called.
     */
    public boolean isFreed()
    {
        return freed;
    }

    private Communicator open(final int contextId, final int[] world)
    {
        myrmidon.contextIds().claim(contextId);
        return new Communicator(myrmidon, engine, contextId, world);
    }

    private static DirectBuffer orNull(final DirectBuffer send)
    {
        return send == IN_PLACE ? null : send;
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
