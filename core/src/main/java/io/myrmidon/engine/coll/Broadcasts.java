package io.myrmidon.engine.coll;

import org.agrona.MutableDirectBuffer;

/**
 * Broadcast algorithms over bytes.
 */
final class Broadcasts
{
    private Broadcasts()
    {
    }

    /**
     * Binomial tree rooted at {@code root} (ranks renumbered relative to it): a rank receives the
     * whole message from its parent, then passes it to its children, largest subtree first.
     * ceil(log2 n) steps; best for small messages.
     */
    static void binomial(final Schedule schedule, final int rank, final int size, final int root,
        final MutableDirectBuffer buffer, final int offset, final int bytes)
    {
        final int relative = (rank - root + size) % size;
        int mask = 1;
        while (mask < size)
        {
            if ((relative & mask) != 0)
            {
                schedule.recv(buffer, offset, bytes, (rank - mask + size) % size);
                schedule.fence();
                break;
            }
            mask <<= 1;
        }
        mask >>= 1;
        while (mask > 0)
        {
            if (relative + mask < size)
            {
                schedule.send(buffer, offset, bytes, (rank + mask) % size);
            }
            mask >>= 1;
        }
        schedule.fence();
    }

    /**
     * Scatter then allgather (van de Geijn): the message is cut into n segments, a binomial tree
     * scatters segment i to relative rank i, and a ring allgather brings every segment to every
     * rank. Each rank moves about 2 * bytes instead of log2(n) * bytes; best for large messages.
     */
    static void scatterAllGather(final Schedule schedule, final int rank, final int size, final int root,
        final MutableDirectBuffer buffer, final int offset, final int bytes)
    {
        final int segment = (bytes + size - 1) / size;
        final int relative = (rank - root + size) % size;

        int mask = 1;
        while (mask < size)
        {
            if ((relative & mask) != 0)
            {
                final int from = segmentStart(relative, segment, bytes);
                final int to = segmentStart(Math.min(relative + mask, size), segment, bytes);
                schedule.recv(buffer, offset + from, to - from, (rank - mask + size) % size);
                schedule.fence();
                break;
            }
            mask <<= 1;
        }
        mask >>= 1;
        while (mask > 0)
        {
            final int child = relative + mask;
            if (child < size)
            {
                final int from = segmentStart(child, segment, bytes);
                final int to = segmentStart(Math.min(child + mask, size), segment, bytes);
                schedule.send(buffer, offset + from, to - from, (rank + mask) % size);
            }
            mask >>= 1;
        }
        schedule.fence();

        final int right = (rank + 1) % size;
        final int left = (rank - 1 + size) % size;
        for (int step = 0; step < size - 1; step++)
        {
            final int sendSegment = (relative - step + size) % size;
            final int recvSegment = (relative - step - 1 + size) % size;
            final int sendFrom = segmentStart(sendSegment, segment, bytes);
            final int recvFrom = segmentStart(recvSegment, segment, bytes);
            schedule.recv(buffer, offset + recvFrom, segmentStart(recvSegment + 1, segment, bytes) - recvFrom, left);
            schedule.send(buffer, offset + sendFrom, segmentStart(sendSegment + 1, segment, bytes) - sendFrom, right);
            schedule.fence();
        }
    }

    private static int segmentStart(final int index, final int segment, final int bytes)
    {
        return (int)Math.min((long)index * segment, bytes);
    }
}
