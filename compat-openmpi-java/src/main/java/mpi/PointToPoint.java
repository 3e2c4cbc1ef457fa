package mpi;

import io.myrmidon.Communicator;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Point-to-point operations of the {@code mpi} API on a Myrmidon {@link Communicator}: turns
 * (buffer object, count, datatype) into bytes Myrmidon moves.
 *
 * <p>Blocking calls use the user's memory in place when Myrmidon can address it (a direct buffer,
 * or a byte array, with a contiguous datatype) and otherwise pack into, or unpack from, the rank's
 * reusable staging memory, so that they do not allocate in steady state. Non-blocking calls use a
 * direct buffer in place and copy everything else through memory of their own.
 *
 * <p>Sends resolve the user's buffer object through the rank's {@code memoryA}, receives through
 * its {@code memoryB}: each remembers its last buffer object ({@link Memory}), so a program that
 * sends from one buffer and receives into another (OSU's latency test) resolves neither again.
 */
final class PointToPoint
{
    static final int STANDARD = 0;
    static final int SYNCHRONOUS = 1;
    static final int BUFFERED = 2;
    static final int READY = 3;

    private static final long BYTE_ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);

    private PointToPoint()
    {
    }

    static void send(final CommState comm, final int mode, final Object buf, final int count, final Datatype type,
        final int dest, final int tag)
    {
        final String operation = operationName(mode, false);
        final RankState rank = comm.rank;
        final int bytes = checkedBytes(operation, type, count);
        if (mode == BUFFERED)
        {
            bufferedSend(comm, operation, buf, count, type, bytes, dest, tag);
            return;
        }
        final DirectBuffer view = sendView(operation, rank, rank.memoryA, rank.viewA, buf, count, type, bytes, true);
        if (mode == SYNCHRONOUS)
        {
            comm.pointToPoint().ssend(view, 0, bytes, comm.peer(operation, dest), tag);
        }
        else
        {
            comm.pointToPoint().send(view, 0, bytes, comm.peer(operation, dest), tag);
        }
    }

    /**
     * A blocking receive; the message's envelope is left in the rank's Myrmidon status for the
     * caller to turn into a {@link Status} (see {@link Comm#recv}).
     */
    static void recv(final CommState comm, final Object buf, final int count, final Datatype type, final int source,
        final int tag)
    {
        final RankState rank = comm.rank;
        final int bytes = checkedBytes("recv", type, count);
        final int from = comm.peer("recv", source);
        final Memory memory = recvMemory("recv", rank.memoryB, buf, count, type);
        final MutableDirectBuffer view = directView(memory, rank.viewA, type, bytes);
        if (view != null)
        {
            comm.pointToPoint().recv(view, 0, bytes, from, tag, rank.status);
        }
        else
        {
            final UnsafeBuffer staging = rank.stagingA(bytes);
            final int received = comm.pointToPoint().recv(staging, 0, bytes, from, tag, rank.status);
            memory.unpack(type, received, null, staging.addressOffset());
        }
        rank.bufferedSends.reapIfAny();
    }

    /**
     * A blocking send-receive; the envelope of the message received is left in the rank's
     * Myrmidon status, as {@link #recv} leaves it.
     */
    static void sendRecv(final CommState comm,
        final Object sendBuf, final int sendCount, final Datatype sendType, final int dest, final int sendTag,
        final Object recvBuf, final int recvCount, final Datatype recvType, final int source, final int recvTag)
    {
        final RankState rank = comm.rank;
        final int sendBytes = checkedBytes("sendRecv", sendType, sendCount);
        final int recvBytes = checkedBytes("sendRecv", recvType, recvCount);
        final int to = comm.peer("sendRecv", dest);
        final int from = comm.peer("sendRecv", source);
        final DirectBuffer sendView = sendView("sendRecv", rank, rank.memoryA, rank.viewA, sendBuf, sendCount,
            sendType, sendBytes, true);
        final Memory memory = recvMemory("sendRecv", rank.memoryB, recvBuf, recvCount, recvType);
        final MutableDirectBuffer view = directView(memory, rank.viewB, recvType, recvBytes);
        if (view != null)
        {
            comm.pointToPoint().sendRecv(sendView, 0, sendBytes, to, sendTag, view, 0, recvBytes, from, recvTag,
                rank.status);
        }
        else
        {
            final UnsafeBuffer staging = rank.stagingB(recvBytes);
            final int received = comm.pointToPoint().sendRecv(sendView, 0, sendBytes, to, sendTag, staging, 0,
                recvBytes, from, recvTag, rank.status);
            memory.unpack(recvType, received, null, staging.addressOffset());
        }
    }

    /**
     * A blocking send-receive in one buffer; the envelope is left as {@link #sendRecv} leaves it.
     */
    static void sendRecvReplace(final CommState comm, final Object buf, final int count, final Datatype type,
        final int dest, final int sendTag, final int source, final int recvTag)
    {
        final RankState rank = comm.rank;
        final int bytes = checkedBytes("sendRecvReplace", type, count);
        final int to = comm.peer("sendRecvReplace", dest);
        final int from = comm.peer("sendRecvReplace", source);
        final Memory memory = recvMemory("sendRecvReplace", rank.memoryA, buf, count, type);
        final UnsafeBuffer out = rank.stagingA(bytes);
        memory.pack(type, count, null, out.addressOffset());
        final UnsafeBuffer in = rank.stagingB(bytes);
        final int received = comm.pointToPoint().sendRecv(out, 0, bytes, to, sendTag, in, 0, bytes, from, recvTag,
            rank.status);
        memory.unpack(type, received, null, in.addressOffset());
    }

    static Request iSend(final CommState comm, final int mode, final Object buf, final int count,
        final Datatype type, final int dest, final int tag)
    {
        final String operation = operationName(mode, true);
        final int bytes = checkedBytes(operation, type, count);
        final int to = comm.peer(operation, dest);
        if (mode == BUFFERED)
        {
            bufferedSend(comm, operation, buf, count, type, bytes, dest, tag);
            return Request.done(comm, sendStatus());
        }
        final Memory memory = comm.rank.memoryA.of(operation, buf);
        memory.checkFits(operation, type, count);
        final DirectBuffer view;
        final Object keepAlive;
        if (memory.isOffHeap() && type.contiguous)
        {
            view = memory.inPlaceView(bytes);
            keepAlive = buf;
        }
        else
        {
            final UnsafeBuffer staging = RankState.newStaging(bytes);
            memory.pack(type, count, null, staging.addressOffset());
            view = staging;
            keepAlive = staging;
        }
        final io.myrmidon.Request inner = mode == SYNCHRONOUS ?
            comm.pointToPoint().iSsend(view, 0, bytes, to, tag) :
            comm.pointToPoint().iSend(view, 0, bytes, to, tag);
        return Request.started(comm, inner, null, keepAlive);
    }

    static Request iRecv(final CommState comm, final Object buf, final int count, final Datatype type,
        final int source, final int tag)
    {
        final int bytes = checkedBytes("iRecv", type, count);
        final int from = comm.peer("iRecv", source);
        final Memory scratch = recvMemory("iRecv", comm.rank.memoryB, buf, count, type);
        if (scratch.isOffHeap() && type.contiguous)
        {
            final UnsafeBuffer view = scratch.inPlaceView(bytes);
            return Request.started(comm, comm.pointToPoint().iRecv(view, 0, bytes, from, tag), null, buf);
        }
        final Memory memory = new Memory().of("iRecv", buf); // the completion unpacks into it later
        final UnsafeBuffer staging = RankState.newStaging(bytes);
        final io.myrmidon.Request inner = comm.pointToPoint().iRecv(staging, 0, bytes, from, tag);
        return Request.started(comm, inner,
            status -> memory.unpack(type, Math.min(status.count(), bytes), null, staging.addressOffset()), staging);
    }

    /**
     * Receives the message of a matched probe ({@code MPI_Mrecv}), like {@link #recv}.
     */
    static Status mRecv(final CommState comm, final io.myrmidon.Message message, final Object buf, final int count,
        final Datatype type)
    {
        final RankState rank = comm.rank;
        final int bytes = checkedBytes("mRecv", type, count);
        final Memory memory = recvMemory("mRecv", rank.memoryB, buf, count, type);
        final MutableDirectBuffer view = directView(memory, rank.viewA, type, bytes);
        if (view != null)
        {
            comm.pointToPoint().mRecv(message, view, 0, bytes, rank.status);
        }
        else
        {
            final UnsafeBuffer staging = rank.stagingA(bytes);
            final int received = comm.pointToPoint().mRecv(message, staging, 0, bytes, rank.status);
            memory.unpack(type, received, null, staging.addressOffset());
        }
        return comm.status(rank.status);
    }

    /**
     * Starts receiving the message of a matched probe ({@code MPI_Imrecv}), like {@link #iRecv}.
     */
    static Request imRecv(final CommState comm, final io.myrmidon.Message message, final Object buf,
        final int count, final Datatype type)
    {
        final int bytes = checkedBytes("imRecv", type, count);
        final Memory memory = recvMemory("imRecv", new Memory(), buf, count, type);
        if (memory.isOffHeap() && type.contiguous)
        {
            final UnsafeBuffer view = new UnsafeBuffer(memory.offset, bytes);
            return Request.started(comm, comm.pointToPoint().imRecv(message, view, 0, bytes), null, buf);
        }
        final UnsafeBuffer staging = RankState.newStaging(bytes);
        final io.myrmidon.Request inner = comm.pointToPoint().imRecv(message, staging, 0, bytes);
        return Request.started(comm, inner,
            status -> memory.unpack(type, Math.min(status.count(), bytes), null, staging.addressOffset()), staging);
    }

    static Status probe(final CommState comm, final int source, final int tag)
    {
        comm.pointToPoint().probe(comm.peer("probe", source), tag, comm.rank.status);
        return comm.status(comm.rank.status);
    }

    static Status iProbe(final CommState comm, final int source, final int tag)
    {
        return comm.pointToPoint().iProbe(comm.peer("iProbe", source), tag, comm.rank.status) ?
            comm.status(comm.rank.status) : null;
    }

    // ------------------------------------------------------------------ helpers

    static int checkedBytes(final String operation, final Datatype type, final int count)
    {
        if (type == null)
        {
            throw new MpiError(MPI.ERR_TYPE, operation + ": the datatype is null");
        }
        type.checkUsable(operation);
        if (count < 0)
        {
            throw new MpiError(MPI.ERR_COUNT, operation + ": count " + count + " is negative");
        }
        final long bytes = type.bytes(count);
        if (bytes > Integer.MAX_VALUE - 64)
        {
            throw new MpiError(MPI.ERR_COUNT, operation + ": " + count + " elements of " + type + " are " + bytes +
                " bytes, more than Myrmidon's message limit of 2 GiB");
        }
        return (int)bytes;
    }

    /**
     * @return a view of the data to send: the user's memory in place where possible, otherwise
     * the rank's staging memory with the data packed into it.
     */
    static DirectBuffer sendView(final String operation, final RankState rank, final Memory memory,
        final UnsafeBuffer view, final Object buf, final int count, final Datatype type, final int bytes,
        final boolean stageA)
    {
        if (buf == null && count == 0)
        {
            view.wrap(BufferHolder.EMPTY);
            return view;
        }
        memory.of(operation, buf);
        memory.checkFits(operation, type, count);
        final MutableDirectBuffer direct = directView(memory, view, type, bytes);
        if (direct != null)
        {
            return direct;
        }
        final UnsafeBuffer staging = stageA ? rank.stagingA(bytes) : rank.stagingB(bytes);
        memory.pack(type, count, null, staging.addressOffset());
        return staging;
    }

    /**
     * @return {@code view} over the user's memory when Myrmidon can use it in place, else null.
     */
    static MutableDirectBuffer directView(final Memory memory, final UnsafeBuffer view, final Datatype type,
        final int bytes)
    {
        if (!type.contiguous)
        {
            return null;
        }
        if (memory.isOffHeap())
        {
            view.wrap(memory.offset, bytes);
            return view;
        }
        if (memory.base instanceof byte[] array)
        {
            view.wrap(array, (int)(memory.offset - BYTE_ARRAY_BASE), bytes);
            return view;
        }
        return null;
    }

    static Memory recvMemory(final String operation, final Memory memory, final Object buf, final int count,
        final Datatype type)
    {
        if (buf == null && count == 0)
        {
            return memory.of(operation, BufferHolder.EMPTY);
        }
        memory.of(operation, buf);
        memory.checkWritable(operation);
        memory.checkFits(operation, type, count);
        return memory;
    }

    private static void bufferedSend(final CommState comm, final String operation, final Object buf, final int count,
        final Datatype type, final int bytes, final int dest, final int tag)
    {
        final int to = comm.peer(operation, dest);
        final BufferedSends sends = comm.rank.bufferedSends;
        final long charge = sends.reserve(operation, bytes);
        final UnsafeBuffer copy = RankState.newStaging(bytes);
        if (count > 0)
        {
            final Memory memory = new Memory().of(operation, buf);
            memory.checkFits(operation, type, count);
            memory.pack(type, count, null, copy.addressOffset());
        }
        sends.adopt(comm.pointToPoint().iSend(copy, 0, bytes, to, tag), copy, charge);
    }

    private static Status sendStatus()
    {
        final Status status = new Status();
        status.source = MPI.ANY_SOURCE;
        return status;
    }

    private static String operationName(final int mode, final boolean nonBlocking)
    {
        return switch (mode)
        {
            case SYNCHRONOUS -> nonBlocking ? "isSend" : "sSend";
            case BUFFERED -> nonBlocking ? "ibSend" : "bSend";
            case READY -> nonBlocking ? "irSend" : "rSend";
            default -> nonBlocking ? "iSend" : "send";
        };
    }

    /**
     * An empty array to stand for a null buffer of no elements.
     */
    static final class BufferHolder
    {
        static final byte[] EMPTY = new byte[0];

        private BufferHolder()
        {
        }
    }
}
