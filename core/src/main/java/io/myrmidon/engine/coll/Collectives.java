package io.myrmidon.engine.coll;

import io.myrmidon.Datatype;
import io.myrmidon.Op;
import io.myrmidon.Request;
import io.myrmidon.engine.Engine;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayDeque;

/**
 * The collectives of one communicator on one rank: chooses an algorithm per call (by size, rank
 * count and {@link CollectiveConfig}), records it in a {@link Schedule} and runs it, to the end
 * for a blocking call, or as a {@link ScheduleRequest} for a non-blocking one.
 *
 * <p>Arguments were checked by the communicator. Counts are in elements of the datatype, offsets
 * in bytes; a null send buffer means "in place" (MPI_IN_PLACE). Every call takes the next tag of
 * the communicator's collective context, so calls never match each other's messages (ranks call
 * collectives in the same order, as MPI requires).
 *
 * <p>Blocking calls reuse one schedule and its scratch memory: no allocation in steady state.
 * Not thread safe.
 */
public final class Collectives
{
    private final Engine engine;
    private final CollectiveConfig config;
    private final int contextId;
    private final int[] commToWorld;
    private final int rank;
    private final int size;
    private final Schedule blocking;
    private final ArrayDeque<ScheduleRequest> pool = new ArrayDeque<>();
    private final Counts sendCounts = new Counts();
    private final Counts recvCounts = new Counts();
    private int sequence;

    /**
     * @param contextId   the communicator's collective context.
     * @param commToWorld world rank of each communicator rank.
     * @param rank        this rank in the communicator.
     */
    public Collectives(final Engine engine, final CollectiveConfig config, final int contextId,
        final int[] commToWorld, final int rank)
    {
        this.engine = engine;
        this.config = config;
        this.contextId = contextId;
        this.commToWorld = commToWorld;
        this.rank = rank;
        this.size = commToWorld.length;
        this.blocking = new Schedule(engine, contextId, commToWorld, true);
    }

    // ------------------------------------------------------------------ barrier

    public void barrier()
    {
        final Schedule schedule = begin();
        Barriers.dissemination(schedule, rank, size);
        schedule.run();
    }

    public Request iBarrier()
    {
        final ScheduleRequest request = beginNonBlocking();
        Barriers.dissemination(request.schedule, rank, size);
        return request.start();
    }

    // ------------------------------------------------------------------ broadcast

    public void bcast(final MutableDirectBuffer buffer, final int offset, final int count, final Datatype type,
        final int root)
    {
        final Schedule schedule = begin();
        recordBcast(schedule, buffer, offset, count * type.size(), root);
        schedule.run();
    }

    public Request iBcast(final MutableDirectBuffer buffer, final int offset, final int count, final Datatype type,
        final int root)
    {
        final ScheduleRequest request = beginNonBlocking();
        recordBcast(request.schedule, buffer, offset, count * type.size(), root);
        return request.start();
    }

    private void recordBcast(final Schedule schedule, final MutableDirectBuffer buffer, final int offset,
        final int bytes, final int root)
    {
        CollectiveConfig.BcastAlgorithm algorithm = config.bcast;
        if (algorithm == CollectiveConfig.BcastAlgorithm.AUTO)
        {
            algorithm = bytes < config.bcastLarge || size < 8 || bytes < size || config.oversubscribed ?
                CollectiveConfig.BcastAlgorithm.BINOMIAL : CollectiveConfig.BcastAlgorithm.SCATTER_ALLGATHER;
        }
        if (algorithm == CollectiveConfig.BcastAlgorithm.SCATTER_ALLGATHER)
        {
            Broadcasts.scatterAllGather(schedule, rank, size, root, buffer, offset, bytes);
        }
        else
        {
            Broadcasts.binomial(schedule, rank, size, root, buffer, offset, bytes);
        }
    }

    // ------------------------------------------------------------------ reduce

