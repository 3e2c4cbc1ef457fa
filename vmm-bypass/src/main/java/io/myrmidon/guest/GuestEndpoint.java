package io.myrmidon.guest;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import io.myrmidon.vnic.sys.EventFd;
import io.myrmidon.vnic.sys.Futex;
import io.myrmidon.vnic.sys.SharedMemory;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.layout.EndpointDescriptor.*;
import static io.myrmidon.vnic.layout.SendDescriptor.*;

/**
 * An MX-style endpoint: post sends (tiny, eager or rendezvous, chosen by size) and pulls, and poll or wait for
 * completion events. In {@link EndpointMode#BYPASS} and {@link EndpointMode#NATIVE} descriptors go straight into
 * the NIC's send ring in shared memory and the doorbell is a release store (plus an eventfd signal only if the
 * NIC sleeps); in {@link EndpointMode#MEDIATED} they go to the VMM over the control socket.
 * <p>
 * Delivery is without matching: every receive event carries the sender's 64-bit match information and the layer
 * above matches. Messages from one peer endpoint arrive in the order they were posted.
 * <p>
 * Not thread safe: one thread posts, polls and waits. Post and poll do not allocate.
 * <p>
 * Completions: each send produces one {@link EventDescriptor#TYPE_SEND_COMPLETE} with its cookie (a large send
 * completes when the receiver has pulled it, or fails with PEER_GONE); each pull one
 * {@link EventDescriptor#TYPE_PULL_COMPLETE}. A receiver gets {@link EventDescriptor#TYPE_RECEIVE_TINY} or
 * {@link EventDescriptor#TYPE_RECEIVE_EAGER} with the bytes (valid during the callback only), or
 * {@link EventDescriptor#TYPE_RECEIVE_RENDEZVOUS} whose cookie is the handle to {@link #pull} with.
 */
public final class GuestEndpoint implements AutoCloseable
{
    /** Largest message sent eagerly; larger ones use rendezvous. */
    public static final int EAGER_THRESHOLD = Integer.getInteger("myrmidon.vnic.eagerThreshold", 32 * 1024);
    // Defaults favour a small, shared host (2 cores, several guests): spin briefly, then block on the futex.
    // On a host with a core per guest, longer spinning lowers latency further.
    /** How long a waiting thread spins before it yields, property {@code myrmidon.vnic.spinNs}. */
    private static final long SPIN_NS = Long.getLong("myrmidon.vnic.spinNs", 2_000);
    /** Polls that yield before a waiting thread sleeps on its futex, property {@code myrmidon.vnic.yieldPolls}. */
    private static final int YIELD_POLLS = Integer.getInteger("myrmidon.vnic.yieldPolls", 0);
    private static final long SLEEP_NS = 50_000_000L;

    private final GuestDriver driver;
    private final PeerAddress address;
    private final EndpointMode mode;
    private final MemorySegment pages;
    private final UnsafeBuffer buffer;
    private final EventFd doorbell;
    private final EndpointEvent event;
    private final UnsafeBuffer mediatedDescriptor = new UnsafeBuffer(new byte[SendDescriptor.LENGTH]);
    private final MemorySegment sequenceWord;
    private Futex futex;
    private long sendProducer;
    private long cachedSendConsumer;
    private long eventConsumer;
    private long eagerReleased;
    private boolean closed;

    GuestEndpoint(
        final GuestDriver driver,
        final PeerAddress address,
        final EndpointMode mode,
        final MemorySegment pages,
        final EventFd doorbell)
    {
        this.driver = driver;
        this.address = address;
        this.mode = mode;
        this.pages = pages;
        this.doorbell = doorbell;
        buffer = new UnsafeBuffer(pages.address(), (int)pages.byteSize());
        event = new EndpointEvent(buffer);
        sequenceWord = pages.asSlice(EVENT_SEQUENCE_OFFSET, 4);
    }

