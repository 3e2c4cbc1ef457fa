package io.myrmidon.engine.coll;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Gather and scatter, with per-rank counts and displacements (the {@code v} variants; the
 * regular ones pass equal counts). Linear: the root posts every receive (or send) at once and the
 * transport overlaps them; the other ranks exchange one message with the root.
 */
final class GatherScatter
{
    private GatherScatter()
    {
    }

    /**
     * @param send        this rank's block, or null when the root's block is already in place.
     * @param counts      bytes from each rank (root only).
     * @param displacements byte offsets of each rank's block from {@code recvOffset} (root only).
     */
    static void gather(final Schedule schedule, final int rank, final int size, final int root,
        final DirectBuffer send, final int sendOffset, final int sendBytes,
        final MutableDirectBuffer recv, final int recvOffset, final Counts counts)
    {
        if (rank != root)
        {
            schedule.send(send, sendOffset, sendBytes, root);
            schedule.fence();
            return;
        }
        for (int i = 0; i < size; i++)
        {
            if (i != root)
            {
                schedule.recv(recv, recvOffset + counts.displacement(i), counts.count(i), i);
            }
        }
        if (send != null)
        {
            schedule.copy(send, sendOffset, recv, recvOffset + counts.displacement(root), counts.count(root));
        }
        schedule.fence();
    }

    /**
     * @param recv this rank's block, or null at the root to leave its block in place.
     */
    static void scatter(final Schedule schedule, final int rank, final int size, final int root,
        final DirectBuffer send, final int sendOffset, final Counts counts,
        final MutableDirectBuffer recv, final int recvOffset, final int recvBytes)
    {
        if (rank != root)
        {
            schedule.recv(recv, recvOffset, recvBytes, root);
            schedule.fence();
            return;
        }
        for (int i = 0; i < size; i++)
        {
            if (i != root)
            {
                schedule.send(send, sendOffset + counts.displacement(i), counts.count(i), i);
            }
        }
        if (recv != null)
        {
            schedule.copy(send, sendOffset + counts.displacement(root), recv, recvOffset, counts.count(root));
        }
        schedule.fence();
    }
}