    public void reduce(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op, final int root)
    {
        final Schedule schedule = begin();
        recordReduce(schedule, send, sendOffset, recv, recvOffset, count, type, op, root);
        schedule.run();
    }

    public Request iReduce(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op, final int root)
    {
        final ScheduleRequest request = beginNonBlocking();
        recordReduce(request.schedule, send, sendOffset, recv, recvOffset, count, type, op, root);
        return request.start();
    }

    private void recordReduce(final Schedule schedule, final DirectBuffer send, final int sendOffset,
        final MutableDirectBuffer recv, final int recvOffset, final int count, final Datatype type, final Op op,
        final int root)
    {
        final int bytes = count * type.size();
        final MutableDirectBuffer scratch = schedule.scratch(2L * bytes);
        final MutableDirectBuffer accumulator = rank == root ? recv : scratch;
        final int accumulatorOffset = rank == root ? recvOffset : bytes;
        if (rank != root || send != null)
        {
            schedule.copy(send, sendOffset, accumulator, accumulatorOffset, bytes);
        }
        if (reduceAlgorithm(bytes, count) == CollectiveConfig.ReduceAlgorithm.REDUCE_SCATTER_GATHER)
        {
            AllReduces.reduceScatterGather(schedule, rank, size, root, accumulator, accumulatorOffset, scratch, 0,
                recv, recvOffset, count, type, op);
        }
        else
        {
            Reduces.binomial(schedule, rank, size, root, accumulator, accumulatorOffset, scratch, 0, recv, recvOffset,
                count, type, op);
        }
    }

    /**
     * @return the reduce algorithm this call uses (forced or chosen by size).
     */
    CollectiveConfig.ReduceAlgorithm reduceAlgorithm(final int bytes, final int count)
    {
        if (config.reduce != CollectiveConfig.ReduceAlgorithm.AUTO)
        {
            return config.reduce;
        }
        return bytes > config.reduceLarge && count >= Blocks.floorPowerOfTwo(size) && size > 1 ?
            CollectiveConfig.ReduceAlgorithm.REDUCE_SCATTER_GATHER : CollectiveConfig.ReduceAlgorithm.BINOMIAL;
    }

    // ------------------------------------------------------------------ allreduce

    public void allReduce(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final Schedule schedule = begin();
        recordAllReduce(schedule, send, sendOffset, recv, recvOffset, count, type, op);
        schedule.run();
    }

    public Request iAllReduce(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final ScheduleRequest request = beginNonBlocking();
        recordAllReduce(request.schedule, send, sendOffset, recv, recvOffset, count, type, op);
        return request.start();
    }

    private void recordAllReduce(final Schedule schedule, final DirectBuffer send, final int sendOffset,
        final MutableDirectBuffer recv, final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final int bytes = count * type.size();
        if (size == 1)
        {
            if (send != null)
            {
                schedule.copy(send, sendOffset, recv, recvOffset, bytes);
            }
            return;
        }
        // the algorithms read the input where it is: no copy into recv first
        final DirectBuffer source = send != null ? send : recv;
        final int sourceOffset = send != null ? sendOffset : recvOffset;
        final MutableDirectBuffer temp = schedule.scratch(bytes);
        switch (allReduceAlgorithm(bytes, count, op))
        {
            case RING -> AllReduces.ring(schedule, rank, size, source, sourceOffset, recv, recvOffset, temp, 0, count,
                type, op);
            case RABENSEIFNER -> AllReduces.rabenseifner(schedule, rank, size, source, sourceOffset, recv, recvOffset,
                temp, 0, count, type, op);
            default -> AllReduces.recursiveDoubling(schedule, rank, size, source, sourceOffset, recv, recvOffset, temp,
                0, count, type, op);
        }
    }