    /**
     * @return this endpoint's address, to give to peers.
     */
    public PeerAddress address()
    {
        return address;
    }

    /**
     * @return the mode chosen at open.
     */
    public EndpointMode mode()
    {
        return mode;
    }

    /**
     * Post a send of the gathered segments.
     *
     * @param destination the peer.
     * @param matchInfo   64-bit match information delivered with the message.
     * @param segments    where the bytes are (registered windows with read right).
     * @param cookie      echoed in the completion.
     * @return false when the send ring is full (back pressure: poll completions and retry).
     */
    public boolean send(
        final PeerAddress destination, final long matchInfo, final SendSegments segments, final long cookie)
    {
        final UnsafeBuffer d = claim();
        if (d == null)
        {
            return false;
        }
        final int offset = d == mediatedDescriptor ? 0 : sendDescriptorOffset(sendProducer);
        header(d, offset, destination, matchInfo, cookie, segments.total);
        if (segments.total <= TINY_MAX)
        {
            d.putInt(offset + OPCODE_OFFSET, OPCODE_SEND_TINY);
            int at = offset + SEGMENTS_OFFSET;
            for (int i = 0; i < segments.count; i++)
            {
                d.putBytes(at, driver.memoryBuffer(), (int)(segments.windows[i].offset() + segments.offsets[i]),
                    segments.lengths[i]);
                at += segments.lengths[i];
            }
        }
        else
        {
            d.putInt(offset + OPCODE_OFFSET,
                segments.total <= EAGER_THRESHOLD ? OPCODE_SEND_EAGER : OPCODE_SEND_RENDEZVOUS);
            d.putInt(offset + SEGMENT_COUNT_OFFSET, segments.count);
            for (int i = 0; i < segments.count; i++)
            {
                final int s = offset + segmentOffset(i);
                d.putInt(s + SEGMENT_KEY_OFFSET, segments.windows[i].key());
                d.putInt(s + SEGMENT_BYTES_OFFSET, segments.lengths[i]);
                d.putLong(s + SEGMENT_WINDOW_OFFSET_OFFSET, segments.offsets[i]);
            }
        }
        return commit(d);
    }

    /**
     * Post a tiny send whose bytes (at most {@link SendDescriptor#TINY_MAX}) are copied into the descriptor, from
     * any buffer: no window needed.
     *
     * @param destination the peer.
     * @param matchInfo   match information.
     * @param source      the bytes.
     * @param index       first byte.
     * @param length      count.
     * @param cookie      echoed in the completion.
     * @return false on back pressure.
     */
    public boolean sendInline(
        final PeerAddress destination,
        final long matchInfo,
        final DirectBuffer source,
        final int index,
        final int length,
        final long cookie)
    {
        if (length > TINY_MAX)
        {
            throw new IllegalArgumentException("inline sends carry at most " + TINY_MAX + " bytes, got " + length +
                "; register a window and use send(...)");
        }
        final UnsafeBuffer d = claim();
        if (d == null)
        {
            return false;
        }
        final int offset = d == mediatedDescriptor ? 0 : sendDescriptorOffset(sendProducer);
        header(d, offset, destination, matchInfo, cookie, length);
        d.putInt(offset + OPCODE_OFFSET, OPCODE_SEND_TINY);
        d.putBytes(offset + SEGMENTS_OFFSET, source, index, length);
        return commit(d);
    }

