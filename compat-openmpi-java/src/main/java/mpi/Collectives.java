package mpi;

import io.myrmidon.Communicator;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The collective operations of the {@code mpi} API on Myrmidon's collectives.
 *
 * <h2>How data gets there</h2>
 * Myrmidon's collectives move bytes ({@code io.myrmidon.Datatype.BYTE}) except for reductions,
 * which need the element type. So every buffer is turned into packed bytes: used in place when
 * it is a direct buffer or a byte array with a contiguous datatype, otherwise packed into the
 * rank's staging memory before and unpacked after (per block, at the program's counts and
 * displacements). Send and receive types may differ, as MPI allows, as long as each block's
 * bytes agree.
 *
 * <h2>Reductions</h2>
 * A predefined operation runs in Myrmidon on the element type the datatype is made of (a vector
 * of doubles reduces as doubles, complex numbers as pairs of floats or doubles for
 * {@code SUM}). A {@link UserFunction} runs here: the inputs are gathered to one rank, folded in
 * rank order (so that non-commutative functions get MPI's order), and the result sent back.
 *
 * <p>Non-blocking forms: {@code iBarrier}, {@code iBcast}, {@code iReduce}, {@code iAllReduce},
 * {@code iAllGather} and {@code iAllToAll} are here, the others in {@link NonBlockingCollectives};
 * all run in Myrmidon's background progress.
 */
final class Collectives
{
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);
    private static final io.myrmidon.Datatype BYTES = io.myrmidon.Datatype.BYTE;

    private Collectives()
    {
    }

    // ------------------------------------------------------------------ barrier, broadcast

    static void barrier(final CommState c)
    {
        c.communicator.barrier();
    }

    static Request iBarrier(final CommState c)
    {
        return Request.started(c, c.communicator.iBarrier(), null, null);
    }

    static void bcast(final CommState c, final Object buf, final int count, final Datatype type, final int root)
    {
        final RankState rank = c.rank;
        final int bytes = PointToPoint.checkedBytes("bcast", type, count);
        final boolean isRoot = c.communicator.rank() == root;
        final Memory memory = memory("bcast", rank.memoryA, buf, count, type, !isRoot);
        final MutableDirectBuffer direct = PointToPoint.directView(memory, rank.viewA, type, bytes);
        if (direct != null)
        {
            c.communicator.bcast(direct, 0, bytes, BYTES, root);
            return;
        }
        final UnsafeBuffer staging = rank.stagingA(bytes);
        if (isRoot)
        {
            memory.pack(type, count, null, staging.addressOffset());
        }
        c.communicator.bcast(staging, 0, bytes, BYTES, root);
        if (!isRoot)
        {
            memory.unpack(type, bytes, null, staging.addressOffset());
        }
    }

    static Request iBcast(final CommState c, final Object buf, final int count, final Datatype type, final int root)
    {
        final int bytes = PointToPoint.checkedBytes("iBcast", type, count);
        final boolean isRoot = c.communicator.rank() == root;
        final Memory memory = memory("iBcast", new Memory(), buf, count, type, !isRoot);
        if (memory.isOffHeap() && type.contiguous)
        {
            final UnsafeBuffer view = new UnsafeBuffer(memory.offset, bytes);
            return Request.started(c, c.communicator.iBcast(view, 0, bytes, BYTES, root), null, buf);
        }
        final UnsafeBuffer staging = RankState.newStaging(bytes);
        if (isRoot)
        {
            memory.pack(type, count, null, staging.addressOffset());
        }
        return Request.started(c, c.communicator.iBcast(staging, 0, bytes, BYTES, root),
            isRoot ? null : status -> memory.unpack(type, bytes, null, staging.addressOffset()), staging);
    }

    // ------------------------------------------------------------------ gather, scatter

    static void gather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype, final int root, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final boolean isRoot = c.communicator.rank() == root;
        checkRoot("gather", root, size);
        if (!isRoot)
        {
            final int bytes = PointToPoint.checkedBytes("gather", sendtype, sendcount);
            final DirectBuffer send = packedSend("gather", c, sendbuf, sendcount, sendtype, bytes);
            c.communicator.gather(send, 0, null, 0, bytes, BYTES, root);
            return;
        }
        final int block = PointToPoint.checkedBytes("gather", recvtype, recvcount);
        final int[] counts = uniform(recvcount, size);
        final int[] displacements = blocks(recvcount, size);
        final Blocks recv = Blocks.receive("gather", c, recvbuf, counts, displacements, recvtype);
        final DirectBuffer send;
        if (inPlace)
        {
            recv.packOwn(root);
            send = Communicator.IN_PLACE;
        }
        else
        {
            checkSame("gather", sendtype, sendcount, block);
            send = packedSend("gather", c, sendbuf, sendcount, sendtype, block);
        }
        c.communicator.gather(send, 0, recv.buffer, 0, block, BYTES, root);
        recv.unpack();
    }

    static void gatherv(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype, final int root,
        final boolean inPlace)
    {
        final int size = c.communicator.size();
        final boolean isRoot = c.communicator.rank() == root;
        checkRoot("gatherv", root, size);
        if (!isRoot)
        {
            final int bytes = PointToPoint.checkedBytes("gatherv", sendtype, sendcount);
            final DirectBuffer send = packedSend("gatherv", c, sendbuf, sendcount, sendtype, bytes);
            c.communicator.gatherv(send, 0, bytes, null, 0, null, null, BYTES, root);
            return;
        }
        final Blocks recv = Blocks.receive("gatherv", c, recvbuf, recvcount, displs, recvtype);
        final DirectBuffer send;
        final int sendBytes;
        if (inPlace)
        {
            recv.packOwn(root);
            send = Communicator.IN_PLACE;
            sendBytes = recv.byteCounts[root];
        }
        else
        {
            sendBytes = PointToPoint.checkedBytes("gatherv", sendtype, sendcount);
            send = packedSend("gatherv", c, sendbuf, sendcount, sendtype, sendBytes);
        }
        c.communicator.gatherv(send, 0, sendBytes, recv.buffer, 0, recv.byteCounts, recv.byteDisplacements, BYTES,
            root);
        recv.unpack();
    }

    static void scatter(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype, final int root, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final boolean isRoot = c.communicator.rank() == root;
        checkRoot("scatter", root, size);
        if (!isRoot)
        {
            final int bytes = PointToPoint.checkedBytes("scatter", recvtype, recvcount);
            final Single recv = Single.receive("scatter", c, recvbuf, recvcount, recvtype, bytes);
            c.communicator.scatter(null, 0, recv.buffer, 0, bytes, BYTES, root);
            recv.unpack();
            return;
        }
        final int block = PointToPoint.checkedBytes("scatter", sendtype, sendcount);
        final Blocks send = Blocks.send("scatter", c, sendbuf, uniform(sendcount, size), blocks(sendcount, size),
            sendtype);
        if (inPlace)
        {
            c.communicator.scatter(send.buffer, 0, Communicator.IN_PLACE, 0, block, BYTES, root);
            return;
        }
        checkSame("scatter", recvtype, recvcount, block);
        final Single recv = Single.receive("scatter", c, recvbuf, recvcount, recvtype, block);
        c.communicator.scatter(send.buffer, 0, recv.buffer, 0, block, BYTES, root);
        recv.unpack();
    }

    static void scatterv(final CommState c, final Object sendbuf, final int[] sendcount, final int[] displs,
        final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype, final int root,
        final boolean inPlace)
    {
        final int size = c.communicator.size();
        final boolean isRoot = c.communicator.rank() == root;
        checkRoot("scatterv", root, size);
        if (!isRoot)
        {
            final int bytes = PointToPoint.checkedBytes("scatterv", recvtype, recvcount);
            final Single recv = Single.receive("scatterv", c, recvbuf, recvcount, recvtype, bytes);
            c.communicator.scatterv(null, 0, null, null, recv.buffer, 0, bytes, BYTES, root);
            recv.unpack();
            return;
        }
        final Blocks send = Blocks.send("scatterv", c, sendbuf, sendcount, displs, sendtype);
        if (inPlace)
        {
            c.communicator.scatterv(send.buffer, 0, send.byteCounts, send.byteDisplacements, Communicator.IN_PLACE, 0,
                send.byteCounts[root], BYTES, root);
            return;
        }
        final int bytes = PointToPoint.checkedBytes("scatterv", recvtype, recvcount);
        final Single recv = Single.receive("scatterv", c, recvbuf, recvcount, recvtype, bytes);
        c.communicator.scatterv(send.buffer, 0, send.byteCounts, send.byteDisplacements, recv.buffer, 0, bytes, BYTES,
            root);
        recv.unpack();
    }

    // ------------------------------------------------------------------ all-gather, all-to-all

    static void allGather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final int block = PointToPoint.checkedBytes("allGather", recvtype, recvcount);
        final Blocks recv = Blocks.receive("allGather", c, recvbuf, uniform(recvcount, size), blocks(recvcount, size),
            recvtype);
        final DirectBuffer send;
        if (inPlace)
        {
            recv.packOwn(c.communicator.rank());
            send = Communicator.IN_PLACE;
        }
        else
        {
            checkSame("allGather", sendtype, sendcount, block);
            send = packedSend("allGather", c, sendbuf, sendcount, sendtype, block);
        }
        c.communicator.allGather(send, 0, recv.buffer, 0, block, BYTES);
        recv.unpack();
    }

    static Request iAllGather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final int block = PointToPoint.checkedBytes("iAllGather", recvtype, recvcount);
        final Memory recvMemory = memory("iAllGather", new Memory(), recvbuf, 0, recvtype, true);
        recvMemory.checkFits("iAllGather", recvtype, recvcount * size);
        final UnsafeBuffer recv = RankState.newStaging((long)block * size);
        final DirectBuffer send;
        if (inPlace)
        {
            final int me = c.communicator.rank();
            recvMemory.pack(recvtype, recvcount, null, recv.addressOffset() + (long)me * block,
                (long)me * recvcount * recvtype.extent);
            send = Communicator.IN_PLACE;
        }
        else
        {
            checkSame("iAllGather", sendtype, sendcount, block);
            final UnsafeBuffer staging = RankState.newStaging(block);
            memory("iAllGather", new Memory(), sendbuf, sendcount, sendtype, false)
                .pack(sendtype, sendcount, null, staging.addressOffset());
            send = staging;
        }
        return Request.started(c, c.communicator.iAllGather(send, 0, recv, 0, block, BYTES),
            status -> recvMemory.unpack(recvtype, (long)block * size, null, recv.addressOffset()), new Object[]{send, recv});
    }

    static void allGatherv(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype,
        final boolean inPlace)
    {
        final Blocks recv = Blocks.receive("allGatherv", c, recvbuf, recvcount, displs, recvtype);
        final int me = c.communicator.rank();
        final DirectBuffer send;
        final int sendBytes;
        if (inPlace)
        {
            recv.packOwn(me);
            send = Communicator.IN_PLACE;
            sendBytes = recv.byteCounts[me];
        }
        else
        {
            sendBytes = PointToPoint.checkedBytes("allGatherv", sendtype, sendcount);
            send = packedSend("allGatherv", c, sendbuf, sendcount, sendtype, sendBytes);
        }
        c.communicator.allGatherv(send, 0, sendBytes, recv.buffer, 0, recv.byteCounts, recv.byteDisplacements,
            BYTES);
        recv.unpack();
    }

    static void allToAll(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        final int size = c.communicator.size();
        final int block = PointToPoint.checkedBytes("allToAll", recvtype, recvcount);
        checkSame("allToAll", sendtype, sendcount, block);
        final Blocks send = Blocks.send("allToAll", c, sendbuf, uniform(sendcount, size), blocks(sendcount, size),
            sendtype);
        final Blocks recv = Blocks.receive("allToAll", c, recvbuf, uniform(recvcount, size), blocks(recvcount, size),
            recvtype);
        c.communicator.allToAll(send.buffer, 0, recv.buffer, 0, block, BYTES);
        recv.unpack();
    }

    static Request iAllToAll(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        final int size = c.communicator.size();
        final int block = PointToPoint.checkedBytes("iAllToAll", recvtype, recvcount);
        checkSame("iAllToAll", sendtype, sendcount, block);
        final Memory sendMemory = memory("iAllToAll", new Memory(), sendbuf, sendcount * size, sendtype, false);
        final Memory recvMemory = memory("iAllToAll", new Memory(), recvbuf, recvcount * size, recvtype, true);
        final UnsafeBuffer send = RankState.newStaging((long)block * size);
        sendMemory.pack(sendtype, sendcount * size, null, send.addressOffset());
        final UnsafeBuffer recv = RankState.newStaging((long)block * size);
        return Request.started(c, c.communicator.iAllToAll(send, 0, recv, 0, block, BYTES),
            status -> recvMemory.unpack(recvtype, (long)block * size, null, recv.addressOffset()), new Object[]{send, recv});
    }

    static void allToAllv(final CommState c, final Object sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype recvtype)
    {
        final Blocks send = Blocks.send("allToAllv", c, sendbuf, sendcount, sdispls, sendtype);
        final Blocks recv = Blocks.receive("allToAllv", c, recvbuf, recvcount, rdispls, recvtype);
        c.communicator.allToAllv(send.buffer, 0, send.byteCounts, send.byteDisplacements, recv.buffer, 0,
            recv.byteCounts, recv.byteDisplacements, BYTES);
        recv.unpack();
    }

    static void allToAllw(final CommState c, final Object sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype[] sendtypes, final Object recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype[] recvtypes)
    {
        final Blocks send = Blocks.sendTyped("allToAllw", c, sendbuf, sendcount, sdispls, sendtypes);
        final Blocks recv = Blocks.receiveTyped("allToAllw", c, recvbuf, recvcount, rdispls, recvtypes);
        c.communicator.allToAllv(send.buffer, 0, send.byteCounts, send.byteDisplacements, recv.buffer, 0,
            recv.byteCounts, recv.byteDisplacements, BYTES);
        recv.unpack();
    }

    // ------------------------------------------------------------------ reductions

    static void reduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final int root, final boolean inPlace)
    {
        checkRoot("reduce", root, c.communicator.size());
        final boolean isRoot = c.communicator.rank() == root;
        if (op != null && op.function != null)
        {
            UserReductions.reduce(c, sendbuf, recvbuf, count, type, op, root, inPlace && isRoot);
            return;
        }
        final Reduction r = Reduction.of("reduce", type, op, count);
        final DirectBuffer send = inPlace && isRoot ? Communicator.IN_PLACE :
            packedSend("reduce", c, sendbuf, count, type, r.bytes);
        if (!isRoot)
        {
            c.communicator.reduce(send, 0, null, 0, r.count, r.type, r.op, root);
            return;
        }
        final Single recv = Single.receive("reduce", c, recvbuf, count, type, r.bytes);
        if (inPlace)
        {
            recv.packOwn();
        }
        c.communicator.reduce(send, 0, recv.buffer, 0, r.count, r.type, r.op, root);
        recv.unpack();
    }

    static Request iReduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final int root, final boolean inPlace)
    {
        checkRoot("iReduce", root, c.communicator.size());
        final boolean isRoot = c.communicator.rank() == root;
        if (op != null && op.function != null)
        {
            return UserReductions.iReduce(c, sendbuf, recvbuf, count, type, op, root, inPlace && isRoot);
        }
        final Reduction r = Reduction.of("iReduce", type, op, count);
        final Memory recvMemory = isRoot ? memory("iReduce", new Memory(), recvbuf, count, type, true) : null;
        final UnsafeBuffer recv = RankState.newStaging(r.bytes);
        final DirectBuffer send;
        if (inPlace && isRoot)
        {
            recvMemory.pack(type, count, null, recv.addressOffset());
            send = Communicator.IN_PLACE;
        }
        else
        {
            final UnsafeBuffer staging = RankState.newStaging(r.bytes);
            memory("iReduce", new Memory(), sendbuf, count, type, false).pack(type, count, null, staging.addressOffset());
            send = staging;
        }
        final io.myrmidon.Request inner = c.communicator.iReduce(send, 0, isRoot ? recv : null, 0, r.count, r.type, r.op,
            root);
        return Request.started(c, inner, isRoot ? status -> recvMemory.unpack(type, r.bytes, null, recv.addressOffset()) :
            null, new Object[]{send, recv});
    }

    static void allReduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final boolean inPlace)
    {
        if (op != null && op.function != null)
        {
            UserReductions.allReduce(c, sendbuf, recvbuf, count, type, op, inPlace);
            return;
        }
        final Reduction r = Reduction.of("allReduce", type, op, count);
        final Single recv = Single.receive("allReduce", c, recvbuf, count, type, r.bytes);
        final DirectBuffer send;
        if (inPlace)
        {
            recv.packOwn();
            send = Communicator.IN_PLACE;
        }
        else
        {
            send = packedSend("allReduce", c, sendbuf, count, type, r.bytes);
        }
        c.communicator.allReduce(send, 0, recv.buffer, 0, r.count, r.type, r.op);
        recv.unpack();
    }

    static Request iAllReduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final boolean inPlace)
    {
        if (op != null && op.function != null)
        {
            return UserReductions.iAllReduce(c, sendbuf, recvbuf, count, type, op, inPlace);
        }
        final Reduction r = Reduction.of("iAllReduce", type, op, count);
        final Memory recvMemory = memory("iAllReduce", new Memory(), recvbuf, count, type, true);
        if (!inPlace && recvMemory.isOffHeap() && type.contiguous && sendbuf instanceof java.nio.Buffer b &&
            b.isDirect())
        {
            final Memory sendMemory = memory("iAllReduce", new Memory(), sendbuf, count, type, false);
            final UnsafeBuffer send = new UnsafeBuffer(sendMemory.offset, r.bytes);
            final UnsafeBuffer recv = new UnsafeBuffer(recvMemory.offset, r.bytes);
            return Request.started(c, c.communicator.iAllReduce(send, 0, recv, 0, r.count, r.type, r.op), null,
                new Object[]{sendbuf, recvbuf});
        }
        final UnsafeBuffer recv = RankState.newStaging(r.bytes);
        final DirectBuffer send;
        if (inPlace)
        {
            recvMemory.pack(type, count, null, recv.addressOffset());
            send = Communicator.IN_PLACE;
        }
        else
        {
            final UnsafeBuffer staging = RankState.newStaging(r.bytes);
            memory("iAllReduce", new Memory(), sendbuf, count, type, false)
                .pack(type, count, null, staging.addressOffset());
            send = staging;
        }
        return Request.started(c, c.communicator.iAllReduce(send, 0, recv, 0, r.count, r.type, r.op),
            status -> recvMemory.unpack(type, r.bytes, null, recv.addressOffset()), new Object[]{send, recv});
    }

    static void reduceScatter(final CommState c, final Object sendbuf, final Object recvbuf, final int[] recvcounts,
        final Datatype type, final Op op, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final int me = c.communicator.rank();
        final int total = totalCount("reduceScatter", recvcounts, size);
        if (op != null && op.function != null)
        {
            UserReductions.reduceScatter(c, sendbuf, recvbuf, recvcounts, total, type, op, inPlace);
            return;
        }
        final Reduction all = Reduction.of("reduceScatter", type, op, total);
        final int[] elementCounts = new int[size];
        for (int i = 0; i < size; i++)
        {
            elementCounts[i] = Reduction.of("reduceScatter", type, op, recvcounts[i]).count;
        }
        final int mine = PointToPoint.checkedBytes("reduceScatter", type, recvcounts[me]);
        if (inPlace)
        {
            final Single inout = Single.receive("reduceScatter", c, recvbuf, total, type, all.bytes);
            inout.packOwn();
            c.communicator.reduceScatter(Communicator.IN_PLACE, 0, inout.buffer, 0, elementCounts, all.type, all.op);
            inout.unpackFirst(mine);
            return;
        }
        final DirectBuffer send = packedSend("reduceScatter", c, sendbuf, total, type, all.bytes);
        final Single recv = Single.receive("reduceScatter", c, recvbuf, recvcounts[me], type, mine);
        c.communicator.reduceScatter(send, 0, recv.buffer, 0, elementCounts, all.type, all.op);
        recv.unpack();
    }

    static void reduceScatterBlock(final CommState c, final Object sendbuf, final Object recvbuf, final int recvcount,
        final Datatype type, final Op op, final boolean inPlace)
    {
        reduceScatter(c, sendbuf, recvbuf, uniform(recvcount, c.communicator.size()), type, op, inPlace);
    }

    static void scan(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final boolean inPlace, final boolean exclusive)
    {
        final String operation = exclusive ? "exScan" : "scan";
        if (op != null && op.function != null)
        {
            UserReductions.scan(c, sendbuf, recvbuf, count, type, op, inPlace, exclusive);
            return;
        }
        final Reduction r = Reduction.of(operation, type, op, count);
        final Single recv = Single.receive(operation, c, recvbuf, count, type, r.bytes);
        final DirectBuffer send;
        if (inPlace)
        {
            recv.packOwn();
            send = Communicator.IN_PLACE;
        }
        else
        {
            send = packedSend(operation, c, sendbuf, count, type, r.bytes);
        }
        if (exclusive)
        {
            c.communicator.exScan(send, 0, recv.buffer, 0, r.count, r.type, r.op);
            if (c.communicator.rank() == 0)
            {
                return;
            }
        }
        else
        {
            c.communicator.scan(send, 0, recv.buffer, 0, r.count, r.type, r.op);
        }
        recv.unpack();
    }

    static void reduceLocal(final Object inBuf, final Object inOutBuf, final int count, final Datatype type,
        final Op op)
    {
        if (op != null && op.function != null)
        {
            UserReductions.reduceLocal(inBuf, inOutBuf, count, type, op);
            return;
        }
        final Reduction r = Reduction.of("reduceLocal", type, op, count);
        final Memory in = memory("reduceLocal", new Memory(), inBuf, count, type, false);
        final Memory inout = memory("reduceLocal", new Memory(), inOutBuf, count, type, true);
        final UnsafeBuffer a = new UnsafeBuffer(new byte[r.bytes]);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[r.bytes]);
        in.pack(type, count, a.byteArray(), a.addressOffset());
        inout.pack(type, count, b.byteArray(), b.addressOffset());
        r.op.reduceLocal(a, 0, b, 0, r.count, r.type);
        inout.unpack(type, r.bytes, b.byteArray(), b.addressOffset());
    }

    // ------------------------------------------------------------------ helpers

    static Memory memory(final String operation, final Memory memory, final Object buf, final int count,
        final Datatype type, final boolean write)
    {
        if (buf == null && count == 0)
        {
            return memory.of(operation, PointToPoint.BufferHolder.EMPTY);
        }
        memory.of(operation, buf);
        if (write)
        {
            memory.checkWritable(operation);
        }
        memory.checkFits(operation, type, count);
        return memory;
    }

    /**
     * @return the bytes to send, in place or packed into the rank's first staging memory.
     */
    static DirectBuffer packedSend(final String operation, final CommState c, final Object buf, final int count,
        final Datatype type, final int bytes)
    {
        if (bytes == 0)
        {
            return EMPTY;
        }
        return PointToPoint.sendView(operation, c.rank, c.rank.memoryA, c.rank.viewA, buf, count, type, bytes, true);
    }

    /**
     * @return the sum of a reduce-scatter's counts, checked: one per rank, none negative.
     */
    static int totalCount(final String operation, final int[] recvcounts, final int size)
    {
        if (recvcounts == null || recvcounts.length < size)
        {
            throw new MpiError(MPI.ERR_COUNT, operation + ": recvcounts must have one count per rank (" + size + ")");
        }
        long total = 0;
        for (int i = 0; i < size; i++)
        {
            if (recvcounts[i] < 0)
            {
                throw new MpiError(MPI.ERR_COUNT, operation + ": recvcounts[" + i + "] is negative");
            }
            total += recvcounts[i];
        }
        if (total > Integer.MAX_VALUE)
        {
            throw new MpiError(MPI.ERR_COUNT, operation + ": the counts add up to more than 2^31 elements");
        }
        return (int)total;
    }

        static void checkRoot(final String operation, final int root, final int size)
    {
        if (root < 0 || root >= size)
        {
            throw new MpiError(MPI.ERR_ROOT, operation + ": root " + root + " is outside 0.." + (size - 1));
        }
    }

    static void checkSame(final String operation, final Datatype type, final int count, final int bytes)
    {
        final int mine = PointToPoint.checkedBytes(operation, type, count);
        if (mine != bytes)
        {
            throw new MpiError(MPI.ERR_TRUNCATE, operation + ": the send side holds " + mine + " bytes (" + count +
                " x " + type + ") but the receive side expects blocks of " + bytes + " bytes; MPI needs the send " +
                "and receive type signatures to match");
        }
    }

    static int[] uniform(final int count, final int size)
    {
        final int[] counts = new int[size];
        java.util.Arrays.fill(counts, count);
        return counts;
    }

    static int[] blocks(final int count, final int size)
    {
        final int[] displacements = new int[size];
        for (int i = 0; i < size; i++)
        {
            displacements[i] = i * count;
        }
        return displacements;
    }

    /**
     * One buffer of {@code count} elements received by a collective: in place when possible,
     * else through the rank's second staging memory.
     */
    static final class Single
    {
        final MutableDirectBuffer buffer;
        private final Memory memory;
        private final Datatype type;
        private final int count;
        private final int bytes;
        private final boolean staged;

        private Single(final MutableDirectBuffer buffer, final Memory memory, final Datatype type, final int count,
            final int bytes, final boolean staged)
        {
            this.buffer = buffer;
            this.memory = memory;
            this.type = type;
            this.count = count;
            this.bytes = bytes;
            this.staged = staged;
        }

        static Single receive(final String operation, final CommState c, final Object buf, final int count,
            final Datatype type, final int bytes)
        {
            final Memory memory = memory(operation, c.rank.memoryB, buf, count, type, true);
            final MutableDirectBuffer direct = bytes == 0 ? null : PointToPoint.directView(memory, c.rank.viewB, type,
                bytes);
            if (direct != null)
            {
                return new Single(direct, memory, type, count, bytes, false);
            }
            return new Single(bytes == 0 ? new UnsafeBuffer(new byte[0]) : c.rank.stagingB(bytes), memory, type,
                count, bytes, true);
        }

        /**
         * {@link #receive} for a non-blocking collective: with memory of its own, not the rank's.
         */
        static Single receiveOwn(final String operation, final Object buf, final int count, final Datatype type,
            final int bytes)
        {
            final Memory memory = memory(operation, new Memory(), buf, count, type, true);
            final MutableDirectBuffer direct = bytes == 0 || !memory.isOffHeap() ? null :
                PointToPoint.directView(memory, new UnsafeBuffer(0, 0), type, bytes);
            if (direct != null)
            {
                return new Single(direct, memory, type, count, bytes, false);
            }
            return new Single(bytes == 0 ? new UnsafeBuffer(new byte[0]) : RankState.newStaging(bytes), memory, type,
                count, bytes, true);
        }

        /**
         * Packs the program's data into the staging memory (in-place operations).
         */
        void packOwn()
        {
            if (staged && bytes > 0)
            {
                memory.pack(type, count, null, buffer.addressOffset());
            }
        }

        void unpack()
        {
            unpackFirst(bytes);
        }

        void unpackFirst(final int length)
        {
            if (staged && length > 0)
            {
                memory.unpack(type, length, null, buffer.addressOffset());
            }
        }
    }

    /**
     * A buffer of per-rank blocks (counts and displacements in elements of the datatype, or of
     * each block's own datatype), laid out for Myrmidon as bytes: the program's memory itself when
     * the datatypes are contiguous and it can be addressed, else packed blocks in staging memory.
     */
    static final class Blocks
    {
        MutableDirectBuffer buffer;
        int[] byteCounts;
        int[] byteDisplacements;
        private Memory memory;
        private Datatype[] types;
        private int[] counts;
        private long[] shifts;
        private boolean staged;

        static Blocks receive(final String operation, final CommState c, final Object buf, final int[] counts,
            final int[] displacements, final Datatype type)
        {
            return of(operation, c, buf, counts, displacements, repeat(type, c.communicator.size()), false, true,
                c.rank.memoryB, c.rank.viewB, false);
        }

        /**
         * {@link #receive} for a non-blocking collective: with memory of its own, not the rank's.
         */
        static Blocks receiveOwn(final String operation, final CommState c, final Object buf, final int[] counts,
            final int[] displacements, final Datatype type)
        {
            return of(operation, c, buf, counts, displacements, repeat(type, c.communicator.size()), false, true,
                new Memory(), new UnsafeBuffer(0, 0), true);
        }

        /**
         * {@link #send} for a non-blocking collective: with memory of its own, not the rank's.
         */
        static Blocks sendOwn(final String operation, final CommState c, final Object buf, final int[] counts,
            final int[] displacements, final Datatype type)
        {
            return of(operation, c, buf, counts, displacements, repeat(type, c.communicator.size()), false, false,
                new Memory(), new UnsafeBuffer(0, 0), true);
        }

        static Blocks receiveTypedOwn(final String operation, final CommState c, final Object buf,
            final int[] counts, final int[] byteDisplacements, final Datatype[] types)
        {
            return of(operation, c, buf, counts, byteDisplacements, types, true, true, new Memory(),
                new UnsafeBuffer(0, 0), true);
        }

        static Blocks sendTypedOwn(final String operation, final CommState c, final Object buf, final int[] counts,
            final int[] byteDisplacements, final Datatype[] types)
        {
            return of(operation, c, buf, counts, byteDisplacements, types, true, false, new Memory(),
                new UnsafeBuffer(0, 0), true);
        }

        static Blocks send(final String operation, final CommState c, final Object buf, final int[] counts,
            final int[] displacements, final Datatype type)
        {
            return of(operation, c, buf, counts, displacements, repeat(type, c.communicator.size()), false, false,
                c.rank.memoryA, c.rank.viewA, false);
        }

        static Blocks receiveTyped(final String operation, final CommState c, final Object buf, final int[] counts,
            final int[] byteDisplacements, final Datatype[] types)
        {
            return of(operation, c, buf, counts, byteDisplacements, types, true, true, c.rank.memoryB, c.rank.viewB,
                false);
        }

        static Blocks sendTyped(final String operation, final CommState c, final Object buf, final int[] counts,
            final int[] byteDisplacements, final Datatype[] types)
        {
            return of(operation, c, buf, counts, byteDisplacements, types, true, false, c.rank.memoryA, c.rank.viewA,
                false);
        }

        private static Blocks of(final String operation, final CommState c, final Object buf, final int[] counts,
            final int[] displacements, final Datatype[] types, final boolean displacementsInBytes,
            final boolean receive, final Memory memory, final UnsafeBuffer view, final boolean own)
        {
            final int size = c.communicator.size();
            if (counts == null || counts.length < size || displacements == null || displacements.length < size ||
                types == null || types.length < size)
            {
                throw new MpiError(MPI.ERR_ARG, operation + ": counts, displacements" +
                    (displacementsInBytes ? " and datatypes" : "") + " need one entry per rank (" + size + ")");
            }
            final Blocks blocks = new Blocks();
            blocks.memory = memory;
            blocks.types = types;
            blocks.counts = counts;
            blocks.byteCounts = new int[size];
            blocks.byteDisplacements = new int[size];
            blocks.shifts = new long[size];
            memory.of(operation, buf == null ? PointToPoint.BufferHolder.EMPTY : buf);
            if (receive)
            {
                memory.checkWritable(operation);
            }
            boolean inPlace = true;
            long packed = 0;
            for (int i = 0; i < size; i++)
            {
                final Datatype type = types[i];
                blocks.byteCounts[i] = PointToPoint.checkedBytes(operation, type, counts[i]);
                blocks.shifts[i] = displacementsInBytes ? displacements[i] : (long)displacements[i] * type.extent;
                memory.checkFits(operation, type, counts[i], blocks.shifts[i]);
                inPlace &= type.contiguous && blocks.shifts[i] >= 0 && blocks.shifts[i] <= Integer.MAX_VALUE;
                blocks.byteDisplacements[i] = (int)packed;
                packed += blocks.byteCounts[i];
            }
            if (packed > Integer.MAX_VALUE - 64)
            {
                throw new MpiError(MPI.ERR_COUNT, operation + ": the blocks add up to more than 2 GiB");
            }
            // a non-blocking operation uses off-heap memory only in place: the collector may move an array
            final boolean addressable = memory.isOffHeap() || (!own && memory.base instanceof byte[]);
            if (inPlace && addressable)
            {
                long end = 0;
                for (int i = 0; i < size; i++)
                {
                    blocks.byteDisplacements[i] = (int)blocks.shifts[i];
                    end = Math.max(end, blocks.shifts[i] + blocks.byteCounts[i]);
                }
                blocks.buffer = PointToPoint.directView(memory, view, MPI.BYTE, (int)Math.min(end, memory.capacity));
                return blocks;
            }
            blocks.staged = true;
            final UnsafeBuffer staging = own ? RankState.newStaging(packed) :
                receive ? c.rank.stagingB(packed) : c.rank.stagingA(packed);
            blocks.buffer = staging;
            if (!receive)
            {
                for (int i = 0; i < size; i++)
                {
                    memory.pack(types[i], counts[i], null, staging.addressOffset() + blocks.byteDisplacements[i],
                        blocks.shifts[i]);
                }
            }
            return blocks;
        }

        /**
         * Packs block {@code i} of the program's buffer into the staging memory, for in-place
         * operations whose own contribution is in the receive buffer.
         */
        void packOwn(final int i)
        {
            if (staged)
            {
                memory.pack(types[i], counts[i], null, buffer.addressOffset() + byteDisplacements[i], shifts[i]);
            }
        }

        void unpack()
        {
            if (!staged)
            {
                return;
            }
            for (int i = 0; i < counts.length && i < byteCounts.length; i++)
            {
                if (byteCounts[i] > 0)
                {
                    memory.unpack(types[i], byteCounts[i], null, buffer.addressOffset() + byteDisplacements[i],
                        shifts[i]);
                }
            }
        }

        private static Datatype[] repeat(final Datatype type, final int size)
        {
            final Datatype[] types = new Datatype[size];
            java.util.Arrays.fill(types, type);
            return types;
        }
    }
}
