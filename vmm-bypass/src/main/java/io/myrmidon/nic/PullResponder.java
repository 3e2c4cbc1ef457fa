package io.myrmidon.nic;

import io.myrmidon.nic.wire.HostTable;
import io.myrmidon.nic.wire.WireFrameFlyweight;
import io.myrmidon.nic.wire.WireLink;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.Status;

import static io.myrmidon.vnic.layout.SendDescriptor.MAX_SEGMENTS;

/**
 * The sender's NIC serving pulls that other hosts' NICs asked for: per peer a FIFO of pull requests, served one
 * at a time as a stream of data frames, as many per {@link #doWork()} as the link's window allows. Each request is
 * checked exactly as a local pull would be: the handle must name a live rendezvous announced to that NIC and that
 * endpoint with that key (else {@link Status#BAD_HANDLE}), the sender must still be there (else
 * {@link Status#PEER_GONE}), and every source range is checked READ against the protection table before a byte
 * is read. A forged request gets an error frame, never memory. When the last frame is on the link the sender's
 * guest gets its send completion.
 * <p>
 * Firmware thread only; preallocated queues, no allocation per request.
 */
final class PullResponder
{
    private static final int QUEUE = 64;
    private static final int MASK = QUEUE - 1;

    private final DescriptorEngine engine;
    private final RemoteEndpointProxy proxy;
    private final WireLink link;
    private final DmaEngine dma;
    private final RendezvousTable rendezvous;
    private final EndpointContext[] endpoints;
    private final NicCounters counters;
    private final int payload;
    private final long[] handle = new long[HostTable.MAX_HOSTS * QUEUE];
    private final long[] pullHandle = new long[HostTable.MAX_HOSTS * QUEUE];
    private final int[] requesterEndpoint = new int[HostTable.MAX_HOSTS * QUEUE];
    private final int[] requesterKey = new int[HostTable.MAX_HOSTS * QUEUE];
    private final int[] requested = new int[HostTable.MAX_HOSTS * QUEUE];
    private final int[] head = new int[HostTable.MAX_HOSTS];
    private final int[] tail = new int[HostTable.MAX_HOSTS];
    /** Entry being streamed to each peer, -1 when none; then how far, and how much in all. */
    private final int[] activeEntry = new int[HostTable.MAX_HOSTS];
    private final int[] activeSent = new int[HostTable.MAX_HOSTS];
    private final int[] activeTotal = new int[HostTable.MAX_HOSTS];
    private int queued;

    PullResponder(
        final DescriptorEngine engine,
        final RemoteEndpointProxy proxy,
        final WireLink link,
        final DmaEngine dma,
        final RendezvousTable rendezvous,
        final EndpointContext[] endpoints,
        final NicCounters counters)
    {
        this.engine = engine;
        this.proxy = proxy;
        this.link = link;
        this.dma = dma;
        this.rendezvous = rendezvous;
        this.endpoints = endpoints;
        this.counters = counters;
        this.payload = link.maxPayload();
        java.util.Arrays.fill(activeEntry, -1);
    }

    /**
     * Queue a pull request that arrived from {@code peer}.
     *
     * @return false when that peer's queue is full (the frame is offered again later).
     */
    boolean enqueue(final int peer, final WireFrameFlyweight frame)
    {
        if (tail[peer] - head[peer] == QUEUE)
        {
            return false;
        }
        final int slot = peer * QUEUE + (tail[peer] & MASK);
        handle[slot] = frame.handle();
        pullHandle[slot] = frame.pullHandle();
        requesterEndpoint[slot] = frame.sourceEndpoint();
        requesterKey[slot] = frame.destKey();
        requested[slot] = frame.messageLength();
        tail[peer]++;
        queued++;
        return true;
    }

    /**
     * @return true when requests wait or data is being streamed.
     */
    boolean busy()
    {
        return queued > 0;
    }

    /**
     * Stream pulled data to the peers that asked, as far as their windows allow.
     *
     * @return frames sent.
     */
    int doWork()
    {
        if (queued == 0)
        {
            return 0;
        }
        int work = 0;
        for (int peer = 0; peer < head.length; peer++)
        {
            while (head[peer] != tail[peer] && link.room(peer) > 0)
            {
                final int sent = serve(peer);
                if (sent < 0)
                {
                    break;
                }
                work += sent;
            }
        }
        return work;
    }

    /**
     * @return frames sent for the head request, or -1 when it is not finished (window full).
     */
    private int serve(final int peer)
    {
        final int slot = peer * QUEUE + (head[peer] & MASK);
        int entry = activeEntry[peer];
        if (entry < 0)
        {
            entry = start(peer, slot);
            if (entry < 0)
            {
                return finish(peer, -1) + 1; // refused with an error frame
            }
        }
        int frames = 0;
        final long now = System.nanoTime();
        while (link.room(peer) > 0)
        {
            if (!senderAlive(entry))
            {
                if (!proxy.refuse(peer, handle[slot], pullHandle[slot], Status.PEER_GONE))
                {
                    return -1;
                }
                rendezvous.release(entry);
                return finish(peer, -1) + frames + 1;
            }
            final int offset = activeSent[peer];
            final int bytes = Math.min(payload, activeTotal[peer] - offset);
            final WireFrameFlyweight frame = link.claim(peer)
                .type(WireFrameFlyweight.TYPE_PULL_DATA)
                .handle(handle[slot])
                .pullHandle(pullHandle[slot])
                .messageLength(activeTotal[peer])
                .fragmentOffset(offset)
                .fragmentLength(bytes);
            gather(entry, offset, frame, bytes);
            link.send(peer, now);
            frames++;
            activeSent[peer] = offset + bytes;
            if (activeSent[peer] == activeTotal[peer])
            {
                completeSender(entry, activeTotal[peer]);
                return finish(peer, entry) + frames;
            }
        }
        return -1;
    }

