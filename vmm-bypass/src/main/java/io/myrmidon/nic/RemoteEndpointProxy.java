package io.myrmidon.nic;

import io.myrmidon.nic.wire.WireFrameFlyweight;
import io.myrmidon.nic.wire.WireLink;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.Status;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.nic.DescriptorEngine.BLOCKED;
import static io.myrmidon.nic.DescriptorEngine.DONE;
import static io.myrmidon.vnic.layout.SendDescriptor.*;

/**
 * Stands in for an endpoint on another host: executes, as wire frames, the descriptors whose destination NIC is
 * remote. The descriptor was already validated against this NIC's protection table by the caller (the same
 * checks as a local send); the receiving NIC checks the destination endpoint and its key. Tiny messages travel in
 * one frame, eager ones in fragments of at most {@link WireLink#maxPayload()} bytes sent back to back (a message
 * starts only when the link has room for all its frames, so fragments of two messages never interleave on a link),
 * large ones as a rendezvous announcement whose data the receiver's NIC pulls later ({@link PullResponder}).
 * <p>
 * A send completes once its data is in the link's frames (the guest may reuse its buffer; the link delivers
 * reliably); a rendezvous send completes when its data has been pulled. Back-pressure from the link (window full)
 * is {@link DescriptorEngine#BLOCKED}: the descriptor runs again later. Firmware thread only.
 */
final class RemoteEndpointProxy
{
    private final DescriptorEngine engine;
    private final WireLink link;
    private final DmaEngine dma;
    private final RendezvousTable rendezvous;
    private final NicCounters counters;
    private final VmContext[] vms;
    private final int payload;

    RemoteEndpointProxy(
        final DescriptorEngine engine,
        final WireLink link,
        final DmaEngine dma,
        final RendezvousTable rendezvous,
        final NicCounters counters,
        final VmContext[] vms)
    {
        this.engine = engine;
        this.link = link;
        this.dma = dma;
        this.rendezvous = rendezvous;
        this.counters = counters;
        this.vms = vms;
        this.payload = link.maxPayload();
    }

    /**
     * @param nic a destination NIC id.
     * @return true when it is another host's NIC this one is linked to.
     */
    boolean reaches(final int nic)
    {
        return link.reaches(nic);
    }

    /**
     * @param nic a destination NIC id this one {@link #reaches}.
     * @return true when it stopped acknowledging (its host died or the link is cut): sends to it fail at once
     * with {@link Status#PEER_GONE} instead of waiting for ever.
     */
    boolean unreachable(final int nic)
    {
        return link.isUnreachable(nic);
    }

    int sendTiny(final EndpointContext ep, final UnsafeBuffer d, final int dstNic)
    {
        final int length = d.getInt(TOTAL_LENGTH_OFFSET);
        if (link.room(dstNic) < 1 || !engine.hasEventSpace(ep))
        {
            return BLOCKED;
        }
        final WireFrameFlyweight frame = header(link.claim(dstNic), ep, d, WireFrameFlyweight.TYPE_TINY, length);
        frame.fragmentLength(length);
        frame.buffer().putBytes(WireFrameFlyweight.PAYLOAD_OFFSET, d, SEGMENTS_OFFSET, length);
        link.send(dstNic, System.nanoTime());
        sent(ep, length);
        engine.complete(ep, EventDescriptor.TYPE_SEND_COMPLETE, d.getLong(COOKIE_OFFSET), Status.OK, length);
        return DONE;
    }

    int sendEager(final EndpointContext ep, final UnsafeBuffer d, final int total, final int dstNic)
    {
        final int frames = Math.max(1, (total + payload - 1) / payload);
        if (link.room(dstNic) < frames || !engine.hasEventSpace(ep))
        {
            return BLOCKED;
        }
        int segment = 0;
        long segmentDone = 0;
        final long now = System.nanoTime();
        for (int offset = 0, f = 0; f < frames; f++)
        {
            final int bytes = Math.min(payload, total - offset);
            final WireFrameFlyweight frame = header(link.claim(dstNic), ep, d, WireFrameFlyweight.TYPE_EAGER, total);
            frame.fragmentOffset(offset).fragmentLength(bytes);
            int filled = 0;
            while (filled < bytes)
            {
                final int at = segmentOffset(segment);
                final int segmentBytes = d.getInt(at + SEGMENT_BYTES_OFFSET);
                final int n = (int)Math.min(bytes - filled, segmentBytes - segmentDone);
                dma.read(ep.vm, d.getInt(at + SEGMENT_KEY_OFFSET), d.getLong(at + SEGMENT_WINDOW_OFFSET_OFFSET) +
                    segmentDone, frame.segment(), WireFrameFlyweight.PAYLOAD_OFFSET + filled, n);
                filled += n;
                segmentDone += n;
                if (segmentDone == segmentBytes)
                {
                    segment++;
                    segmentDone = 0;
                }
            }
            link.send(dstNic, now);
            offset += bytes;
        }
        sent(ep, total);
        engine.complete(ep, EventDescriptor.TYPE_SEND_COMPLETE, d.getLong(COOKIE_OFFSET), Status.OK, total);
        return DONE;
    }

