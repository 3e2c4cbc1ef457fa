package io.myrmidon.engine.coll;

import io.myrmidon.Datatype;
import io.myrmidon.Op;
import org.agrona.MutableDirectBuffer;

/**
 * Reduce to a root.
 */
final class Reduces
{
    private Reduces()
    {
    }

    /**
     * Binomial tree: at step {@code 2^k} a rank whose bit k is set sends its partial result to
     * the rank {@code 2^k} below it and leaves; the receiver combines {@code own op received}.
     * Each partial covers a contiguous run of (relative) ranks and the lower run always comes
     * first, so the result is {@code x0 op x1 op ... op x(n-1)} bracketed as a binary tree over
     * the ranks in order. A commutative operation runs on ranks relative to the root; a
     * non-commutative one runs rooted at rank 0, in true rank order, and rank 0 then sends the
     * result to the root.
     *
     * @param accumulator this rank's input, already in place; overwritten with partial results
     *                    (at the root, the result).
     * @param temp        room for one partial from a child ({@code count} elements).
     * @param result      the root's result buffer (when the tree root is not the root, rank 0
     *                    forwards into it); ignored elsewhere.
     */
    static void binomial(final Schedule schedule, final int rank, final int size, final int root,
        final MutableDirectBuffer accumulator, final int accumulatorOffset,
        final MutableDirectBuffer temp, final int tempOffset,
        final MutableDirectBuffer result, final int resultOffset,
        final int count, final Datatype type, final Op op)
    {
        final int bytes = count * type.size();
        final int treeRoot = op.isCommutative() ? root : 0;
        final int relative = (rank - treeRoot + size) % size;
        for (int mask = 1; mask < size; mask <<= 1)
        {
            if ((relative & mask) == 0)
            {
                final int child = relative | mask;
                if (child < size)
                {
                    schedule.recv(temp, tempOffset, bytes, (child + treeRoot) % size);
                    schedule.fence();
                    schedule.reduce(accumulator, accumulatorOffset, temp, tempOffset, accumulator, accumulatorOffset,
                        count, type, op);
                }
            }
            else
            {
                schedule.send(accumulator, accumulatorOffset, bytes, ((relative & ~mask) + treeRoot) % size);
                schedule.fence();
                break;
            }
        }
        if (treeRoot != root)
        {
            if (rank == treeRoot)
            {
                schedule.send(accumulator, accumulatorOffset, bytes, root);
            }
            else if (rank == root)
            {
                schedule.recv(result, resultOffset, bytes, treeRoot);
            }
        }
        schedule.fence();
    }
}