    /**
     * Pull an announced large message into a window (receiver-driven rendezvous). Pulling fewer bytes than the
     * message has completes with status TRUNCATED.
     *
     * @param handle the cookie of the {@link EventDescriptor#TYPE_RECEIVE_RENDEZVOUS} event.
     * @param window a window of this VM with write right.
     * @param offset start in the window.
     * @param length bytes to pull.
     * @param cookie echoed in the pull completion.
     * @return false on back pressure.
     */
    public boolean pull(final long handle, final Window window, final long offset, final int length, final long cookie)
    {
        final UnsafeBuffer d = claim();
        if (d == null)
        {
            return false;
        }
        final int at = d == mediatedDescriptor ? 0 : sendDescriptorOffset(sendProducer);
        d.setMemory(at, SendDescriptor.LENGTH, (byte)0);
        d.putInt(at + OPCODE_OFFSET, OPCODE_PULL);
        d.putInt(at + SEGMENT_COUNT_OFFSET, 1);
        d.putLong(at + COOKIE_OFFSET, cookie);
        d.putLong(at + MATCH_INFO_OFFSET, handle);
        d.putInt(at + TOTAL_LENGTH_OFFSET, length);
        d.putInt(at + segmentOffset(0) + SEGMENT_KEY_OFFSET, window.key());
        d.putInt(at + segmentOffset(0) + SEGMENT_BYTES_OFFSET, length);
        d.putLong(at + segmentOffset(0) + SEGMENT_WINDOW_OFFSET_OFFSET, offset);
        return commit(d);
    }

    /**
     * Post a descriptor exactly as given, unchecked. For tests of the NIC's validation: a malicious guest can
     * write anything into its own ring anyway.
     *
     * @param descriptor {@link SendDescriptor#LENGTH} bytes laid out as {@link SendDescriptor} describes.
     * @return false on back pressure.
     */
    public boolean postRaw(final DirectBuffer descriptor)
    {
        final UnsafeBuffer d = claim();
        if (d == null)
        {
            return false;
        }
        d.putBytes(d == mediatedDescriptor ? 0 : sendDescriptorOffset(sendProducer), descriptor, 0, LENGTH);
        return commit(d);
    }

    /**
     * Deliver up to {@code limit} events to the handler.
     *
     * @param handler receives the events.
     * @param limit   most events to deliver.
     * @return events delivered.
     */
    public int poll(final EventHandler handler, final int limit)
    {
        final long producer = buffer.getLongAcquire(EVENT_PRODUCER_OFFSET); // pairs with the NIC's putLongRelease
        int delivered = 0;
        while (eventConsumer < producer && delivered < limit)
        {
            final int offset = eventOffset(eventConsumer);
            event.wrap(offset);
            final int type = event.type();
            try
            {
                handler.onEvent(event);
            }
            finally
            {
                if (type == EventDescriptor.TYPE_RECEIVE_EAGER)
                {
                    eagerReleased += buffer.getInt(offset + EventDescriptor.EAGER_SLOT_COUNT_OFFSET);
                    buffer.putLongRelease(EAGER_RELEASED_OFFSET, eagerReleased); // NIC's getLongAcquire
                }
                eventConsumer++;
                buffer.putLongRelease(EVENT_CONSUMER_OFFSET, eventConsumer); // NIC's getLongAcquire
            }
            delivered++;
        }
        return delivered;
    }

    /**
     * Wait for at least one event and deliver what is there: spin, then yield, then sleep on the endpoint's futex
     * that the NIC wakes after writing an event.
     *
     * @param handler   receives the events.
     * @param timeoutNs give up after this long.
     * @return events delivered, 0 on timeout.
     */
    public int waitForEvents(final EventHandler handler, final long timeoutNs)
    {
        final long start = System.nanoTime();
        final long deadline = start + timeoutNs;
        int yields = 0;
        while (true)
        {
            final int n = poll(handler, Integer.MAX_VALUE);
            if (n > 0)
            {
                return n;
            }
            final long now = System.nanoTime();
            if (now >= deadline)
            {
                return 0;
            }
            if (now - start < SPIN_NS)
            {
                Thread.onSpinWait();
            }
            else if (++yields <= YIELD_POLLS)
            {
                Thread.yield();
            }
            else
            {
                sleep(Math.min(SLEEP_NS, deadline - now));
            }
        }
    }

