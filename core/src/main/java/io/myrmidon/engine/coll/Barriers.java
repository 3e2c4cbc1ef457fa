package io.myrmidon.engine.coll;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Barrier algorithms.
 */
final class Barriers
{
    static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    private Barriers()
    {
    }

    /**
     * Dissemination barrier (Hensgen, Finkel and Manber): in round k every rank signals
     * {@code rank + 2^k} and waits for {@code rank - 2^k}, ceil(log2 n) rounds for any n. After
     * the last round every rank has heard, directly or not, from every other.
     */
    static void dissemination(final Schedule schedule, final int rank, final int size)
    {
        for (int distance = 1; distance < size; distance <<= 1)
        {
            schedule.recv(EMPTY, 0, 0, (rank - distance + size) % size);
            schedule.send(EMPTY, 0, 0, (rank + distance) % size);
            schedule.fence();
        }
    }
}
