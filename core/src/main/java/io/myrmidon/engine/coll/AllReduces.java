package io.myrmidon.engine.coll;

import io.myrmidon.Datatype;
import io.myrmidon.Op;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Allreduce algorithms. Each works in place on {@code accumulator}, which holds this rank's input
 * on entry and the result on exit.
 *
 * <h2>Combination order (bit-identical results)</h2>
 * {@link #recursiveDoubling} and {@link #rabenseifner} compute the same expression on every rank:
 * when n is not a power of two, the first {@code 2r} ranks ({@code r = n - 2^floor(log2 n)}) are
 * paired {@code (x0 op x1), (x2 op x3), ...}; then the {@code 2^k} partials are combined as a
 * balanced binary tree, lower ranks always on the left. Every rank evaluates every node with the
 * same operands in the same order (or receives its value), so the bits agree on every rank, and
 * non-commutative operations are respected. The two algorithms give the same bits as each other.
 * {@link #ring} (commutative operations only) folds block {@code b} around the ring from rank
 * {@code b}: {@code x_b op x_b+1 op ... op x_b-1}; each block is computed once, by one rank, and
 * copied to the others.
 */
final class AllReduces
{
    private AllReduces()
    {
    }

    /**
     * Recursive doubling (with the pairing step for non powers of two): log2(n) exchanges of the
     * whole vector; best for short vectors.
     */
    static void recursiveDoubling(final Schedule schedule, final int rank, final int size,
        final DirectBuffer source, final int sourceOffset,
        final MutableDirectBuffer accumulator, final int accumulatorOffset,
        final MutableDirectBuffer temp, final int tempOffset,
        final int count, final Datatype type, final Op op)
    {
        final int bytes = count * type.size();
        final int powerOfTwo = Blocks.floorPowerOfTwo(size);
        final int remainder = size - powerOfTwo;
        final int virtualRank = foldIn(schedule, rank, remainder, source, sourceOffset, accumulator,
            accumulatorOffset, temp, tempOffset, count, type, op);
        if (virtualRank >= 0)
        {
            DirectBuffer own = rank < 2 * remainder ? accumulator : source;
            int ownOffset = rank < 2 * remainder ? accumulatorOffset : sourceOffset;
            for (int mask = 1; mask < powerOfTwo; mask <<= 1)
            {
                final int peer = realRank(virtualRank ^ mask, remainder);
                schedule.recv(temp, tempOffset, bytes, peer);
                schedule.send(own, ownOffset, bytes, peer);
                schedule.fence();
                combineOrdered(schedule, peer < rank, own, ownOffset, temp, tempOffset, accumulator,
                    accumulatorOffset, count, type, op);
                own = accumulator;
                ownOffset = accumulatorOffset;
            }
        }
        foldOut(schedule, rank, remainder, accumulator, accumulatorOffset, bytes);
    }

    /**
     * Rabenseifner: a reduce-scatter by recursive halving (each exchange halves the vector, the
     * distance doubling from 1), then an allgather by recursive doubling retracing the same
     * steps backwards. Each rank moves about 2 * bytes and reduces about bytes; best for long
     * vectors, for any operation.
     */
    static void rabenseifner(final Schedule schedule, final int rank, final int size,
        final DirectBuffer source, final int sourceOffset,
        final MutableDirectBuffer accumulator, final int accumulatorOffset,
        final MutableDirectBuffer temp, final int tempOffset,
        final int count, final Datatype type, final Op op)
    {
        final int elementSize = type.size();
        final int powerOfTwo = Blocks.floorPowerOfTwo(size);
        final int remainder = size - powerOfTwo;
        final int virtualRank = foldIn(schedule, rank, remainder, source, sourceOffset, accumulator,
            accumulatorOffset, temp, tempOffset, count, type, op);
        if (virtualRank >= 0)
        {
            final boolean folded = rank < 2 * remainder;
            int low = halvingReduceScatter(schedule, rank, virtualRank, remainder, powerOfTwo,
                folded ? accumulator : source, folded ? accumulatorOffset : sourceOffset, accumulator,
                accumulatorOffset, temp, tempOffset, count, type, op);
            int high = low + 1;
            // allgather: retrace the halving steps, each rank sending what it holds complete
            for (int mask = powerOfTwo >>> 1; mask > 0; mask >>>= 1)
            {
                final int peer = realRank(virtualRank ^ mask, remainder);
                final int width = high - low;
                final boolean lowerHalf = (virtualRank & mask) == 0;
                final int otherFrom = lowerHalf ? high : low - width;
                final int haveStart = Blocks.start(count, powerOfTwo, low);
                final int haveCount = Blocks.span(count, powerOfTwo, low, high);
                final int otherStart = Blocks.start(count, powerOfTwo, otherFrom);
                final int otherCount = Blocks.span(count, powerOfTwo, otherFrom, otherFrom + width);
                schedule.recv(accumulator, accumulatorOffset + otherStart * elementSize, otherCount * elementSize,
                    peer);
                schedule.send(accumulator, accumulatorOffset + haveStart * elementSize, haveCount * elementSize, peer);
                schedule.fence();
                low = Math.min(low, otherFrom);
                high = low + 2 * width;
            }
        }
        foldOut(schedule, rank, remainder, accumulator, accumulatorOffset, count * elementSize);
    }

    /**
     * Reduce for long vectors (Rabenseifner's reduce): the reduce-scatter half of
     * {@link #rabenseifner}, then every rank sends its reduced blocks straight to the root. Same
     * combination order, hence the same bits, as the allreduces above.
     *
     * @param accumulator this rank's input (a copy it may overwrite); at the root it may be the
     *                    result buffer itself.
     * @param result      the root's result buffer ({@code count} elements); ignored elsewhere.
     */
    static void reduceScatterGather(final Schedule schedule, final int rank, final int size, final int root,
        final MutableDirectBuffer accumulator, final int accumulatorOffset,
        final MutableDirectBuffer temp, final int tempOffset,
        final MutableDirectBuffer result, final int resultOffset,
        final int count, final Datatype type, final Op op)
    {
        final int elementSize = type.size();
        final int powerOfTwo = Blocks.floorPowerOfTwo(size);
        final int remainder = size - powerOfTwo;
        final int virtualRank = foldIn(schedule, rank, remainder, accumulator, accumulatorOffset, accumulator,
            accumulatorOffset, temp, tempOffset, count, type, op);
        if (virtualRank >= 0)
        {
            final int low = halvingReduceScatter(schedule, rank, virtualRank, remainder, powerOfTwo, accumulator,
                accumulatorOffset, accumulator, accumulatorOffset, temp, tempOffset, count, type, op);
            // after the halving a rank holds exactly one block: the one its virtual rank's bits select
            final int start = Blocks.start(count, powerOfTwo, low) * elementSize;
            final int bytes = Blocks.count(count, powerOfTwo, low) * elementSize;
            if (rank != root)
            {
                schedule.send(accumulator, accumulatorOffset + start, bytes, root);
            }
            else
            {
                schedule.copy(accumulator, accumulatorOffset + start, result, resultOffset + start, bytes);
            }
        }
        if (rank == root)
        {
            for (int virtual = 0; virtual < powerOfTwo; virtual++)
            {
                final int peer = realRank(virtual, remainder);
                if (peer != rank)
                {
                    final int block = finalBlock(virtual, powerOfTwo);
                    schedule.recv(result, resultOffset + Blocks.start(count, powerOfTwo, block) * elementSize,
                        Blocks.count(count, powerOfTwo, block) * elementSize, peer);
                }
            }
        }
        schedule.fence();
    }

    /**
     * Records a reduce-scatter by recursive halving (the first half of Rabenseifner's algorithms):
     * at each step the window [low, high) of blocks this rank still reduces halves, the distance
     * doubling from 1; the half it gives away goes to the peer, the half it keeps is combined with
     * what the peer sends, in rank order.
     *
     * @param source this rank's contribution, read by the first step only (it may be the
     *               accumulator itself); every block the first step keeps is written to the
     *               accumulator, so a separate source saves copying the input first.
     * @return the block this rank then holds complete ({@link #finalBlock}); its window is
     * [block, block + 1).
     */
    private static int halvingReduceScatter(final Schedule schedule, final int rank, final int virtualRank,
        final int remainder, final int powerOfTwo, final DirectBuffer source, final int sourceOffset,
        final MutableDirectBuffer accumulator, final int accumulatorOffset,
        final MutableDirectBuffer temp, final int tempOffset, final int count, final Datatype type, final Op op)
    {
        final int elementSize = type.size();
        DirectBuffer own = source;
        int ownOffset = sourceOffset;
        int low = 0;
        int high = powerOfTwo;
        for (int mask = 1; mask < powerOfTwo; mask <<= 1)
        {
            final int peer = realRank(virtualRank ^ mask, remainder);
            final int middle = (low + high) >>> 1;
            final boolean keepLower = (virtualRank & mask) == 0;
            final int keepFrom = keepLower ? low : middle;
            final int keepTo = keepLower ? middle : high;
            final int giveFrom = keepLower ? middle : low;
            final int giveTo = keepLower ? high : middle;
            final int keepStart = Blocks.start(count, powerOfTwo, keepFrom);
            final int keepCount = Blocks.span(count, powerOfTwo, keepFrom, keepTo);
            final int giveStart = Blocks.start(count, powerOfTwo, giveFrom);
            final int giveCount = Blocks.span(count, powerOfTwo, giveFrom, giveTo);
            schedule.recv(temp, tempOffset + keepStart * elementSize, keepCount * elementSize, peer);
            schedule.send(own, ownOffset + giveStart * elementSize, giveCount * elementSize, peer);
            schedule.fence();
            combineOrdered(schedule, peer < rank, own, ownOffset + keepStart * elementSize,
                temp, tempOffset + keepStart * elementSize, accumulator, accumulatorOffset + keepStart * elementSize,
                keepCount, type, op);
            own = accumulator;
            ownOffset = accumulatorOffset;
            low = keepFrom;
            high = keepTo;
        }
        return low;
    }

    /**
     * @return the block a virtual rank holds after the recursive halving: bit k of the rank picks
     * the upper half at step k.
     */
    private static int finalBlock(final int virtualRank, final int powerOfTwo)
    {
        int low = 0;
        int high = powerOfTwo;
        for (int mask = 1; mask < powerOfTwo; mask <<= 1)
        {
            final int middle = (low + high) >>> 1;
            if ((virtualRank & mask) == 0)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }
        return low;
    }

    /**
     * Ring: a reduce-scatter around the ring (n - 1 steps, each passing one of n blocks to the
     * right and combining the block from the left), then a ring allgather. Bandwidth-optimal for
     * any n; needs a commutative operation.
     */
    static void ring(final Schedule schedule, final int rank, final int size,
        final DirectBuffer source, final int sourceOffset,
        final MutableDirectBuffer accumulator, final int accumulatorOffset,
        final MutableDirectBuffer temp, final int tempOffset,
        final int count, final Datatype type, final Op op)
    {
        final int elementSize = type.size();
        final int right = (rank + 1) % size;
        final int left = (rank - 1 + size) % size;
        for (int step = 0; step < size - 1; step++)
        {
            // step 0 passes on this rank's own block; later steps the block combined one step before
            final int sendBlock = (rank - step + size) % size;
            final int recvBlock = (rank - step - 1 + size) % size;
            final int recvStart = Blocks.start(count, size, recvBlock) * elementSize;
            final int recvCount = Blocks.count(count, size, recvBlock);
            final int sendStart = Blocks.start(count, size, sendBlock) * elementSize;
            final int sendBytes = Blocks.count(count, size, sendBlock) * elementSize;
            schedule.recv(temp, tempOffset + recvStart, recvCount * elementSize, left);
            if (step == 0)
            {
                schedule.send(source, sourceOffset + sendStart, sendBytes, right);
            }
            else
            {
                schedule.send(accumulator, accumulatorOffset + sendStart, sendBytes, right);
            }
            schedule.fence();
            // each block is received once, so this rank's contribution to it is still in source
            schedule.reduce(temp, tempOffset + recvStart, source, sourceOffset + recvStart,
                accumulator, accumulatorOffset + recvStart, recvCount, type, op);
        }
        for (int step = 0; step < size - 1; step++)
        {
            final int sendBlock = (rank + 1 - step + size) % size;
            final int recvBlock = (rank - step + size) % size;
            schedule.recv(accumulator, accumulatorOffset + Blocks.start(count, size, recvBlock) * elementSize,
                Blocks.count(count, size, recvBlock) * elementSize, left);
            schedule.send(accumulator, accumulatorOffset + Blocks.start(count, size, sendBlock) * elementSize,
                Blocks.count(count, size, sendBlock) * elementSize, right);
            schedule.fence();
        }
    }

    /**
     * The pairing step for n not a power of two: of the first {@code 2 * remainder} ranks, each
     * even one gives its vector to the odd one above it, which combines {@code even op odd}.
     *
     * The odd rank combines into the accumulator, so a rank that folds in holds its partial there
     * afterwards; the others still hold their contribution in {@code source}.
     *
     * @return this rank's number among the {@code 2^k} that go on, or -1 when it sits out.
     */
    private static int foldIn(final Schedule schedule, final int rank, final int remainder,
        final DirectBuffer source, final int sourceOffset,
        final MutableDirectBuffer accumulator, final int accumulatorOffset,
        final MutableDirectBuffer temp, final int tempOffset,
        final int count, final Datatype type, final Op op)
    {
        if (rank >= 2 * remainder)
        {
            return rank - remainder;
        }
        final int bytes = count * type.size();
        if ((rank & 1) == 0)
        {
            schedule.send(source, sourceOffset, bytes, rank + 1);
            schedule.fence();
            return -1;
        }
        schedule.recv(temp, tempOffset, bytes, rank - 1);
        schedule.fence();
        schedule.reduce(temp, tempOffset, source, sourceOffset, accumulator, accumulatorOffset, count, type, op);
        return rank >> 1;
    }

    private static void foldOut(final Schedule schedule, final int rank, final int remainder,
        final MutableDirectBuffer accumulator, final int accumulatorOffset, final int bytes)
    {
        if (rank < 2 * remainder)
        {
            if ((rank & 1) == 0)
            {
                schedule.recv(accumulator, accumulatorOffset, bytes, rank + 1);
            }
            else
            {
                schedule.send(accumulator, accumulatorOffset, bytes, rank - 1);
            }
            schedule.fence();
        }
    }

    static int realRank(final int virtualRank, final int remainder)
    {
        return virtualRank < remainder ? virtualRank * 2 + 1 : virtualRank + remainder;
    }

    /**
     * {@code out = received op own} when the peer's ranks are below ours, else
     * {@code out = own op received}; {@code out} may be the same memory as {@code own}.
     */
    static void combineOrdered(final Schedule schedule, final boolean receivedIsLower,
        final DirectBuffer own, final int ownOffset,
        final MutableDirectBuffer received, final int receivedOffset,
        final MutableDirectBuffer out, final int outOffset,
        final int count, final Datatype type, final Op op)
    {
        if (receivedIsLower)
        {
            schedule.reduce(received, receivedOffset, own, ownOffset, out, outOffset, count, type, op);
        }
        else
        {
            schedule.reduce(own, ownOffset, received, receivedOffset, out, outOffset, count, type, op);
        }
    }
}