    /**
     * @return the allreduce algorithm this call uses (forced or chosen by size).
     */
    CollectiveConfig.AllReduceAlgorithm allReduceAlgorithm(final int bytes, final int count, final Op op)
    {
        CollectiveConfig.AllReduceAlgorithm algorithm = config.allReduce;
        if (algorithm == CollectiveConfig.AllReduceAlgorithm.AUTO)
        {
            if (bytes <= config.allReduceLarge || count < Blocks.floorPowerOfTwo(size))
            {
                algorithm = CollectiveConfig.AllReduceAlgorithm.RECURSIVE_DOUBLING;
            }
            else if (bytes >= config.allReduceRing && size > 2)
            {
                algorithm = CollectiveConfig.AllReduceAlgorithm.RING;
            }
            else
            {
                algorithm = CollectiveConfig.AllReduceAlgorithm.RABENSEIFNER;
            }
        }
        if (algorithm == CollectiveConfig.AllReduceAlgorithm.RING && !op.isCommutative())
        {
            algorithm = CollectiveConfig.AllReduceAlgorithm.RABENSEIFNER;
        }
        return algorithm;
    }

    // ------------------------------------------------------------------ gather and scatter

    public void gather(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final int root)
    {
        final Schedule schedule = begin();
        final int bytes = count * type.size();
        GatherScatter.gather(schedule, rank, size, root, send, sendOffset, bytes, recv, recvOffset,
            recvCounts.regular(bytes));
        schedule.run();
    }

    public void gatherv(final DirectBuffer send, final int sendOffset, final int sendCount,
        final MutableDirectBuffer recv, final int recvOffset, final int[] counts, final int[] displacements,
        final Datatype type, final int root)
    {
        final Schedule schedule = begin();
        GatherScatter.gather(schedule, rank, size, root, send, sendOffset, sendCount * type.size(), recv, recvOffset,
            recvCounts.of(counts, displacements, type.size()));
        schedule.run();
    }

    public void scatter(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final int root)
    {
        final Schedule schedule = begin();
        final int bytes = count * type.size();
        GatherScatter.scatter(schedule, rank, size, root, send, sendOffset, sendCounts.regular(bytes), recv,
            recvOffset, bytes);
        schedule.run();
    }

    public void scatterv(final DirectBuffer send, final int sendOffset, final int[] counts,
        final int[] displacements, final MutableDirectBuffer recv, final int recvOffset, final int recvCount,
        final Datatype type, final int root)
    {
        final Schedule schedule = begin();
        GatherScatter.scatter(schedule, rank, size, root, send, sendOffset,
            sendCounts.of(counts, displacements, type.size()), recv, recvOffset, recvCount * type.size());
        schedule.run();
    }

    // ------------------------------------------------------------------ allgather

    public void allGather(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type)
    {
        final Schedule schedule = begin();
        recordAllGather(schedule, send, sendOffset, recv, recvOffset, count, type);
        schedule.run();
    }

    public Request iAllGather(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type)
    {
        final ScheduleRequest request = beginNonBlocking();
        recordAllGather(request.schedule, send, sendOffset, recv, recvOffset, count, type);
        return request.start();
    }

    private void recordAllGather(final Schedule schedule, final DirectBuffer send, final int sendOffset,
        final MutableDirectBuffer recv, final int recvOffset, final int count, final Datatype type)
    {
        final int bytes = count * type.size();
        if (send != null)
        {
            schedule.copy(send, sendOffset, recv, recvOffset + rank * bytes, bytes);
        }
        CollectiveConfig.AllGatherAlgorithm algorithm = config.allGather;
        if (algorithm == CollectiveConfig.AllGatherAlgorithm.AUTO)
        {
            algorithm = (long)bytes * size < config.allGatherLarge ?
                CollectiveConfig.AllGatherAlgorithm.BRUCK : CollectiveConfig.AllGatherAlgorithm.RING;
        }
        if (algorithm == CollectiveConfig.AllGatherAlgorithm.BRUCK)
        {
            AllGathers.bruck(schedule, rank, size, recv, recvOffset, bytes, schedule.scratch((long)bytes * size), 0);
        }
        else
        {
            AllGathers.ring(schedule, rank, size, recv, recvOffset, recvCounts.regular(bytes));
        }
    }

