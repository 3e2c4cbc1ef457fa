package mpi;

import io.myrmidon.Communicator;
import mpi.Collectives.Blocks;
import mpi.Collectives.Single;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static mpi.Collectives.blocks;
import static mpi.Collectives.checkRoot;
import static mpi.Collectives.checkSame;
import static mpi.Collectives.memory;
import static mpi.Collectives.uniform;

/**
 * The non-blocking collectives that map onto Myrmidon's non-blocking twins of gather, scatter,
 * their {@code v} forms, allgatherv, alltoallv (and alltoallw, as bytes), reduce-scatter and the
 * scans: the call packs what it sends, starts the operation and returns; Myrmidon advances it with
 * every later call into the library; the request's test or wait that reports the completion copies
 * the received bytes into the program's buffer.
 *
 * <p>Memory: each call has its own (a direct buffer with a contiguous datatype is used in place,
 * everything else goes through off-heap staging of the call's own, never through arrays in place,
 * which the garbage collector may move). The program's buffers belong to the operation until the
 * request completes.
 */
final class NonBlockingCollectives
{
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);
    private static final io.myrmidon.Datatype BYTES = io.myrmidon.Datatype.BYTE;

    private NonBlockingCollectives()
    {
    }

    static Request iGather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype, final int root, final boolean inPlace)
    {
        final int size = c.communicator.size();
        checkRoot("iGather", root, size);
        if (c.communicator.rank() != root)
        {
            final int bytes = PointToPoint.checkedBytes("iGather", sendtype, sendcount);
            final DirectBuffer send = ownSend("iGather", sendbuf, sendcount, sendtype, bytes);
            return Request.started(c, c.communicator.iGather(send, 0, null, 0, bytes, BYTES, root), null,
                new Object[]{send, sendbuf});
        }
        final int block = PointToPoint.checkedBytes("iGather", recvtype, recvcount);
        final Blocks recv = Blocks.receiveOwn("iGather", c, recvbuf, uniform(recvcount, size), blocks(recvcount, size),
            recvtype);
        final DirectBuffer send;
        if (inPlace)
        {
            recv.packOwn(root);
            send = Communicator.IN_PLACE;
        }
        else
        {
            checkSame("iGather", sendtype, sendcount, block);
            send = ownSend("iGather", sendbuf, sendcount, sendtype, block);
        }
        return Request.started(c, c.communicator.iGather(send, 0, recv.buffer, 0, block, BYTES, root),
            status -> recv.unpack(), new Object[]{send, recv, sendbuf, recvbuf});
    }

    static Request iGatherv(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype, final int root,
        final boolean inPlace)
    {
        checkRoot("iGatherv", root, c.communicator.size());
        if (c.communicator.rank() != root)
        {
            final int bytes = PointToPoint.checkedBytes("iGatherv", sendtype, sendcount);
            final DirectBuffer send = ownSend("iGatherv", sendbuf, sendcount, sendtype, bytes);
            return Request.started(c, c.communicator.iGatherv(send, 0, bytes, null, 0, null, null, BYTES, root), null,
                new Object[]{send, sendbuf});
        }
        final Blocks recv = Blocks.receiveOwn("iGatherv", c, recvbuf, recvcount, displs, recvtype);
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
            sendBytes = PointToPoint.checkedBytes("iGatherv", sendtype, sendcount);
            send = ownSend("iGatherv", sendbuf, sendcount, sendtype, sendBytes);
        }
        return Request.started(c, c.communicator.iGatherv(send, 0, sendBytes, recv.buffer, 0, recv.byteCounts,
            recv.byteDisplacements, BYTES, root), status -> recv.unpack(), new Object[]{send, recv, sendbuf, recvbuf});
    }

    static Request iScatter(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype, final int root, final boolean inPlace)
    {
        final int size = c.communicator.size();
        checkRoot("iScatter", root, size);
        if (c.communicator.rank() != root)
        {
            final int bytes = PointToPoint.checkedBytes("iScatter", recvtype, recvcount);
            final Single recv = Single.receiveOwn("iScatter", recvbuf, recvcount, recvtype, bytes);
            return Request.started(c, c.communicator.iScatter(null, 0, recv.buffer, 0, bytes, BYTES, root),
                status -> recv.unpack(), new Object[]{recv, recvbuf});
        }
        final int block = PointToPoint.checkedBytes("iScatter", sendtype, sendcount);
        final Blocks send = Blocks.sendOwn("iScatter", c, sendbuf, uniform(sendcount, size), blocks(sendcount, size),
            sendtype);
        if (inPlace)
        {
            return Request.started(c, c.communicator.iScatter(send.buffer, 0, Communicator.IN_PLACE, 0, block, BYTES,
                root), null, new Object[]{send, sendbuf});
        }
        checkSame("iScatter", recvtype, recvcount, block);
        final Single recv = Single.receiveOwn("iScatter", recvbuf, recvcount, recvtype, block);
        return Request.started(c, c.communicator.iScatter(send.buffer, 0, recv.buffer, 0, block, BYTES, root),
            status -> recv.unpack(), new Object[]{send, recv, sendbuf, recvbuf});
    }

    static Request iScatterv(final CommState c, final Object sendbuf, final int[] sendcount, final int[] displs,
        final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype, final int root,
        final boolean inPlace)
    {
        checkRoot("iScatterv", root, c.communicator.size());
        if (c.communicator.rank() != root)
        {
            final int bytes = PointToPoint.checkedBytes("iScatterv", recvtype, recvcount);
            final Single recv = Single.receiveOwn("iScatterv", recvbuf, recvcount, recvtype, bytes);
            return Request.started(c, c.communicator.iScatterv(null, 0, null, null, recv.buffer, 0, bytes, BYTES, root),
                status -> recv.unpack(), new Object[]{recv, recvbuf});
        }
        final Blocks send = Blocks.sendOwn("iScatterv", c, sendbuf, sendcount, displs, sendtype);
        if (inPlace)
        {
            return Request.started(c, c.communicator.iScatterv(send.buffer, 0, send.byteCounts, send.byteDisplacements,
                Communicator.IN_PLACE, 0, send.byteCounts[root], BYTES, root), null, new Object[]{send, sendbuf});
        }
        final int bytes = PointToPoint.checkedBytes("iScatterv", recvtype, recvcount);
        final Single recv = Single.receiveOwn("iScatterv", recvbuf, recvcount, recvtype, bytes);
        return Request.started(c, c.communicator.iScatterv(send.buffer, 0, send.byteCounts, send.byteDisplacements,
            recv.buffer, 0, bytes, BYTES, root), status -> recv.unpack(), new Object[]{send, recv, sendbuf, recvbuf});
    }

    static Request iAllGatherv(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype,
        final boolean inPlace)
    {
        final Blocks recv = Blocks.receiveOwn("iAllGatherv", c, recvbuf, recvcount, displs, recvtype);
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
            sendBytes = PointToPoint.checkedBytes("iAllGatherv", sendtype, sendcount);
            send = ownSend("iAllGatherv", sendbuf, sendcount, sendtype, sendBytes);
        }
        return Request.started(c, c.communicator.iAllGatherv(send, 0, sendBytes, recv.buffer, 0, recv.byteCounts,
            recv.byteDisplacements, BYTES), status -> recv.unpack(), new Object[]{send, recv, sendbuf, recvbuf});
    }

    static Request iAllToAllv(final CommState c, final Object sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype recvtype)
    {
        final Blocks send = Blocks.sendOwn("iAllToAllv", c, sendbuf, sendcount, sdispls, sendtype);
        final Blocks recv = Blocks.receiveOwn("iAllToAllv", c, recvbuf, recvcount, rdispls, recvtype);
        return exchange(c, send, recv, new Object[]{send, recv, sendbuf, recvbuf});
    }

    static Request iAllToAllw(final CommState c, final Object sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype[] sendtypes, final Object recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype[] recvtypes)
    {
        final Blocks send = Blocks.sendTypedOwn("iAllToAllw", c, sendbuf, sendcount, sdispls, sendtypes);
        final Blocks recv = Blocks.receiveTypedOwn("iAllToAllw", c, recvbuf, recvcount, rdispls, recvtypes);
        return exchange(c, send, recv, new Object[]{send, recv, sendbuf, recvbuf});
    }

    static Request iReduceScatter(final CommState c, final Object sendbuf, final Object recvbuf,
        final int[] recvcounts, final Datatype type, final Op op, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final int me = c.communicator.rank();
        final int total = Collectives.totalCount("iReduceScatter", recvcounts, size);
        if (op != null && op.function != null)
        {
            return UserReductions.iReduceScatter(c, sendbuf, recvbuf, recvcounts, total, type, op, inPlace);
        }
        final Reduction all = Reduction.of("iReduceScatter", type, op, total);
        final int[] elementCounts = new int[size];
        for (int i = 0; i < size; i++)
        {
            elementCounts[i] = Reduction.of("iReduceScatter", type, op, recvcounts[i]).count;
        }
        final int mine = PointToPoint.checkedBytes("iReduceScatter", type, recvcounts[me]);
        if (inPlace)
        {
            final Single inout = Single.receiveOwn("iReduceScatter", recvbuf, total, type, all.bytes);
            inout.packOwn();
            return Request.started(c, c.communicator.iReduceScatter(Communicator.IN_PLACE, 0, inout.buffer, 0,
                elementCounts, all.type, all.op), status -> inout.unpackFirst(mine), new Object[]{inout, recvbuf});
        }
        final DirectBuffer send = ownSend("iReduceScatter", sendbuf, total, type, all.bytes);
        final Single recv = Single.receiveOwn("iReduceScatter", recvbuf, recvcounts[me], type, mine);
        return Request.started(c, c.communicator.iReduceScatter(send, 0, recv.buffer, 0, elementCounts, all.type,
            all.op), status -> recv.unpack(), new Object[]{send, recv, sendbuf, recvbuf});
    }

    static Request iReduceScatterBlock(final CommState c, final Object sendbuf, final Object recvbuf,
        final int recvcount, final Datatype type, final Op op, final boolean inPlace)
    {
        return iReduceScatter(c, sendbuf, recvbuf, uniform(recvcount, c.communicator.size()), type, op, inPlace);
    }

    static Request iScan(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final boolean inPlace, final boolean exclusive)
    {
        final String operation = exclusive ? "iExScan" : "iScan";
        if (op != null && op.function != null)
        {
            return UserReductions.iScan(c, sendbuf, recvbuf, count, type, op, inPlace, exclusive);
        }
        final Reduction r = Reduction.of(operation, type, op, count);
        final Single recv = Single.receiveOwn(operation, recvbuf, count, type, r.bytes);
        final DirectBuffer send;
        if (inPlace)
        {
            recv.packOwn();
            send = Communicator.IN_PLACE;
        }
        else
        {
            send = ownSend(operation, sendbuf, count, type, r.bytes);
        }
        final boolean unpack = !exclusive || c.communicator.rank() > 0;
        final io.myrmidon.Request inner = exclusive ?
            c.communicator.iExScan(send, 0, recv.buffer, 0, r.count, r.type, r.op) :
            c.communicator.iScan(send, 0, recv.buffer, 0, r.count, r.type, r.op);
        return Request.started(c, inner, unpack ? status -> recv.unpack() : null,
            new Object[]{send, recv, sendbuf, recvbuf});
    }

    // ------------------------------------------------------------------ helpers

    private static Request exchange(final CommState c, final Blocks send, final Blocks recv, final Object keepAlive)
    {
        return Request.started(c, c.communicator.iAllToAllv(send.buffer, 0, send.byteCounts, send.byteDisplacements,
            recv.buffer, 0, recv.byteCounts, recv.byteDisplacements, BYTES), status -> recv.unpack(), keepAlive);
    }

    /**
     * @return the bytes to send: the program's direct buffer in place when the datatype is
     * contiguous, else a packed copy of the call's own.
     */
    static DirectBuffer ownSend(final String operation, final Object buf, final int count, final Datatype type,
        final int bytes)
    {
        if (bytes == 0)
        {
            return EMPTY;
        }
        final Memory memory = memory(operation, new Memory(), buf, count, type, false);
        if (memory.isOffHeap() && type.contiguous)
        {
            return new UnsafeBuffer(memory.offset, bytes);
        }
        final UnsafeBuffer staging = RankState.newStaging(bytes);
        memory.pack(type, count, null, staging.addressOffset());
        return staging;
    }
}
