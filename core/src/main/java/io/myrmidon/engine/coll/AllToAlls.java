package io.myrmidon.engine.coll;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * All-to-all algorithms, for regular and per-rank ({@code v}) blocks alike.
 */
final class AllToAlls
{
    private AllToAlls()
    {
    }

    /**
     * Pairwise exchange: in step s (1..n-1) a rank sends to {@code rank + s} and receives from
     * {@code rank - s}, one partner pair at a time, so that no rank is flooded; best for large
     * blocks.
     */
    static void pairwise(final Schedule schedule, final int rank, final int size,
        final DirectBuffer send, final int sendOffset, final Counts sendCounts,
        final MutableDirectBuffer recv, final int recvOffset, final Counts recvCounts)
    {
        schedule.copy(send, sendOffset + sendCounts.displacement(rank), recv,
            recvOffset + recvCounts.displacement(rank), recvCounts.count(rank));
        for (int step = 1; step < size; step++)
        {
            final int to = (rank + step) % size;
            final int from = (rank - step + size) % size;
            schedule.recv(recv, recvOffset + recvCounts.displacement(from), recvCounts.count(from), from);
            schedule.send(send, sendOffset + sendCounts.displacement(to), sendCounts.count(to), to);
            schedule.fence();
        }
    }

    /**
     * Linear: every receive and send posted at once (receives first), in the pairwise order;
     * lowest latency for small and medium blocks.
     */
    static void linear(final Schedule schedule, final int rank, final int size,
        final DirectBuffer send, final int sendOffset, final Counts sendCounts,
        final MutableDirectBuffer recv, final int recvOffset, final Counts recvCounts)
    {
        schedule.copy(send, sendOffset + sendCounts.displacement(rank), recv,
            recvOffset + recvCounts.displacement(rank), recvCounts.count(rank));
        for (int step = 1; step < size; step++)
        {
            final int from = (rank - step + size) % size;
            schedule.recv(recv, recvOffset + recvCounts.displacement(from), recvCounts.count(from), from);
        }
        for (int step = 1; step < size; step++)
        {
            final int to = (rank + step) % size;
            schedule.send(send, sendOffset + sendCounts.displacement(to), sendCounts.count(to), to);
        }
        schedule.fence();
    }
}