    /**
     * Check the head request; on success make it active.
     *
     * @return the rendezvous entry, or -1 after sending an error frame.
     */
    private int start(final int peer, final int slot)
    {
        final int entry = rendezvous.lookup(handle[slot]);
        int status = Status.OK;
        if (entry < 0 || rendezvous.remoteNic[entry] >= 0 || rendezvous.dstNic[entry] != peer ||
            rendezvous.dstEndpoint[entry] != requesterEndpoint[slot] || rendezvous.dstKey[entry] != requesterKey[slot])
        {
            status = Status.BAD_HANDLE;
            counters.addGlobal(CountersDescriptor.WIRE_REFUSED_OFFSET, 1);
        }
        else if (!senderAlive(entry))
        {
            status = Status.PEER_GONE;
        }
        else
        {
            final int total = Math.min(Math.max(0, requested[slot]), rendezvous.length[entry]);
            for (int i = 0, checked = 0; status == Status.OK && checked < total; i++)
            {
                final int s = entry * MAX_SEGMENTS + i;
                final int n = Math.min(rendezvous.segmentBytes[s], total - checked);
                status = dma.check(rendezvous.srcVm[entry], rendezvous.segmentKey[s], rendezvous.segmentAt[s], n,
                    ProtectionTable.READ);
                checked += n;
            }
            if (status == Status.OK)
            {
                activeEntry[peer] = entry;
                activeSent[peer] = 0;
                activeTotal[peer] = total;
                return entry;
            }
        }
        if (entry >= 0 && status != Status.BAD_HANDLE)
        {
            final EndpointContext src = endpoints[rendezvous.srcEndpoint[entry]];
            if (senderAlive(entry))
            {
                engine.complete(src, EventDescriptor.TYPE_SEND_COMPLETE, rendezvous.srcCookie[entry], status, 0);
            }
            rendezvous.release(entry);
        }
        proxy.refuse(peer, handle[slot], pullHandle[slot], status);
        return -1;
    }

    /**
     * {@code peer} is unreachable: forget its requests (the entries stay until their senders or {@link
     * WireAdapter#peerLost} end them).
     */
    void peerLost(final int peer)
    {
        queued -= tail[peer] - head[peer];
        head[peer] = tail[peer];
        activeEntry[peer] = -1;
    }

    private int finish(final int peer, final int entry)
    {
        if (entry >= 0)
        {
            rendezvous.release(entry);
            counters.setGlobal(CountersDescriptor.RENDEZVOUS_OFFSET, rendezvous.count);
        }
        activeEntry[peer] = -1;
        head[peer]++;
        queued--;
        return 0;
    }

    private boolean senderAlive(final int entry)
    {
        final int vm = rendezvous.srcVm[entry];
        final EndpointContext src = endpoints[rendezvous.srcEndpoint[entry]];
        return vm >= 0 && src.isOpen() && src.vm == vm;
    }

    private void gather(final int entry, final int from, final WireFrameFlyweight frame, final int bytes)
    {
        int skipped = 0;
        int filled = 0;
        for (int i = 0; filled < bytes; i++)
        {
            final int s = entry * MAX_SEGMENTS + i;
            final int segmentBytes = rendezvous.segmentBytes[s];
            if (skipped + segmentBytes <= from + filled)
            {
                skipped += segmentBytes;
                continue;
            }
            final int within = from + filled - skipped;
            final int n = Math.min(segmentBytes - within, bytes - filled);
            dma.read(rendezvous.srcVm[entry], rendezvous.segmentKey[s], rendezvous.segmentAt[s] + within,
                frame.segment(), WireFrameFlyweight.PAYLOAD_OFFSET + filled, n);
            filled += n;
            skipped += segmentBytes;
        }
    }

    private void completeSender(final int entry, final int bytes)
    {
        final int srcVm = rendezvous.srcVm[entry];
        final EndpointContext src = endpoints[rendezvous.srcEndpoint[entry]];
        counters.addVm(srcVm, CountersDescriptor.VM_MESSAGES, 1);
        counters.addVm(srcVm, CountersDescriptor.VM_BYTES, bytes);
        counters.addEndpoint(src.id, CountersDescriptor.EP_MESSAGES, 1);
        counters.addEndpoint(src.id, CountersDescriptor.EP_BYTES, bytes);
        engine.complete(src, EventDescriptor.TYPE_SEND_COMPLETE, rendezvous.srcCookie[entry], Status.OK, bytes);
    }
}