    /**
     * Announce a large message: keep its validated segments in the rendezvous table (as a local rendezvous does)
     * and tell the receiver's NIC the handle.
     */
    int sendRendezvous(final EndpointContext ep, final UnsafeBuffer d, final int total, final int dstNic)
    {
        if (link.room(dstNic) < 1)
        {
            return BLOCKED;
        }
        final int entry = rendezvous.allocate();
        if (entry < 0)
        {
            return BLOCKED;
        }
        rendezvous.recordSend(entry, ep, d.getLong(COOKIE_OFFSET), dstNic, d.getInt(DEST_ENDPOINT_OFFSET),
            d.getInt(DEST_KEY_OFFSET), total, d);
        header(link.claim(dstNic), ep, d, WireFrameFlyweight.TYPE_RENDEZVOUS, total).handle(rendezvous.handle(entry));
        link.send(dstNic, System.nanoTime());
        counters.setGlobal(CountersDescriptor.RENDEZVOUS_OFFSET, rendezvous.count);
        return DONE;
    }

    /**
     * The receiver's side of a pull of a message announced by another host: the caller checked the handle and
     * the destination window (WRITE) exactly as for a local pull; ask the sender's NIC for the data.
     */
    int pullRequest(
        final EndpointContext ep, final int entry, final long cookie, final int key, final long at, final int bytes)
    {
        final int srcNic = rendezvous.remoteNic[entry];
        if (link.room(srcNic) < 1)
        {
            return BLOCKED;
        }
        rendezvous.pulling[entry] = true;
        rendezvous.pullCookie[entry] = cookie;
        rendezvous.pullKey[entry] = key;
        rendezvous.pullAt[entry] = at;
        rendezvous.pullBytes[entry] = Math.min(bytes, rendezvous.length[entry]);
        rendezvous.pullStatus[entry] = Status.OK;
        link.claim(srcNic)
            .type(WireFrameFlyweight.TYPE_PULL_REQUEST)
            .sourceEndpoint(ep.id)
            .destKey(ep.key)
            .sourceVm(ep.vm)
            .destEndpoint(rendezvous.srcEndpoint[entry])
            .handle(rendezvous.remoteHandle[entry])
            .pullHandle(rendezvous.handle(entry))
            .messageLength(rendezvous.pullBytes[entry]);
        link.send(srcNic, System.nanoTime());
        return DONE;
    }

    /**
     * Tell a NIC that a rendezvous it announced (its {@code handle}) will not be pulled, or that a pull it asked
     * for ({@code pullHandle}) cannot be served.
     *
     * @return false when the link has no room now.
     */
    boolean refuse(final int peer, final long handle, final long pullHandle, final int status)
    {
        if (link.room(peer) < 1)
        {
            return false;
        }
        link.claim(peer).type(WireFrameFlyweight.TYPE_PULL_ERROR).handle(handle).pullHandle(pullHandle).status(status);
        link.send(peer, System.nanoTime());
        return true;
    }

    private static WireFrameFlyweight header(
        final WireFrameFlyweight frame, final EndpointContext ep, final UnsafeBuffer d, final short type,
        final int length)
    {
        return frame.type(type)
            .sourceEndpoint(ep.id)
            .sourceVm(ep.vm)
            .destEndpoint(d.getInt(DEST_ENDPOINT_OFFSET))
            .destKey(d.getInt(DEST_KEY_OFFSET))
            .matchInfo(d.getLong(MATCH_INFO_OFFSET))
            .messageLength(length);
    }

    private void sent(final EndpointContext ep, final long bytes)
    {
        counters.addVm(ep.vm, CountersDescriptor.VM_MESSAGES, 1);
        counters.addVm(ep.vm, CountersDescriptor.VM_BYTES, bytes);
        counters.addEndpoint(ep.id, CountersDescriptor.EP_MESSAGES, 1);
        counters.addEndpoint(ep.id, CountersDescriptor.EP_BYTES, bytes);
        vms[ep.vm].servedThisRound += bytes;
    }
}
