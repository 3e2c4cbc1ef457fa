package io.myrmidon.loopback.shm;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.loopback.sys.Futex;
import io.myrmidon.loopback.sys.ProcessMemory;
import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportCapabilities;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.lang.foreign.Arena;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.FUTEX_WORD_OFFSET;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.SLEEPING_FLAG_OFFSET;

/**
 * The {@code shm} transport: ranks are processes of one host; each rank polls one Agrona
 * {@link OneToOneRingBuffer} per sender in its own inbound segment (see
 * {@link ShmSegmentDescriptor}) and writes into its peers' segments. Opened by
 * {@link ShmJobConnector}.
 *
 * <h2>Threading</h2>
 * One thread, the rank's, calls every method (the {@link Transport} contract). Peers' offers touch
 * only the rings they produce into, the futex word and the sleeping flag.
 *
 * <h2>Wake-up protocol (Dekker style)</h2>
 * <pre>
 *   receiver (await)                          sender (offer)
 *   seen = futexWord (volatile)               commit record (release, in Agrona's commit)
 *   sleeping = 1 (volatile: StoreLoad)        full fence (StoreLoad)
 *   rings empty? (volatile tail reads)        sleeping == 1? (volatile)
 *     yes: FUTEX_WAIT(futexWord, seen)          yes: futexWord += 1; FUTEX_WAKE(futexWord)
 *   sleeping = 0 (release)
 * </pre>
 * Each side stores, fences, then loads what the other stored, so at least one of them sees the
 * other: either the receiver finds the record and does not sleep, or the sender finds the flag
 * and wakes it. A wake that lands between the receiver's check and its {@code FUTEX_WAIT} is not
 * lost: the word no longer equals {@code seen}, so the wait returns at once. A sender pays one
 * fence and one read of a line that stays in its cache while the receiver is busy.
 *
 * <h2>Peer failure</h2>
 * Peers' process handles are all checked in {@link #await} once per
 * {@link ShmConfiguration#peerCheckNanos()} (and {@code await} never sleeps longer); a rank that
 * spins checks one peer every {@value #IDLE_PEER_CHECK_NANOS} ns (looking at the clock every
 * {@value #IDLE_POLLS_PER_CLOCK_READ} idle polls). A dead peer is reported once, on the next {@link #poll}, after
 * whatever it had committed; offers to it return true and drop the bytes.
 */
public final class ShmTransport implements Transport
{
    /** Idle polls between two reads of the clock to see whether a peer check is due. */
    static final int IDLE_POLLS_PER_CLOCK_READ = 1024;
    /** While spinning, one peer's process is checked at most this often. */
    static final long IDLE_PEER_CHECK_NANOS = 10_000_000L;
    private static final int MESSAGE_TYPE = 1;
    private static final int BOUNCE_LENGTH = 256 * 1024;

    private final int rank;
    private final int size;
    private final long peerCheckNanos;
    private final TransportCapabilities capabilities;
    private final Arena arena;
    private final Path segmentPath;
    private final UnsafeBuffer ownHeader;
    private final long ownFutexAddress;
    private final OneToOneRingBuffer[] inbound;
    private final RingAdapter[] adapters;
    private final OneToOneRingBuffer[] outbound;
    private final UnsafeBuffer[] peerHeaders;
    private final long[] peerFutexAddresses;
    private final long[] peerPids;
    private final ProcessHandle[] peerProcesses;
    private final boolean[] peerGone;
    private final boolean[] peerGoneReported;
    private final Futex futex = new Futex();
    private final ProcessMemory processMemory;
    private UnsafeBuffer bounce;
    private int unreportedFailures;
    private int pollCursor;
    private int idlePolls;
    private int livenessCursor;
    private long lastPeerCheckNanos = System.nanoTime();
    private long lastIdlePeerCheckNanos = lastPeerCheckNanos;
    private boolean closed;

    ShmTransport(
        final int rank,
        final ShmSegment[] segments,
        final ProcessHandle[] peerProcesses,
        final long peerCheckNanos,
        final TransportCapabilities capabilities,
        final ProcessMemory processMemory,
        final Arena arena)
    {
        this.rank = rank;
        this.size = segments.length;
        this.peerCheckNanos = peerCheckNanos;
        this.capabilities = capabilities;
        this.processMemory = processMemory;
        this.arena = arena;
        this.peerProcesses = peerProcesses;
        final ShmSegment own = segments[rank];
        segmentPath = own.path();
        ownHeader = own.header();
        ownFutexAddress = own.futexAddress();
        inbound = new OneToOneRingBuffer[size];
        adapters = new RingAdapter[size];
        outbound = new OneToOneRingBuffer[size];
        peerHeaders = new UnsafeBuffer[size];
        peerFutexAddresses = new long[size];
        peerPids = new long[size];
        peerGone = new boolean[size];
        peerGoneReported = new boolean[size];
        for (int r = 0; r < size; r++)
        {
            inbound[r] = own.ring(r);
            adapters[r] = new RingAdapter(r);
            outbound[r] = segments[r].ring(rank);
            peerHeaders[r] = segments[r].header();
            peerFutexAddresses[r] = segments[r].futexAddress();
            peerPids[r] = segments[r].ownerPid();
        }
    }

