package io.myrmidon.engine.coll;

import io.myrmidon.Datatype;
import io.myrmidon.Op;
import io.myrmidon.Request;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The non-blocking twins of the collectives that {@link Collectives} runs blocking only: gather,
 * scatter and their {@code v} forms, allgatherv, alltoallv, reduce-scatter (block) and the scans.
 * Each records its blocking form's steps (the same {@code record} method of {@link Collectives})
 * into a pooled {@link ScheduleRequest} of
 * the communicator's {@link Collectives} (so it takes the next tag of the same sequence as every
 * other collective call) and starts it: the first round goes out in the call, the rest advances
 * with every progress of the engine, and the request completes when the last round has.
 *
 * <p>Arguments were checked by the communicator; a null send buffer means "in place". The
 * buffers belong to the operation until the request completes. The counts and displacements
 * arrays are read during the call only. Not thread safe.
 */
public final class NonBlockingCollectives
{
    private final Collectives owner;
    private final int rank;
    private final int size;
    private final Counts sendCounts = new Counts();
    private final Counts recvCounts = new Counts();

    /**
     * @param owner the communicator's collectives, whose request pool and tag sequence these share.
     * @param rank  this rank in the communicator.
     * @param size  the number of ranks.
     */
    public NonBlockingCollectives(final Collectives owner, final int rank, final int size)
    {
        this.owner = owner;
        this.rank = rank;
        this.size = size;
    }

    public Request iGather(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final int root)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        final int bytes = count * type.size();
        GatherScatter.gather(request.schedule, rank, size, root, send, sendOffset, bytes, recv, recvOffset,
            recvCounts.regular(bytes));
        return request.start();
    }

    public Request iGatherv(final DirectBuffer send, final int sendOffset, final int sendCount,
        final MutableDirectBuffer recv, final int recvOffset, final int[] counts, final int[] displacements,
        final Datatype type, final int root)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        GatherScatter.gather(request.schedule, rank, size, root, send, sendOffset, sendCount * type.size(), recv,
            recvOffset, recvCounts.of(counts, displacements, type.size()));
        return request.start();
    }

    public Request iScatter(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final int root)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        final int bytes = count * type.size();
        GatherScatter.scatter(request.schedule, rank, size, root, send, sendOffset, sendCounts.regular(bytes), recv,
            recvOffset, bytes);
        return request.start();
    }

    public Request iScatterv(final DirectBuffer send, final int sendOffset, final int[] counts,
        final int[] displacements, final MutableDirectBuffer recv, final int recvOffset, final int recvCount,
        final Datatype type, final int root)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        GatherScatter.scatter(request.schedule, rank, size, root, send, sendOffset,
            sendCounts.of(counts, displacements, type.size()), recv, recvOffset, recvCount * type.size());
        return request.start();
    }

    public Request iAllGatherv(final DirectBuffer send, final int sendOffset, final int sendCount,
        final MutableDirectBuffer recv, final int recvOffset, final int[] counts, final int[] displacements,
        final Datatype type)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        owner.recordAllGatherv(request.schedule, send, sendOffset, sendCount, recv, recvOffset, counts, displacements,
            type);
        return request.start();
    }

    public Request iAllToAllv(final DirectBuffer send, final int sendOffset, final int[] sendCountsArray,
        final int[] sendDisplacements, final MutableDirectBuffer recv, final int recvOffset,
        final int[] recvCountsArray, final int[] recvDisplacements, final Datatype type)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        owner.recordAllToAllv(request.schedule, send, sendOffset, sendCountsArray, sendDisplacements, recv,
            recvOffset, recvCountsArray, recvDisplacements, type);
        return request.start();
    }

    public Request iReduceScatter(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int[] counts, final Datatype type, final Op op)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        owner.recordReduceScatter(request.schedule, send, sendOffset, recv, recvOffset, counts, 0, type, op);
        return request.start();
    }

    public Request iReduceScatterBlock(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        owner.recordReduceScatter(request.schedule, send, sendOffset, recv, recvOffset, null, count, type, op);
        return request.start();
    }

    public Request iScan(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        owner.recordScan(request.schedule, send, sendOffset, recv, recvOffset, count, type, op);
        return request.start();
    }

    public Request iExScan(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final ScheduleRequest request = owner.beginNonBlocking();
        owner.recordExScan(request.schedule, send, sendOffset, recv, recvOffset, count, type, op);
        return request.start();
    }
}