    public void allGatherv(final DirectBuffer send, final int sendOffset, final int sendCount,
        final MutableDirectBuffer recv, final int recvOffset, final int[] counts, final int[] displacements,
        final Datatype type)
    {
        final Schedule schedule = begin();
        recordAllGatherv(schedule, send, sendOffset, sendCount, recv, recvOffset, counts, displacements, type);
        schedule.run();
    }

    void recordAllGatherv(final Schedule schedule, final DirectBuffer send, final int sendOffset,
        final int sendCount, final MutableDirectBuffer recv, final int recvOffset, final int[] counts,
        final int[] displacements, final Datatype type)
    {
        final Counts layout = recvCounts.of(counts, displacements, type.size());
        if (send != null)
        {
            schedule.copy(send, sendOffset, recv, recvOffset + layout.displacement(rank), sendCount * type.size());
        }
        AllGathers.ring(schedule, rank, size, recv, recvOffset, layout);
    }

    // ------------------------------------------------------------------ all-to-all

    public void allToAll(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type)
    {
        final Schedule schedule = begin();
        final int bytes = count * type.size();
        recordAllToAll(schedule, send, sendOffset, sendCounts.regular(bytes), recv, recvOffset,
            recvCounts.regular(bytes), bytes);
        schedule.run();
    }

    public Request iAllToAll(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type)
    {
        final ScheduleRequest request = beginNonBlocking();
        final int bytes = count * type.size();
        recordAllToAll(request.schedule, send, sendOffset, sendCounts.regular(bytes), recv, recvOffset,
            recvCounts.regular(bytes), bytes);
        return request.start();
    }

    public void allToAllv(final DirectBuffer send, final int sendOffset, final int[] sendCountsArray,
        final int[] sendDisplacements, final MutableDirectBuffer recv, final int recvOffset,
        final int[] recvCountsArray, final int[] recvDisplacements, final Datatype type)
    {
        final Schedule schedule = begin();
        recordAllToAllv(schedule, send, sendOffset, sendCountsArray, sendDisplacements, recv, recvOffset,
            recvCountsArray, recvDisplacements, type);
        schedule.run();
    }

    void recordAllToAllv(final Schedule schedule, final DirectBuffer send, final int sendOffset,
        final int[] sendCountsArray, final int[] sendDisplacements, final MutableDirectBuffer recv,
        final int recvOffset, final int[] recvCountsArray, final int[] recvDisplacements, final Datatype type)
    {
        final Counts receiving = recvCounts.of(recvCountsArray, recvDisplacements, type.size());
        final Counts sending = send == null ? sendCounts.of(recvCountsArray, recvDisplacements, type.size()) :
            sendCounts.of(sendCountsArray, sendDisplacements, type.size());
        int largest = 0;
        for (int i = 0; i < size; i++)
        {
            largest = Math.max(largest, receiving.count(i));
        }
        recordAllToAll(schedule, send, sendOffset, sending, recv, recvOffset, receiving, largest);
    }

    private void recordAllToAll(final Schedule schedule, final DirectBuffer send, final int sendOffset,
        final Counts sending, final MutableDirectBuffer recv, final int recvOffset, final Counts receiving,
        final int blockBytes)
    {
        DirectBuffer source = send;
        int sourceOffset = sendOffset;
        if (send == null)
        {
            final int extent = (int)receiving.extent(size);
            final MutableDirectBuffer copy = schedule.scratch(extent);
            schedule.copy(recv, recvOffset, copy, 0, extent);
            source = copy;
            sourceOffset = 0;
        }
        CollectiveConfig.AllToAllAlgorithm algorithm = config.allToAll;
        if (algorithm == CollectiveConfig.AllToAllAlgorithm.AUTO)
        {
            algorithm = blockBytes < config.allToAllLarge ?
                CollectiveConfig.AllToAllAlgorithm.LINEAR : CollectiveConfig.AllToAllAlgorithm.PAIRWISE;
        }
        if (algorithm == CollectiveConfig.AllToAllAlgorithm.LINEAR)
        {
            AllToAlls.linear(schedule, rank, size, source, sourceOffset, sending, recv, recvOffset, receiving);
        }
        else
        {
            AllToAlls.pairwise(schedule, rank, size, source, sourceOffset, sending, recv, recvOffset, receiving);
        }
    }