    @Override
    public TransportCapabilities capabilities()
    {
        return capabilities;
    }

    @Override
    public boolean offer(
        final int destination,
        final DirectBuffer header,
        final int headerLength,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        if (closed)
        {
            throw closedError();
        }
        if (peerGone[destination])
        {
            return true; // the contract: a dead peer's traffic is dropped, the engine fails the operation
        }
        final OneToOneRingBuffer ring = outbound[destination];
        final int index = ring.tryClaim(MESSAGE_TYPE, headerLength + payloadLength);
        if (index < 0)
        {
            return false;
        }
        final AtomicBuffer buffer = ring.buffer();
        buffer.putBytes(index, header, 0, headerLength);
        if (payloadLength > 0)
        {
            buffer.putBytes(index + headerLength, payload, payloadOffset, payloadLength);
        }
        ring.commit(index);
        wakeIfSleeping(destination);
        return true;
    }

    private void wakeIfSleeping(final int destination)
    {
        VarHandle.fullFence(); // StoreLoad: the commit above is visible before the flag is read below (Dekker)
        final UnsafeBuffer header = peerHeaders[destination];
        if (header.getIntVolatile(SLEEPING_FLAG_OFFSET) != 0) // written by await(): putIntVolatile(SLEEPING_FLAG_OFFSET, 1)
        {
            header.getAndAddInt(FUTEX_WORD_OFFSET, 1); // read by await(): getIntVolatile(FUTEX_WORD_OFFSET)
            Futex.wake(peerFutexAddresses[destination], 1);
        }
    }

    @Override
    public int poll(final FragmentHandler handler, final int limit)
    {
        if (closed)
        {
            throw closedError();
        }
        int work = 0;
        int cursor = pollCursor;
        for (int i = 0; i < size && work < limit; i++)
        {
            final RingAdapter adapter = adapters[cursor];
            adapter.handler = handler;
            work += inbound[cursor].read(adapter, limit - work);
            if (++cursor == size)
            {
                cursor = 0;
            }
        }
        pollCursor = pollCursor + 1 == size ? 0 : pollCursor + 1;
        if (unreportedFailures > 0)
        {
            work += reportFailures(handler);
        }
        if (work == 0 && ++idlePolls >= IDLE_POLLS_PER_CLOCK_READ)
        {
            idlePolls = 0;
            checkNextPeerIfDue();
        }
        return work;
    }

    @Override
    public void await(final long timeoutNanos)
    {
        final long now = System.nanoTime();
        if (now - lastPeerCheckNanos >= peerCheckNanos)
        {
            lastPeerCheckNanos = now;
            for (int r = 0; r < size; r++)
            {
                checkPeer(r);
            }
        }
        if (unreportedFailures > 0 || closed)
        {
            return;
        }
        final int seen = ownHeader.getIntVolatile(FUTEX_WORD_OFFSET); // written by wakeIfSleeping(): getAndAddInt
        ownHeader.putIntVolatile(SLEEPING_FLAG_OFFSET, 1); // read by wakeIfSleeping(): getIntVolatile, after its fence
        try
        {
            if (!anyInbound())
            {
                futex.await(ownFutexAddress, seen, Math.min(timeoutNanos, peerCheckNanos));
            }
        }
        finally
        {
            ownHeader.putIntRelease(SLEEPING_FLAG_OFFSET, 0); // read by wakeIfSleeping(): getIntVolatile
        }
    }

