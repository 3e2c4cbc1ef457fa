package io.myrmidon.engine.coll;

import io.myrmidon.Datatype;
import io.myrmidon.Op;
import org.agrona.MutableDirectBuffer;

/**
 * Prefix reductions by recursive doubling: in step {@code 2^k} a rank exchanges the partial
 * reduction of its aligned block of {@code 2^k} ranks with the rank {@code rank xor 2^k}. The
 * lower block always goes on the left, so non-commutative operations are respected.
 */
final class Scans
{
    private Scans()
    {
    }

    /**
     * Inclusive scan: rank r gets {@code x0 op ... op xr}.
     *
     * @param result  holds this rank's input on entry, the result on exit.
     * @param partial room for one vector.
     * @param temp    room for one vector.
     */
    static void inclusive(final Schedule schedule, final int rank, final int size,
        final MutableDirectBuffer result, final int resultOffset,
        final MutableDirectBuffer partial, final int partialOffset,
        final MutableDirectBuffer temp, final int tempOffset,
        final int count, final Datatype type, final Op op)
    {
        final int bytes = count * type.size();
        schedule.copy(result, resultOffset, partial, partialOffset, bytes);
        for (int mask = 1; mask < size; mask <<= 1)
        {
            final int peer = rank ^ mask;
            if (peer >= size)
            {
                continue;
            }
            schedule.recv(temp, tempOffset, bytes, peer);
            schedule.send(partial, partialOffset, bytes, peer);
            schedule.fence();
            if (peer < rank)
            {
                schedule.reduce(temp, tempOffset, partial, partialOffset, partial, partialOffset, count, type, op);
                schedule.reduce(temp, tempOffset, result, resultOffset, result, resultOffset, count, type, op);
            }
            else
            {
                schedule.reduce(partial, partialOffset, temp, tempOffset, partial, partialOffset, count, type, op);
            }
        }
    }

    /**
     * Exclusive scan: rank r gets {@code x0 op ... op x(r-1)}; rank 0's result is left untouched.
     *
     * @param partial holds this rank's input on entry (a copy the caller made).
     */
    static void exclusive(final Schedule schedule, final int rank, final int size,
        final MutableDirectBuffer result, final int resultOffset,
        final MutableDirectBuffer partial, final int partialOffset,
        final MutableDirectBuffer temp, final int tempOffset,
        final int count, final Datatype type, final Op op)
    {
        final int bytes = count * type.size();
        boolean haveResult = false;
        for (int mask = 1; mask < size; mask <<= 1)
        {
            final int peer = rank ^ mask;
            if (peer >= size)
            {
                continue;
            }
            schedule.recv(temp, tempOffset, bytes, peer);
            schedule.send(partial, partialOffset, bytes, peer);
            schedule.fence();
            if (peer < rank)
            {
                schedule.reduce(temp, tempOffset, partial, partialOffset, partial, partialOffset, count, type, op);
                if (haveResult)
                {
                    schedule.reduce(temp, tempOffset, result, resultOffset, result, resultOffset, count, type, op);
                }
                else
                {
                    schedule.copy(temp, tempOffset, result, resultOffset, bytes);
                    haveResult = true;
                }
            }
            else
            {
                schedule.reduce(partial, partialOffset, temp, tempOffset, partial, partialOffset, count, type, op);
            }
        }
    }
}
