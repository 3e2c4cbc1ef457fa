package io.myrmidon.engine.coll;

import io.myrmidon.Datatype;
import io.myrmidon.Op;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Reduce-scatter: block i of the reduced vector ends at rank i.
 */
final class ReduceScatters
{
    private ReduceScatters()
    {
    }

    /**
     * Pairwise: every rank sends block i of its input to rank i (all at once) and receives its own
     * block from every rank, then folds the n contributions in rank order,
     * {@code ((x0 op x1) op x2) op ...}. Each block is computed by exactly one rank in rank order,
     * so any operation (commutative or not) is respected and the result is deterministic.
     *
     * @param input  the whole input vector, blocks at the displacements of {@code counts}; may be
     *               the receive buffer (in place): it is read before the result is written.
     * @param temp   room for n copies of this rank's block.
     * @param counts per-rank byte counts, displacements the prefix sums.
     */
    static void pairwise(final Schedule schedule, final int rank, final int size,
        final DirectBuffer input, final int inputOffset,
        final MutableDirectBuffer recv, final int recvOffset,
        final MutableDirectBuffer temp, final int tempOffset,
        final Counts counts, final Datatype type, final Op op)
    {
        final int mine = counts.count(rank);
        schedule.copy(input, inputOffset + counts.displacement(rank), temp, tempOffset + rank * mine, mine);
        for (int step = 1; step < size; step++)
        {
            final int from = (rank - step + size) % size;
            schedule.recv(temp, tempOffset + from * mine, mine, from);
        }
        for (int step = 1; step < size; step++)
        {
            final int to = (rank + step) % size;
            schedule.send(input, inputOffset + counts.displacement(to), counts.count(to), to);
        }
        schedule.fence();
        final int count = mine / type.size();
        if (size == 1)
        {
            schedule.copy(temp, tempOffset, recv, recvOffset, mine);
            return;
        }
        schedule.reduce(temp, tempOffset, temp, tempOffset + mine, recv, recvOffset, count, type, op);
        for (int i = 2; i < size; i++)
        {
            schedule.reduce(recv, recvOffset, temp, tempOffset + i * mine, recv, recvOffset, count, type, op);
        }
    }
}
