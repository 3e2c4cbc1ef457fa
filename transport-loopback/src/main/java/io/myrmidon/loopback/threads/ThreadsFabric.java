package io.myrmidon.loopback.threads;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * What the ranks of one in-process job share: a single-producer single-consumer ring for every
 * ordered pair of ranks (off-heap), each rank's parking state, and each rank's table of buffers
 * exposed for pulls.
 *
 * <h2>Memory ordering</h2>
 * A fragment is published by the ring's commit (a release store of its length) and read after the
 * ring's acquire load of that length, so everything the sender wrote before the commit (including
 * an entry of its exposure table) is visible to the receiver that reads the fragment.
 * Wake-ups follow the Dekker pattern: the receiver stores {@code sleeping = true}, fences, then
 * re-checks its rings before parking; the sender commits, fences, then reads {@code sleeping}. One of
 * them must see the other's store, so no wake-up is lost.
 *
 * <h2>Job abort</h2>
 * When the in-process job is aborted (a rank failed, {@code InProcessJob#abort(String)}),
 * {@link #abort} stores the reason (volatile) and then unparks every rank: a rank parked in
 * {@link #await} returns, and one about to park sees the reason first (it is read after
 * {@code sleeping} is set) or finds the permit of the unpark. Each transport then reports its peers
 * as failed from its next poll.
 *
 * <p>Thread safe as described: ring {@code [to][from]} has exactly one producer (rank
 * {@code from}) and one consumer (rank {@code to}).
 */
final class ThreadsFabric
{
    static final int MSG_TYPE = 1;

    final int size;
    final int ringCapacity;
    private final OneToOneRingBuffer[][] rings;
    private final Waiter[] waiters;
    final Exposures[] exposures;
    private volatile String abortReason;

    ThreadsFabric(final int size, final int ringCapacity)
    {
        this.size = size;
        this.ringCapacity = ringCapacity;
        this.rings = new OneToOneRingBuffer[size][size];
        this.waiters = new Waiter[size];
        this.exposures = new Exposures[size];
        for (int to = 0; to < size; to++)
        {
            waiters[to] = new Waiter();
            exposures[to] = new Exposures();
            for (int from = 0; from < size; from++)
            {
                if (from != to)
                {
                    final int length = ringCapacity + RingBufferDescriptor.TRAILER_LENGTH;
                    rings[to][from] = new OneToOneRingBuffer(
                        new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, 64)));
                }
            }
        }
    }

    OneToOneRingBuffer ring(final int to, final int from)
    {
        return rings[to][from];
    }

    void register(final int rank, final Thread thread)
    {
        waiters[rank].thread = thread;
    }

    /**
     * Called by a sender after it committed a fragment for {@code rank}.
     */
    void wake(final int rank)
    {
        VarHandle.fullFence();
        final Waiter waiter = waiters[rank];
        if (waiter.sleeping)
        {
            final Thread thread = waiter.thread;
            if (thread != null)
            {
                LockSupport.unpark(thread);
            }
        }
    }

    /**
     * Marks the job aborted and wakes every rank. Called once, by the job's abort listener.
     */
    void abort(final String reason)
    {
        abortReason = reason;
        for (final Waiter waiter : waiters)
        {
            final Thread thread = waiter.thread;
            if (thread != null)
            {
                LockSupport.unpark(thread);
            }
        }
    }

    /**
     * @return why the job was aborted, or null while it runs (a volatile read).
     */
    String abortReason()
    {
        return abortReason;
    }

    /**
     * Parks {@code rank} unless one of its rings has something, for at most the timeout.
     */
    void await(final int rank, final long timeoutNanos)
    {
        final Waiter waiter = waiters[rank];
        waiter.sleeping = true;
        VarHandle.fullFence();
        try
        {
            if (abortReason != null)
            {
                return;
            }
            final OneToOneRingBuffer[] inbound = rings[rank];
            for (int from = 0; from < size; from++)
            {
                if (from != rank && inbound[from].size() > 0)
                {
                    return;
                }
            }
            LockSupport.parkNanos(timeoutNanos);
        }
        finally
        {
            waiter.sleeping = false;
        }
    }

    private static final class Waiter
    {
        volatile boolean sleeping;
        volatile Thread thread;
    }

    /**
     * One rank's exposed buffers, by slot. Written by the owner before it sends the RTS that
     * names the slot; read by the puller after it read that RTS (ordered by the ring).
     */
    static final class Exposures
    {
        DirectBuffer[] buffers = new DirectBuffer[16];
        int[] offsets = new int[16];
        int[] lengths = new int[16];
        int[] generations = new int[16];

        int expose(final DirectBuffer buffer, final int offset, final int length)
        {
            for (int slot = 0; slot < buffers.length; slot++)
            {
                if (buffers[slot] == null)
                {
                    return fill(slot, buffer, offset, length);
                }
            }
            final int slot = buffers.length;
            final int newLength = slot * 2;
            buffers = java.util.Arrays.copyOf(buffers, newLength);
            offsets = java.util.Arrays.copyOf(offsets, newLength);
            lengths = java.util.Arrays.copyOf(lengths, newLength);
            generations = java.util.Arrays.copyOf(generations, newLength);
            return fill(slot, buffer, offset, length);
        }

        private int fill(final int slot, final DirectBuffer buffer, final int offset, final int length)
        {
            buffers[slot] = buffer;
            offsets[slot] = offset;
            lengths[slot] = length;
            generations[slot]++;
            return slot;
        }

        void release(final int slot)
        {
            if (slot >= 0 && slot < buffers.length)
            {
                buffers[slot] = null;
            }
        }
    }
}