    private boolean anyInbound()
    {
        for (final OneToOneRingBuffer ring : inbound)
        {
            if (ring.producerPosition() != ring.consumerPosition())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Reading a process's liveness costs a {@code /proc} read (microseconds): spinning ranks do it
     * for one peer at most every {@link #IDLE_PEER_CHECK_NANOS}, so that it never shows in latency.
     */
    private void checkNextPeerIfDue()
    {
        final long now = System.nanoTime();
        if (now - lastIdlePeerCheckNanos >= IDLE_PEER_CHECK_NANOS)
        {
            lastIdlePeerCheckNanos = now;
            checkPeer(livenessCursor);
            livenessCursor = livenessCursor + 1 == size ? 0 : livenessCursor + 1;
        }
    }

    private void checkPeer(final int peer)
    {
        final ProcessHandle process = peerProcesses[peer];
        if (process != null && !process.isAlive())
        {
            markGone(peer);
        }
    }

    private void markGone(final int peer)
    {
        if (!peerGone[peer])
        {
            peerGone[peer] = true;
            unreportedFailures++;
        }
    }

    private int drain(final int peer, final FragmentHandler handler)
    {
        final RingAdapter adapter = adapters[peer];
        adapter.handler = handler;
        return inbound[peer].read(adapter, Integer.MAX_VALUE);
    }

    private int reportFailures(final FragmentHandler handler)
    {
        int reported = 0;
        for (int r = 0; r < size; r++)
        {
            // what a dead peer committed before it died is delivered first (it may be the last
            // message of a finalize barrier); its death is reported once nothing readable is left.
            // (A record it claimed but never committed stays unreadable forever: not waited for.)
            if (peerGone[r] && !peerGoneReported[r] && drain(r, handler) == 0)
            {
                peerGoneReported[r] = true;
                unreportedFailures--;
                reported++;
                handler.onPeerFailure(r, "process " + peerPids[r] + " of rank " + r + " is gone");
            }
        }
        return reported;
    }

    @Override
    public int exposeForPull(
        final int destination,
        final DirectBuffer source,
        final int offset,
        final int length,
        final MutableDirectBuffer descriptor,
        final int descriptorOffset)
    {
        if (!capabilities.bulkPull() || source.byteArray() != null || source.addressOffset() == 0)
        {
            return -1; // heap memory moves under the GC: a peer cannot read it by address
        }
        descriptor.putLong(descriptorOffset + PullDescriptor.ADDRESS_OFFSET, source.addressOffset() + offset);
        descriptor.putInt(descriptorOffset + PullDescriptor.LENGTH_OFFSET, length);
        descriptor.putInt(descriptorOffset + PullDescriptor.RANK_OFFSET, rank);
        return PullDescriptor.LENGTH;
    }

    @Override
    public int pull(
        final int source,
        final DirectBuffer descriptor,
        final int descriptorOffset,
        final int descriptorLength,
        final MutableDirectBuffer destination,
        final int destinationOffset,
        final int length,
        final long token)
    {
        if (closed)
        {
            throw closedError();
        }
        if (!capabilities.bulkPull() || descriptorLength != PullDescriptor.LENGTH || peerGone[source] ||
            descriptor.getInt(descriptorOffset + PullDescriptor.RANK_OFFSET) != source ||
            length > descriptor.getInt(descriptorOffset + PullDescriptor.LENGTH_OFFSET))
        {
            return PULL_FAILED;
        }
        final long remoteAddress = descriptor.getLong(descriptorOffset + PullDescriptor.ADDRESS_OFFSET);
        final long pid = peerPids[source];
        final long result = destination.byteArray() == null && destination.addressOffset() != 0 ?
            processMemory.read(pid, remoteAddress, destination.addressOffset() + destinationOffset, length) :
            pullThroughBounce(pid, remoteAddress, destination, destinationOffset, length);
        if (result == -ProcessMemory.ESRCH)
        {
            markGone(source);
        }
        return result == length ? PULL_COMPLETE : PULL_FAILED;
    }

    /**
     * @return {@code length}, or {@code -errno} of the failed read.
     */
    private long pullThroughBounce(
        final long pid,
        final long remoteAddress,
        final MutableDirectBuffer destination,
        final int destinationOffset,
        final int length)
    {
        if (bounce == null)
        {
            bounce = new UnsafeBuffer(arena.allocate(BOUNCE_LENGTH, 64).address(), BOUNCE_LENGTH);
        }
        for (int done = 0; done < length; )
        {
            final int chunk = Math.min(BOUNCE_LENGTH, length - done);
            final long result = processMemory.read(pid, remoteAddress + done, bounce.addressOffset(), chunk);
            if (result != chunk)
            {
                return result;
            }
            destination.putBytes(destinationOffset + done, bounce, 0, chunk);
            done += chunk;
        }
        return length;
    }

    /**
     * The segments are unmapped once closed: touching them would crash the JVM, so every use after
     * {@link #close()} fails with this instead.
     */
    private MyrmidonException closedError()
    {
        return new MyrmidonException(ErrorClass.NOT_INITIALIZED,
            "shm transport of rank " + rank + " is closed: its shared memory is unmapped");
    }

    /**
     * @return whether the peer said it may block in {@code await}; for tests and diagnostics.
     */
    boolean peerIsSleeping(final int peer)
    {
        return peerHeaders[peer].getIntVolatile(SLEEPING_FLAG_OFFSET) != 0;
    }

    /**
     * @return the file name this rank's segment had (unlinked once the job is connected).
     */
    Path segmentPath()
    {
        return segmentPath;
    }

    @Override
    public String toString()
    {
        return "ShmTransport{rank=" + rank + ", size=" + size + ", segment=" + segmentPath + ", " + capabilities + "}";
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            futex.close();
            processMemory.close();
            arena.close();
        }
    }

    /**
     * Forwards one sender's ring records to the current {@link FragmentHandler}, with the sender's
     * rank: one preallocated instance per ring, so that polling allocates nothing.
     */
    private static final class RingAdapter implements MessageHandler
    {
        private final int source;
        private FragmentHandler handler;

        private RingAdapter(final int source)
        {
            this.source = source;
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            handler.onFragment(source, buffer, index, length);
        }
    }
}
