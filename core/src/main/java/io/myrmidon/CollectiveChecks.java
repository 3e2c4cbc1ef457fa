package io.myrmidon;

import org.agrona.DirectBuffer;

/**
 * Argument checks of the collectives: each failure says what was wrong and what to do, and comes
 * before anything is sent. Counts are in elements, offsets in bytes.
 */
final class CollectiveChecks
{
    private CollectiveChecks()
    {
    }

    /**
     * @return {@code count} elements of {@code type} in bytes.
     */
    static int bytes(final String operation, final int count, final Datatype type)
    {
        if (type == null)
        {
            throw new MyrmidonException(ErrorClass.TYPE, operation + ": the datatype is null");
        }
        if (count < 0)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": count " + count + " is negative");
        }
        final long bytes = (long)count * type.size();
        if (bytes > Integer.MAX_VALUE)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": " + count + " elements of " + type +
                " are " + bytes + " bytes, more than a buffer can hold; split the operation");
        }
        return (int)bytes;
    }

    static void buffer(final String operation, final String which, final DirectBuffer buffer, final int offset,
        final long bytes)
    {
        if (buffer == null)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": the " + which + " buffer is null");
        }
        if (buffer == Communicator.IN_PLACE)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": IN_PLACE is not allowed as the " + which +
                " buffer here (see the method's documentation for where it is)");
        }
        if (offset < 0)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": " + which + " offset " + offset +
                " is negative");
        }
        if (offset + bytes > buffer.capacity())
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": the " + which + " buffer needs " + bytes +
                " bytes from offset " + offset + " but its capacity is " + buffer.capacity() + " bytes");
        }
    }

    static void root(final String operation, final int root, final int size)
    {
        if (root < 0 || root >= size)
        {
            throw new MyrmidonException(ErrorClass.ROOT, operation + ": root " + root + " is outside 0.." +
                (size - 1) + " of this communicator (size " + size + ")");
        }
    }

    static void op(final String operation, final Op op, final Datatype type)
    {
        if (op == null)
        {
            throw new MyrmidonException(ErrorClass.OP, operation + ": the operation is null");
        }
        op.check(operation, type);
    }

    static void notInPlace(final String operation, final DirectBuffer buffer, final String where)
    {
        if (buffer == Communicator.IN_PLACE)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": IN_PLACE is allowed " + where);
        }
    }

    /**
     * Checks per-rank counts and displacements (in elements; null displacements mean packed).
     *
     * @return the bytes the layout spans.
     */
    static long layout(final String operation, final String which, final int[] counts, final int[] displacements,
        final int size, final Datatype type)
    {
        if (counts == null || counts.length < size)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": " + which + " counts must have one entry " +
                "per rank (" + size + ")" + (counts == null ? " but are null" : " but have " + counts.length));
        }
        if (displacements != null && displacements.length < size)
        {
            throw new MyrmidonException(ErrorClass.ARG, operation + ": " + which + " displacements must have one " +
                "entry per rank (" + size + ") but have " + displacements.length);
        }
        long extent = 0;
        long packed = 0;
        for (int i = 0; i < size; i++)
        {
            if (counts[i] < 0)
            {
                throw new MyrmidonException(ErrorClass.COUNT, operation + ": " + which + " count of rank " + i +
                    " is negative (" + counts[i] + ")");
            }
            final long displacement = displacements == null ? packed : displacements[i];
            if (displacement < 0)
            {
                throw new MyrmidonException(ErrorClass.ARG, operation + ": " + which + " displacement of rank " + i +
                    " is negative (" + displacement + ")");
            }
            packed += counts[i];
            extent = Math.max(extent, displacement + counts[i]);
        }
        final long bytes = extent * type.size();
        if (bytes > Integer.MAX_VALUE)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": the " + which + " layout spans " + bytes +
                " bytes, more than a buffer can hold");
        }
        return bytes;
    }

    // ------------------------------------------------------------------ per collective

    static void bcast(final String operation, final int rank, final int size, final DirectBuffer buffer,
        final int offset, final int count, final Datatype type, final int root)
    {
        root(operation, root, size);
        buffer(operation, "broadcast", buffer, offset, bytes(operation, count, type));
    }

    static void reduce(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final DirectBuffer recv, final int recvOffset, final int count, final Datatype type,
        final Op op, final int root)
    {
        root(operation, root, size);
        final int bytes = bytes(operation, count, type);
        op(operation, op, type);
        sendSide(operation, send, sendOffset, bytes, rank == root, "as the root's send buffer only");
        if (rank == root)
        {
            buffer(operation, "receive", recv, recvOffset, bytes);
        }
    }

    /**
     * allReduce, scan and exScan: the same vector in and out, in place allowed.
     */
    static void allReduce(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final DirectBuffer recv, final int recvOffset, final int count, final Datatype type,
        final Op op)
    {
        final int bytes = bytes(operation, count, type);
        op(operation, op, type);
        sendSide(operation, send, sendOffset, bytes, true, "");
        buffer(operation, "receive", recv, recvOffset, bytes);
    }

    static void gather(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final DirectBuffer recv, final int recvOffset, final int count, final Datatype type,
        final int root)
    {
        root(operation, root, size);
        final int bytes = bytes(operation, count, type);
        sendSide(operation, send, sendOffset, bytes, rank == root, "as the root's send buffer only");
        if (rank == root)
        {
            buffer(operation, "receive", recv, recvOffset, (long)bytes * size);
        }
    }

    static void gatherv(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final int sendCount, final DirectBuffer recv, final int recvOffset, final int[] counts,
        final int[] displacements, final Datatype type, final int root)
    {
        root(operation, root, size);
        final int bytes = bytes(operation, sendCount, type);
        sendSide(operation, send, sendOffset, bytes, rank == root, "as the root's send buffer only");
        if (rank == root)
        {
            buffer(operation, "receive", recv, recvOffset, layout(operation, "receive", counts, displacements, size,
                type));
            if (send != Communicator.IN_PLACE && counts[root] != sendCount)
            {
                throw new MyrmidonException(ErrorClass.COUNT, operation + ": the root sends " + sendCount +
                    " elements but counts[" + root + "] is " + counts[root]);
            }
        }
    }

    static void scatter(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final DirectBuffer recv, final int recvOffset, final int count, final Datatype type,
        final int root)
    {
        root(operation, root, size);
        final int bytes = bytes(operation, count, type);
        if (rank == root)
        {
            buffer(operation, "send", send, sendOffset, (long)bytes * size);
        }
        recvSide(operation, recv, recvOffset, bytes, rank == root);
    }

    static void scatterv(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final int[] counts, final int[] displacements, final DirectBuffer recv,
        final int recvOffset, final int recvCount, final Datatype type, final int root)
    {
        root(operation, root, size);
        final int bytes = bytes(operation, recvCount, type);
        if (rank == root)
        {
            buffer(operation, "send", send, sendOffset, layout(operation, "send", counts, displacements, size, type));
        }
        recvSide(operation, recv, recvOffset, bytes, rank == root);
    }

    static void allGather(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final DirectBuffer recv, final int recvOffset, final int count, final Datatype type)
    {
        final int bytes = bytes(operation, count, type);
        sendSide(operation, send, sendOffset, bytes, true, "");
        buffer(operation, "receive", recv, recvOffset, (long)bytes * size);
    }

    static void allGatherv(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final int sendCount, final DirectBuffer recv, final int recvOffset, final int[] counts,
        final int[] displacements, final Datatype type)
    {
        final int bytes = bytes(operation, sendCount, type);
        sendSide(operation, send, sendOffset, bytes, true, "");
        buffer(operation, "receive", recv, recvOffset, layout(operation, "receive", counts, displacements, size, type));
        if (counts[rank] != sendCount && send != Communicator.IN_PLACE)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": this rank sends " + sendCount +
                " elements but counts[" + rank + "] is " + counts[rank] + "; every rank must pass the same counts");
        }
    }

    static void allToAll(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final DirectBuffer recv, final int recvOffset, final int count, final Datatype type)
    {
        final int bytes = bytes(operation, count, type);
        sendSide(operation, send, sendOffset, (long)bytes * size, true, "");
        buffer(operation, "receive", recv, recvOffset, (long)bytes * size);
    }

    static void allToAllv(final String operation, final int size, final DirectBuffer send, final int sendOffset,
        final int[] sendCounts, final int[] sendDisplacements, final DirectBuffer recv, final int recvOffset,
        final int[] recvCounts, final int[] recvDisplacements, final Datatype type)
    {
        bytes(operation, 0, type);
        buffer(operation, "receive", recv, recvOffset,
            layout(operation, "receive", recvCounts, recvDisplacements, size, type));
        if (send != Communicator.IN_PLACE)
        {
            buffer(operation, "send", send, sendOffset,
                layout(operation, "send", sendCounts, sendDisplacements, size, type));
        }
    }

    static void reduceScatter(final String operation, final int rank, final int size, final DirectBuffer send,
        final int sendOffset, final DirectBuffer recv, final int recvOffset, final int[] counts, final Datatype type,
        final Op op)
    {
        bytes(operation, 0, type);
        op(operation, op, type);
        final long total = layout(operation, "receive", counts, null, size, type);
        sendSide(operation, send, sendOffset, total, true, "");
        buffer(operation, "receive", recv, recvOffset,
            send == Communicator.IN_PLACE ? total : (long)counts[rank] * type.size());
    }

    static void reduceScatterBlock(final String operation, final int size, final DirectBuffer send,
        final int sendOffset, final DirectBuffer recv, final int recvOffset, final int count, final Datatype type,
        final Op op)
    {
        final int bytes = bytes(operation, count, type);
        op(operation, op, type);
        sendSide(operation, send, sendOffset, (long)bytes * size, true, "");
        buffer(operation, "receive", recv, recvOffset, send == Communicator.IN_PLACE ? (long)bytes * size : bytes);
    }

    private static void sendSide(final String operation, final DirectBuffer send, final int sendOffset,
        final long bytes, final boolean inPlaceAllowed, final String where)
    {
        if (send == Communicator.IN_PLACE)
        {
            if (!inPlaceAllowed)
            {
                notInPlace(operation, send, where);
            }
            return;
        }
        buffer(operation, "send", send, sendOffset, bytes);
    }

    private static void recvSide(final String operation, final DirectBuffer recv, final int recvOffset,
        final long bytes, final boolean inPlaceAllowed)
    {
        if (recv == Communicator.IN_PLACE)
        {
            if (!inPlaceAllowed)
            {
                notInPlace(operation, recv, "as the root's receive buffer only");
            }
            return;
        }
        buffer(operation, "receive", recv, recvOffset, bytes);
    }
}