    /**
     * Block until an event may be pending, without delivering anything (for a layer above that polls from its
     * own loop): returns at once when events are queued, otherwise sleeps on the endpoint's futex that the NIC
     * wakes after writing an event. Spurious returns are allowed.
     *
     * @param timeoutNs the longest sleep.
     * @return true when an event is queued.
     */
    public boolean awaitEvents(final long timeoutNs)
    {
        if (buffer.getLongAcquire(EVENT_PRODUCER_OFFSET) != eventConsumer) // pairs with the NIC's putLongRelease
        {
            return true;
        }
        sleep(timeoutNs);
        return buffer.getLongAcquire(EVENT_PRODUCER_OFFSET) != eventConsumer;
    }

    private void sleep(final long timeoutNs)
    {
        if (futex == null)
        {
            futex = new Futex();
        }
        buffer.putIntVolatile(GUEST_SLEEPING_OFFSET, 1);
        final int sequence = buffer.getIntVolatile(EVENT_SEQUENCE_OFFSET);
        // Dekker pair with the NIC: our volatile store of the flag, then a volatile load of its producer
        if (buffer.getLongVolatile(EVENT_PRODUCER_OFFSET) == eventConsumer)
        {
            futex.await(sequenceWord, sequence, timeoutNs);
        }
        buffer.putIntRelease(GUEST_SLEEPING_OFFSET, 0);
    }

    /**
     * @return descriptors posted and not yet taken by the NIC.
     */
    public long outstandingDescriptors()
    {
        return sendProducer - buffer.getLongAcquire(SEND_CONSUMER_OFFSET);
    }

    /**
     * Close the endpoint: the VMM revokes it; its pending sends and pulls are dropped and peers waiting on
     * them get errors.
     */
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
            driver.closeEndpoint(address.endpoint());
        }
        finally
        {
            SharedMemory.unmap(pages);
        }
    }

    /**
     * Test hook for the malicious-guest tests: the raw endpoint pages this guest was handed.
     *
     * @return the pages.
     */
    public UnsafeBuffer rawPages()
    {
        return buffer;
    }

    private UnsafeBuffer claim()
    {
        if (mode == EndpointMode.MEDIATED)
        {
            mediatedDescriptor.setMemory(0, SendDescriptor.LENGTH, (byte)0);
            return mediatedDescriptor;
        }
        if (sendProducer - cachedSendConsumer >= SEND_RING_CAPACITY)
        {
            cachedSendConsumer = buffer.getLongAcquire(SEND_CONSUMER_OFFSET); // pairs with the NIC's release
            if (sendProducer - cachedSendConsumer >= SEND_RING_CAPACITY)
            {
                return null;
            }
        }
        buffer.setMemory(sendDescriptorOffset(sendProducer), SendDescriptor.LENGTH, (byte)0);
        return buffer;
    }

    private boolean commit(final UnsafeBuffer d)
    {
        if (d == mediatedDescriptor)
        {
            return driver.postThroughVmm(address.endpoint(), mediatedDescriptor);
        }
        sendProducer++;
        buffer.putLongRelease(SEND_PRODUCER_OFFSET, sendProducer); // the doorbell: NIC's getLongAcquire
        VarHandle.fullFence(); // Dekker pair with the NIC: store producer, then load its sleeping flag
        if (buffer.getIntVolatile(NIC_SLEEPING_OFFSET) != 0)
        {
            doorbell.signal();
        }
        return true;
    }

    private static void header(
        final UnsafeBuffer d,
        final int offset,
        final PeerAddress destination,
        final long matchInfo,
        final long cookie,
        final long total)
    {
        d.putLong(offset + COOKIE_OFFSET, cookie);
        d.putLong(offset + MATCH_INFO_OFFSET, matchInfo);
        d.putInt(offset + DEST_ENDPOINT_OFFSET, destination.endpoint());
        d.putInt(offset + DEST_KEY_OFFSET, destination.key());
        d.putInt(offset + DEST_NIC_OFFSET, destination.nic());
        d.putInt(offset + TOTAL_LENGTH_OFFSET, (int)total);
    }
}