    // ------------------------------------------------------------------ reduce-scatter and scans

    public void reduceScatter(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int[] counts, final Datatype type, final Op op)
    {
        final Schedule schedule = begin();
        recordReduceScatter(schedule, send, sendOffset, recv, recvOffset, counts, 0, type, op);
        schedule.run();
    }

    public void reduceScatterBlock(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final Schedule schedule = begin();
        recordReduceScatter(schedule, send, sendOffset, recv, recvOffset, null, count, type, op);
        schedule.run();
    }

    /**
     * @param counts each rank's count, or null for {@code blockCount} each.
     */
    void recordReduceScatter(final Schedule schedule, final DirectBuffer send, final int sendOffset,
        final MutableDirectBuffer recv, final int recvOffset, final int[] counts, final int blockCount,
        final Datatype type, final Op op)
    {
        final Counts layout = counts != null ? recvCounts.of(counts, null, type.size()) :
            recvCounts.regular(blockCount * type.size());
        final int mine = layout.count(rank);
        final MutableDirectBuffer temp = schedule.scratch((long)mine * size);
        ReduceScatters.pairwise(schedule, rank, size, send == null ? recv : send, send == null ? recvOffset :
            sendOffset, recv, recvOffset, temp, 0, layout, type, op);
    }

    public void scan(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final Schedule schedule = begin();
        recordScan(schedule, send, sendOffset, recv, recvOffset, count, type, op);
        schedule.run();
    }

    void recordScan(final Schedule schedule, final DirectBuffer send, final int sendOffset,
        final MutableDirectBuffer recv, final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final int bytes = count * type.size();
        if (send != null)
        {
            schedule.copy(send, sendOffset, recv, recvOffset, bytes);
        }
        final MutableDirectBuffer scratch = schedule.scratch(2L * bytes);
        Scans.inclusive(schedule, rank, size, recv, recvOffset, scratch, 0, scratch, bytes, count, type, op);
    }

    public void exScan(final DirectBuffer send, final int sendOffset, final MutableDirectBuffer recv,
        final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final Schedule schedule = begin();
        recordExScan(schedule, send, sendOffset, recv, recvOffset, count, type, op);
        schedule.run();
    }

    void recordExScan(final Schedule schedule, final DirectBuffer send, final int sendOffset,
        final MutableDirectBuffer recv, final int recvOffset, final int count, final Datatype type, final Op op)
    {
        final int bytes = count * type.size();
        final MutableDirectBuffer scratch = schedule.scratch(2L * bytes);
        schedule.copy(send != null ? send : recv, send != null ? sendOffset : recvOffset, scratch, 0, bytes);
        Scans.exclusive(schedule, rank, size, recv, recvOffset, scratch, 0, scratch, bytes, count, type, op);
    }

    // ------------------------------------------------------------------ plumbing

    private Schedule begin()
    {
        blocking.reset(nextTag());
        return blocking;
    }

    ScheduleRequest beginNonBlocking()
    {
        ScheduleRequest request = pool.poll();
        if (request == null)
        {
            request = new ScheduleRequest(engine, this, new Schedule(engine, contextId, commToWorld, false));
        }
        request.schedule.reset(nextTag());
        return request;
    }

    void release(final ScheduleRequest request)
    {
        request.schedule.reset(0);
        pool.push(request);
    }

    private int nextTag()
    {
        final int tag = sequence & Integer.MAX_VALUE;
        sequence++;
        return tag;
    }
}
