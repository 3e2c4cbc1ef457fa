package io.myrmidon.myrinet;

import io.myrmidon.guest.EndpointEvent;
import io.myrmidon.guest.EventHandler;
import io.myrmidon.guest.GuestDriver;
import io.myrmidon.guest.GuestEndpoint;
import io.myrmidon.guest.PeerAddress;
import io.myrmidon.guest.SendSegments;
import io.myrmidon.guest.Window;
import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportCapabilities;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import io.myrmidon.vnic.layout.Status;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One rank's endpoint of the {@code myrinet} transport: a guest of the host's virtualized Myrinet NIC, driving
 * its endpoint through {@link GuestEndpoint} only.
 * <p>
 * Guest memory, registered once as one window with read and write rights:
 * <pre>
 *   0                 stagingBytes           + bounceBytes                         memoryBytes
 *   +-----------------+----------------------+-------------------------------------+
 *   | eager staging   | pull bounce          | heap: buffers from allocate()       |
 *   | (StagingRing)   | (StagingRing)        | (bump allocator, zero-copy sends)   |
 *   +-----------------+----------------------+-------------------------------------+
 * </pre>
 * <ul>
 *   <li>{@link #offer}: a fragment of at most 64 bytes is copied into the descriptor (the NIC's tiny class);
 *   a larger one is copied into the staging ring and posted as one segment (small/medium class, at most 32 KiB),
 *   released at its send completion. Ring full or send ring full: false (back-pressure).</li>
 *   <li>{@link #exposeForPull}: a region of the heap is announced to the receiver as an NIC rendezvous (no byte
 *   moves yet); the descriptor names the exposure id carried in the match information's TAG.</li>
 *   <li>{@link #pull}: the receiver posts the NIC's receiver-driven pull, straight into the destination when it
 *   lies in the heap (zero copy), else into a bounce range that is copied out at completion.</li>
 * </ul>
 * Match information: see {@link MatchInformation}. Completions: see {@link SendCookie}.
 * <p>
 * Not thread safe: the rank's thread calls everything (the {@link io.myrmidon.spi.Transport} contract). The
 * hot path (offer, poll, pull) does not allocate, lock or throw in steady state.
 */
final class MyrinetTransport implements Transport, EventHandler
{
    /** Bytes of the pull descriptor: exposure id (int) then length (int). */
    static final int DESCRIPTOR_LENGTH = 8;
    private static final int PULLS_IN_FLIGHT = 4096;
    private static final long DRAIN_TIMEOUT_NS = 10_000_000_000L;
    /** Below the kernel's default timer slack (50 us) a futex sleep lasts 50 us anyway: yield instead. */
    private static final long SHORTEST_SLEEP_NS = 32_000L;
    /** Receives what arrives while the endpoint drains at close: nobody listens any more. */
    private static final FragmentHandler DISCARD = new FragmentHandler()
    {
        @Override
        public void onFragment(final int source, final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public void onPullComplete(final long token, final boolean success)
        {
        }

        @Override
        public void onPeerFailure(final int rank, final String reason)
        {
        }
    };

    private final TransportCapabilities capabilities;
    private final GuestDriver driver;
    private final GuestEndpoint endpoint;
    private final Window window;
    private final PeerAddress[] peers;
    private final int rank;
    private final long memoryAddress;
    private final long memoryBytes;
    private final long heapOffset;
    private final StagingRing staging;
    private final StagingRing bounce;
    private final UnsafeBuffer memory;
    private final UnsafeBuffer tiny = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
    private final UnsafeBuffer landed = new UnsafeBuffer(0, 0);
    private final SendSegments segments = new SendSegments();
    private final int[] sendSequence;
    private final int[] receiveSequence;
    private final String[] peerFailures;
    private final boolean[] peerFailureReported;
    private final Long2LongHashMap announced = new Long2LongHashMap(-1L);
    private final PullTable pulls = new PullTable(PULLS_IN_FLIGHT);
    private final HostDaemonWatch daemonWatch;
    private final Runnable onClose;
    private FragmentHandler handler;
    private int nextExposure;
    private long heapNext;
    private int unreportedFailures;
    private boolean closed;

    MyrinetTransport(
        final TransportCapabilities capabilities,
        final MyrinetConfiguration configuration,
        final GuestDriver driver,
        final GuestEndpoint endpoint,
        final Window window,
        final PeerAddress[] peers,
        final int rank,
        final HostDaemonWatch daemonWatch,
        final Runnable onClose)
    {
        this.capabilities = capabilities;
        this.driver = driver;
        this.endpoint = endpoint;
        this.window = window;
        this.peers = peers;
        this.rank = rank;
        this.daemonWatch = daemonWatch;
        this.onClose = onClose;
        memory = driver.memoryBuffer();
        memoryAddress = driver.memory().address();
        memoryBytes = configuration.memoryBytes();
        heapOffset = configuration.heapOffset();
        heapNext = heapOffset;
        staging = new StagingRing(0, configuration.stagingBytes());
        bounce = new StagingRing(configuration.stagingBytes(), configuration.bounceBytes());
        sendSequence = new int[peers.length];
        receiveSequence = new int[peers.length];
        peerFailures = new String[peers.length];
        peerFailureReported = new boolean[peers.length];
        endpoint.awaitEvents(0); // the first wait creates the endpoint's futex helper: not on the hot path
        FutexWarmUp.once();
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
        if (peerFailures[destination] != null)
        {
            return true; // the contract: bytes to a dead peer are dropped, the engine fails the operation
        }
        final int total = headerLength + payloadLength;
        final long matchInfo = MatchInformation.pack(MatchInformation.FRAGMENT, rank, sendSequence[destination]);
        final boolean sent;
        try
        {
            if (total <= SendDescriptor.TINY_MAX)
            {
                tiny.putBytes(0, header, 0, headerLength);
                tiny.putBytes(headerLength, payload, payloadOffset, payloadLength);
                sent = endpoint.sendInline(peers[destination], matchInfo, tiny, 0, total,
                    SendCookie.pack(SendCookie.TINY, destination, 0));
            }
            else
            {
                final long at = staging.claim(total);
                if (at < 0)
                {
                    return false;
                }
                memory.putBytes((int)at, header, 0, headerLength);
                memory.putBytes((int)at + headerLength, payload, payloadOffset, payloadLength);
                segments.clear().add(window, at, total);
                sent = endpoint.send(peers[destination], matchInfo, segments,
                    SendCookie.pack(SendCookie.STAGED, destination, staging.lastClaimEnd()));
                if (!sent)
                {
                    staging.unclaimLast();
                }
            }
        }
        catch (final RuntimeException e) // mediated mode posts through the VMM: its socket fails if it died
        {
            daemonWatch.controlFailed(e);
            return true;
        }
        if (sent)
        {
            sendSequence[destination]++;
        }
        return sent;
    }

    @Override
    public int poll(final FragmentHandler fragmentHandler, final int limit)
    {
        int work = 0;
        if (daemonWatch.lost() != null)
        {
            failAllPeers(daemonWatch.lost());
        }
        reportPeerFailures(fragmentHandler);
        handler = fragmentHandler;
        try
        {
            work += endpoint.poll(this, limit);
        }
        finally
        {
            handler = null;
        }
        work += postWaitingPulls();
        reportPeerFailures(fragmentHandler);
        return work;
    }

    /**
     * One NIC event, in NIC order, during {@link #poll}.
     */
    @Override
    public void onEvent(final EndpointEvent event)
    {
        switch (event.type())
        {
            case EventDescriptor.TYPE_RECEIVE_TINY, EventDescriptor.TYPE_RECEIVE_EAGER -> onFragment(event);
            case EventDescriptor.TYPE_RECEIVE_RENDEZVOUS -> onAnnounced(event);
            case EventDescriptor.TYPE_SEND_COMPLETE -> onSendComplete(event);
            case EventDescriptor.TYPE_PULL_COMPLETE -> onPullComplete(event);
            case EventDescriptor.TYPE_ENDPOINT_FAULT -> failAllPeers(
                "the NIC faulted this rank's endpoint (" + Status.name(event.status()) + "); the job cannot go on");
            default -> failAllPeers("the NIC wrote an unknown event type " + event.type());
        }
    }

    private void onFragment(final EndpointEvent event)
    {
        final long matchInfo = event.matchInfo();
        final int source = MatchInformation.source(matchInfo);
        if (MatchInformation.context(matchInfo) != MatchInformation.FRAGMENT || source >= peers.length)
        {
            failAllPeers("a message with foreign match information 0x" + Long.toHexString(matchInfo) +
                " reached this rank's endpoint from NIC endpoint " + event.sourceEndpoint());
            return;
        }
        final int sequence = MatchInformation.tag(matchInfo);
        if (sequence != receiveSequence[source])
        {
            failPeer(source, "fragment " + Integer.toUnsignedString(sequence) + " arrived where " +
                Integer.toUnsignedString(receiveSequence[source]) + " was due: the NIC broke the order");
            return;
        }
        receiveSequence[source]++;
        handler.onFragment(source, event.payload(), 0, event.length());
    }

    private void onAnnounced(final EndpointEvent event)
    {
        final long matchInfo = event.matchInfo();
        final int source = MatchInformation.source(matchInfo);
        if (MatchInformation.context(matchInfo) != MatchInformation.EXPOSURE || source >= peers.length)
        {
            failAllPeers("a rendezvous with foreign match information 0x" + Long.toHexString(matchInfo) +
                " reached this rank's endpoint");
            return;
        }
        announced.put(exposureKey(source, MatchInformation.tag(matchInfo)), event.cookie());
    }

    private void onSendComplete(final EndpointEvent event)
    {
        final long cookie = event.cookie();
        if (SendCookie.kind(cookie) == SendCookie.STAGED)
        {
            staging.releaseUpTo(SendCookie.value(cookie));
        }
        final int status = event.status();
        if (status == Status.BAD_DESTINATION || status == Status.PEER_GONE)
        {
            failPeer(SendCookie.peer(cookie), "its NIC endpoint is gone (" + Status.name(status) + ")");
        }
        else if (status != Status.OK)
        {
            failPeer(SendCookie.peer(cookie), "the NIC refused a send to it (" + Status.name(status) + ")");
        }
    }

    private void onPullComplete(final EndpointEvent event)
    {
        final int slot = (int)SendCookie.value(event.cookie());
        final boolean success = event.status() == Status.OK && event.length() == pulls.length[slot];
        if (pulls.bounced[slot])
        {
            if (success)
            {
                pulls.destination[slot].putBytes(
                    pulls.destinationOffset[slot], memory, (int)pulls.landing[slot], pulls.length[slot]);
            }
            bounce.releaseUpTo(pulls.bounceEnd[slot]);
        }
        final long token = pulls.token[slot];
        pulls.free(slot);
        handler.onPullComplete(token, success);
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
        final long at = heapOffsetOf(source, offset, length);
        if (at < 0 || length <= GuestEndpoint.EAGER_THRESHOLD || length > bounce.capacity() ||
            peerFailures[destination] != null)
        {
            return -1; // outside guest memory, or a size the NIC would not announce: the engine streams it
        }
        final int exposure = nextExposure;
        segments.clear().add(window, at, length);
        try
        {
            if (!endpoint.send(peers[destination], MatchInformation.pack(MatchInformation.EXPOSURE, rank, exposure),
                segments, SendCookie.pack(SendCookie.EXPOSED, destination, exposure & 0xFFFF_FFFFL)))
            {
                return -1;
            }
        }
        catch (final RuntimeException e)
        {
            daemonWatch.controlFailed(e);
            return -1;
        }
        nextExposure++;
        descriptor.putInt(descriptorOffset, exposure);
        descriptor.putInt(descriptorOffset + 4, length);
        return DESCRIPTOR_LENGTH;
    }

    @Override
    public void releaseExposure(
        final int destination, final DirectBuffer descriptor, final int descriptorOffset, final int descriptorLength)
    {
        // The NIC completes the announcement's send by itself once the receiver pulled; nothing is held here.
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
        if (descriptorLength != DESCRIPTOR_LENGTH || descriptor.getInt(descriptorOffset + 4) != length ||
            peerFailures[source] != null)
        {
            return PULL_FAILED;
        }
        final long handle = announced.remove(exposureKey(source, descriptor.getInt(descriptorOffset)));
        if (handle == -1L)
        {
            return PULL_FAILED; // the NIC delivers the announcement before the fragment that carries its descriptor
        }
        final int slot = pulls.enqueue();
        if (slot < 0)
        {
            return PULL_FAILED;
        }
        final long at = heapOffsetOf(destination, destinationOffset, length);
        pulls.token[slot] = token;
        pulls.handle[slot] = handle;
        pulls.source[slot] = source;
        pulls.destination[slot] = destination;
        pulls.destinationOffset[slot] = destinationOffset;
        pulls.length[slot] = length;
        pulls.bounced[slot] = at < 0;
        pulls.landing[slot] = at;
        postWaitingPulls();
        return PULL_PENDING;
    }

    private int postWaitingPulls()
    {
        int posted = 0;
        for (int slot = pulls.firstWaiting(); slot >= 0; slot = pulls.firstWaiting())
        {
            if (pulls.bounced[slot] && pulls.landing[slot] < 0)
            {
                final long at = bounce.claim(pulls.length[slot]);
                if (at < 0)
                {
                    break;
                }
                pulls.landing[slot] = at;
                pulls.bounceEnd[slot] = bounce.lastClaimEnd();
            }
            try
            {
                if (!endpoint.pull(pulls.handle[slot], window, pulls.landing[slot], pulls.length[slot],
                    SendCookie.pack(SendCookie.PULL, pulls.source[slot], slot)))
                {
                    break;
                }
            }
            catch (final RuntimeException e)
            {
                daemonWatch.controlFailed(e);
                break;
            }
            pulls.posted();
            posted++;
        }
        return posted;
    }

    /**
     * Buffers carved from the heap part of guest memory: the NIC reads and writes them in place (zero copy). There
     * is no free in the SPI: the heap is a bump allocator; once it is used up, buffers come from ordinary
     * off-heap memory (still correct, but large messages from them are streamed through fragments). The buffers
     * are unmapped by {@link #close()}: do not touch them after the transport is closed.
     */
    @Override
    public MutableDirectBuffer allocate(final int capacity, final int alignment)
    {
        final long align = Math.max(alignment, 64);
        final long start = (heapNext + align - 1) & -align;
        if (start + capacity > memoryBytes || start + capacity > Integer.MAX_VALUE)
        {
            return Transport.super.allocate(capacity, alignment);
        }
        heapNext = start + capacity;
        final UnsafeBuffer buffer = new UnsafeBuffer(memoryAddress + start, capacity);
        buffer.setMemory(0, capacity, (byte)0); // a buffer allocated before may have left bytes here
        return buffer;
    }

    /**
     * Sleeps on the endpoint's futex, which the NIC wakes after writing an event; parks shorter than the timer
     * slack yield instead. Looks at the host daemon first (at most every 50 ms), so that a rank waiting on a dead
     * NIC fails in its next poll instead of hanging.
     */
    @Override
    public void await(final long timeoutNanos)
    {
        if (daemonWatch.check() != null)
        {
            return; // the next poll reports it
        }
        if (timeoutNanos < SHORTEST_SLEEP_NS)
        {
            Thread.yield();
            return;
        }
        endpoint.awaitEvents(Math.min(timeoutNanos, HostDaemonWatch.CHECK_INTERVAL_NS));
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            drainSendRing();
            endpoint.close();
        }
        catch (final RuntimeException e)
        {
            // the daemon is gone or revoked the endpoint already: detaching below frees what is left
        }
        try
        {
            driver.close();
        }
        finally
        {
            onClose.run();
        }
    }

    /**
     * An offered fragment is "sent" once its descriptor is in the send ring, but closing the endpoint drops what
     * the NIC has not executed yet (the last message of the finalize barrier, typically): wait until the NIC has
     * taken every descriptor, polling completions meanwhile (the NIC needs room in this endpoint's event queue to
     * execute a send). Gives up when the daemon is gone or after {@link #DRAIN_TIMEOUT_NS} (a peer that stopped
     * polling can hold a send back for ever).
     */
    private void drainSendRing()
    {
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NS;
        handler = DISCARD;
        try
        {
            while (endpoint.outstandingDescriptors() > 0 && daemonWatch.check() == null &&
                System.nanoTime() - deadline < 0)
            {
                if (endpoint.poll(this, Integer.MAX_VALUE) == 0)
                {
                    endpoint.awaitEvents(1_000_000L);
                }
            }
        }
        finally
        {
            handler = null;
        }
    }

    /**
     * @return pulls waiting or under way (for tests).
     */
    int pullsInFlight()
    {
        return pulls.inFlight();
    }

    /**
     * @return staging bytes not yet released by a send completion (for tests).
     */
    long stagedBytes()
    {
        return staging.inUse();
    }

    private long heapOffsetOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (buffer.byteArray() != null || buffer.byteBuffer() != null && !buffer.byteBuffer().isDirect())
        {
            return -1;
        }
        final long at = buffer.addressOffset() + offset - memoryAddress;
        return at >= heapOffset && at + length <= memoryBytes ? at : -1;
    }

    private static long exposureKey(final int source, final int exposure)
    {
        return (long)source << 32 | (exposure & 0xFFFF_FFFFL);
    }

    private void failPeer(final int peer, final String reason)
    {
        if (peer < peers.length && peerFailures[peer] == null)
        {
            peerFailures[peer] = reason;
            unreportedFailures++;
        }
    }

    private void failAllPeers(final String reason)
    {
        for (int peer = 0; peer < peers.length; peer++)
        {
            if (peer != rank)
            {
                failPeer(peer, reason);
            }
        }
    }

    private void reportPeerFailures(final FragmentHandler fragmentHandler)
    {
        if (unreportedFailures == 0)
        {
            return;
        }
        unreportedFailures = 0;
        for (int peer = 0; peer < peers.length; peer++)
        {
            if (peerFailures[peer] != null && !peerFailureReported[peer])
            {
                peerFailureReported[peer] = true;
                fragmentHandler.onPeerFailure(peer, peerFailures[peer]);
            }
        }
    }
}
