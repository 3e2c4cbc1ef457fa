package io.myrmidon.engine.coll;

import org.agrona.MutableDirectBuffer;

/**
 * Allgather algorithms. On entry this rank's own block is already in its place in the result
 * buffer (the caller copies it there unless it is in place).
 */
final class AllGathers
{
    private AllGathers()
    {
    }

    /**
     * Ring: n - 1 steps, each passing to the right the block received from the left in the step
     * before. Bandwidth-optimal, any n, any block sizes.
     */
    static void ring(final Schedule schedule, final int rank, final int size,
        final MutableDirectBuffer recv, final int recvOffset, final Counts counts)
    {
        final int right = (rank + 1) % size;
        final int left = (rank - 1 + size) % size;
        for (int step = 0; step < size - 1; step++)
        {
            final int sendBlock = (rank - step + size) % size;
            final int recvBlock = (rank - step - 1 + size) % size;
            schedule.recv(recv, recvOffset + counts.displacement(recvBlock), counts.count(recvBlock), left);
            schedule.send(recv, recvOffset + counts.displacement(sendBlock), counts.count(sendBlock), right);
            schedule.fence();
        }
    }

    /**
     * Bruck: ceil(log2 n) steps for any n. In step k a rank sends the {@code min(2^k, n - 2^k)}
     * blocks it holds (its own and those after it, in rank order from itself) to
     * {@code rank - 2^k} and receives as many from {@code rank + 2^k}; a final local rotation
     * puts the blocks in rank order. Best for small blocks.
     *
     * @param temp room for n blocks.
     */
    static void bruck(final Schedule schedule, final int rank, final int size,
        final MutableDirectBuffer recv, final int recvOffset, final int blockBytes,
        final MutableDirectBuffer temp, final int tempOffset)
    {
        schedule.copy(recv, recvOffset + rank * blockBytes, temp, tempOffset, blockBytes);
        for (int distance = 1; distance < size; distance <<= 1)
        {
            final int blocks = Math.min(distance, size - distance);
            schedule.recv(temp, tempOffset + distance * blockBytes, blocks * blockBytes, (rank + distance) % size);
            schedule.send(temp, tempOffset, blocks * blockBytes, (rank - distance + size) % size);
            schedule.fence();
        }
        for (int i = 1; i < size; i++)
        {
            schedule.copy(temp, tempOffset + i * blockBytes, recv, recvOffset + ((rank + i) % size) * blockBytes,
                blockBytes);
        }
    }
}
