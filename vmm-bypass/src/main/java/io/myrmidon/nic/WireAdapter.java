package io.myrmidon.nic;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import io.myrmidon.nic.wire.HostTable;
import io.myrmidon.nic.wire.WireFrameFlyweight;
import io.myrmidon.nic.wire.WireFrameHandler;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.Status;
import io.myrmidon.vnic.sys.Futex;

/**
 * Decodes the frames other hosts' NICs send this one (in order, once each, from the {@link
 * io.myrmidon.nic.wire.WireLink}) and does what a local send would have done: a tiny or eager message lands in
 * the destination endpoint's event queue and eager ring with the same match information and events as a local
 * one (source NIC, endpoint and VM are the remote sender's); a rendezvous announcement gets a local handle the
 * guest pulls with; pull data goes into the window the pull named, checked WRITE against the protection table
 * fragment by fragment. A destination that is not open or whose key does not match drops the message (counted in
 * {@link CountersDescriptor#WIRE_REFUSED_OFFSET}); a full destination refuses the frame, which holds the link
 * back (flow control) until the guest consumes.
 * <p>
 * Eager fragments are reassembled per peer (the sender never interleaves two messages on a link) and delivered
 * when the last one arrives; a single-fragment message is copied straight from the frame. Firmware thread only.
 */
final class WireAdapter implements WireFrameHandler
{
    private final DescriptorEngine engine;
    private final RemoteEndpointProxy proxy;
    private final PullResponder responder;
    private final EndpointContext[] endpoints;
    private final DmaEngine dma;
    private final RendezvousTable rendezvous;
    private final NicCounters counters;
    private final MemorySegment[] assembly = new MemorySegment[HostTable.MAX_HOSTS];
    private final Arena arena = Arena.ofShared();
    private Futex futex;

    WireAdapter(
        final DescriptorEngine engine,
        final RemoteEndpointProxy proxy,
        final PullResponder responder,
        final EndpointContext[] endpoints,
        final DmaEngine dma,
        final RendezvousTable rendezvous,
        final NicCounters counters)
    {
        this.engine = engine;
        this.proxy = proxy;
        this.responder = responder;
        this.endpoints = endpoints;
        this.dma = dma;
        this.rendezvous = rendezvous;
        this.counters = counters;
    }

    void futex(final Futex futex)
    {
        this.futex = futex;
    }

    @Override
    public boolean onFrame(final int peer, final WireFrameFlyweight frame)
    {
        return switch (frame.type())
        {
            case WireFrameFlyweight.TYPE_TINY -> onTiny(peer, frame);
            case WireFrameFlyweight.TYPE_EAGER -> onEager(peer, frame);
            case WireFrameFlyweight.TYPE_RENDEZVOUS -> onRendezvous(peer, frame);
            case WireFrameFlyweight.TYPE_PULL_REQUEST -> responder.enqueue(peer, frame);
            case WireFrameFlyweight.TYPE_PULL_DATA -> onPullData(peer, frame);
            case WireFrameFlyweight.TYPE_PULL_ERROR -> onPullError(peer, frame);
            default -> refused();
        };
    }

    private boolean onTiny(final int peer, final WireFrameFlyweight frame)
    {
        final int length = frame.fragmentLength();
        final EndpointContext dst = destination(frame);
        if (dst == null || length > io.myrmidon.vnic.layout.SendDescriptor.TINY_MAX)
        {
            return refused();
        }
        final long space = dst.eventSpace();
        if (space <= 0)
        {
            return faultedOrFull(dst, space);
        }
        final int event = dst.nextEventOffset();
        header(dst, event, EventDescriptor.TYPE_RECEIVE_TINY, peer, frame, length);
        dst.buffer.putBytes(event + EventDescriptor.INLINE_OFFSET, frame.buffer(), WireFrameFlyweight.PAYLOAD_OFFSET,
            length);
        dst.publishEvent(futex);
        received(dst);
        return true;
    }

    private boolean onEager(final int peer, final WireFrameFlyweight frame)
    {
        final int total = frame.messageLength();
        final int offset = frame.fragmentOffset();
        final int length = frame.fragmentLength();
        if (total < 0 || total > NicConfiguration.EAGER_MAX || offset < 0 || length < 0 || offset + length > total)
        {
            return refused();
        }
        final boolean single = offset == 0 && length == total;
        if (!single)
        {
            MemorySegment.copy(frame.segment(), WireFrameFlyweight.PAYLOAD_OFFSET, assembly(peer), offset, length);
            if (offset + length < total)
            {
                return true;
            }
        }
        final EndpointContext dst = destination(frame);
        if (dst == null)
        {
            return refused();
        }
        final long space = dst.eventSpace();
        if (space <= 0)
        {
            return faultedOrFull(dst, space);
        }
        final int slot = dst.reserveEager(total);
        if (slot == -1)
        {
            return false;
        }
        if (slot == -2)
        {
            engine.fault(dst);
            return refused();
        }
        final long at = EndpointDescriptor.eagerSlotOffset(slot);
        if (single)
        {
            MemorySegment.copy(frame.segment(), WireFrameFlyweight.PAYLOAD_OFFSET, dst.pages, at, total);
        }
        else
        {
            MemorySegment.copy(assembly[peer], 0, dst.pages, at, total);
        }
        final int event = dst.nextEventOffset();
        header(dst, event, EventDescriptor.TYPE_RECEIVE_EAGER, peer, frame, total);
        dst.buffer.putInt(event + EventDescriptor.EAGER_SLOT_OFFSET, slot);
        dst.buffer.putInt(event + EventDescriptor.EAGER_SLOT_COUNT_OFFSET, dst.lastSlotCount);
        dst.publishEvent(futex);
        received(dst);
        return true;
    }

    private boolean onRendezvous(final int peer, final WireFrameFlyweight frame)
    {
        final EndpointContext dst = destination(frame);
        if (dst == null || frame.messageLength() < 0)
        {
            counters.addGlobal(CountersDescriptor.WIRE_REFUSED_OFFSET, 1);
            return proxy.refuse(peer, frame.handle(), -1, Status.BAD_DESTINATION);
        }
        final long space = dst.eventSpace();
        if (space <= 0)
        {
            return faultedOrFull(dst, space);
        }
        final int entry = rendezvous.allocate();
        if (entry < 0)
        {
            return false;
        }
        rendezvous.remoteNic[entry] = peer;
        rendezvous.remoteHandle[entry] = frame.handle();
        rendezvous.srcVm[entry] = -1;
        rendezvous.srcEndpoint[entry] = frame.sourceEndpoint();
        rendezvous.dstNic[entry] = -1;
        rendezvous.dstEndpoint[entry] = dst.id;
        rendezvous.dstKey[entry] = dst.key;
        rendezvous.length[entry] = frame.messageLength();
        rendezvous.segmentCount[entry] = 0;
        final int event = dst.nextEventOffset();
        header(dst, event, EventDescriptor.TYPE_RECEIVE_RENDEZVOUS, peer, frame, frame.messageLength());
        dst.buffer.putLong(event + EventDescriptor.COOKIE_OFFSET, rendezvous.handle(entry));
        dst.publishEvent(futex);
        counters.setGlobal(CountersDescriptor.RENDEZVOUS_OFFSET, rendezvous.count);
        return true;
    }

    private boolean onPullData(final int peer, final WireFrameFlyweight frame)
    {
        final int entry = pullingEntry(peer, frame.pullHandle());
        if (entry < 0)
        {
            return true; // the puller went away meanwhile: nothing to deliver to
        }
        final EndpointContext ep = endpoints[rendezvous.dstEndpoint[entry]];
        final int offset = frame.fragmentOffset();
        final int length = frame.fragmentLength();
        final int expected = rendezvous.pullBytes[entry];
        if (offset < 0 || length < 0 || offset + length > expected)
        {
            rendezvous.pullStatus[entry] = Status.BAD_DESCRIPTOR;
        }
        final boolean last = offset + length >= expected;
        if (last && ep.eventSpace() <= 0)
        {
            return faultedOrFull(ep, ep.eventSpace());
        }
        if (rendezvous.pullStatus[entry] == Status.OK && length > 0)
        {
            final int status = dma.check(ep.vm, rendezvous.pullKey[entry], rendezvous.pullAt[entry] + offset, length,
                ProtectionTable.WRITE);
            if (status == Status.OK)
            {
                dma.write(ep.vm, rendezvous.pullKey[entry], rendezvous.pullAt[entry] + offset, frame.segment(),
                    WireFrameFlyweight.PAYLOAD_OFFSET, length);
            }
            else
            {
                rendezvous.pullStatus[entry] = status; // window revoked meanwhile: no byte lands outside it
            }
        }
        if (last)
        {
            int status = rendezvous.pullStatus[entry];
            if (status == Status.OK && expected < rendezvous.length[entry])
            {
                status = Status.TRUNCATED;
            }
            if (status == Status.OK || status == Status.TRUNCATED)
            {
                counters.addEndpoint(ep.id, CountersDescriptor.EP_RECEIVED, 1);
            }
            engine.complete(ep, EventDescriptor.TYPE_PULL_COMPLETE, rendezvous.pullCookie[entry], status, expected);
            release(entry);
        }
        return true;
    }

    private boolean onPullError(final int peer, final WireFrameFlyweight frame)
    {
        if (frame.pullHandle() == -1)
        {
            // the receiver's NIC refused our announcement (bad destination, or the receiver closed)
            final int entry = rendezvous.lookup(frame.handle());
            if (entry >= 0 && rendezvous.remoteNic[entry] < 0 && rendezvous.dstNic[entry] == peer)
            {
                final int vm = rendezvous.srcVm[entry];
                final EndpointContext src = endpoints[rendezvous.srcEndpoint[entry]];
                if (vm >= 0 && src.isOpen() && src.vm == vm)
                {
                    engine.complete(src, EventDescriptor.TYPE_SEND_COMPLETE, rendezvous.srcCookie[entry],
                        frame.status(), 0);
                }
                release(entry);
            }
            return true;
        }
        final int entry = pullingEntry(peer, frame.pullHandle());
        if (entry >= 0)
        {
            final EndpointContext ep = endpoints[rendezvous.dstEndpoint[entry]];
            final long space = ep.eventSpace();
            if (space <= 0)
            {
                return faultedOrFull(ep, space);
            }
            engine.complete(ep, EventDescriptor.TYPE_PULL_COMPLETE, rendezvous.pullCookie[entry], frame.status(), 0);
            release(entry);
        }
        return true;
    }

    /**
     * {@code peer} is unreachable: every rendezvous with it ends with {@link Status#PEER_GONE}, as when a local
     * peer dies: local senders whose message it was to pull get the error completion, local receivers whose
     * pull from it was in flight get the error pull completion; announcements from it are forgotten.
     */
    void peerLost(final int peer)
    {
        for (int entry = 0; entry < NicConfiguration.MAX_RENDEZVOUS; entry++)
        {
            if (!rendezvous.used[entry])
            {
                continue;
            }
            if (rendezvous.remoteNic[entry] == peer)
            {
                final EndpointContext ep = endpoints[rendezvous.dstEndpoint[entry]];
                if (rendezvous.pulling[entry] && ep.isOpen() && ep.key == rendezvous.dstKey[entry])
                {
                    engine.complete(ep, EventDescriptor.TYPE_PULL_COMPLETE, rendezvous.pullCookie[entry],
                        Status.PEER_GONE, 0);
                }
                release(entry);
            }
            else if (rendezvous.remoteNic[entry] < 0 && rendezvous.dstNic[entry] == peer)
            {
                final int vm = rendezvous.srcVm[entry];
                final EndpointContext src = endpoints[rendezvous.srcEndpoint[entry]];
                if (vm >= 0 && src.isOpen() && src.vm == vm)
                {
                    engine.complete(src, EventDescriptor.TYPE_SEND_COMPLETE, rendezvous.srcCookie[entry],
                        Status.PEER_GONE, 0);
                }
                release(entry);
            }
        }
    }

    /**
     * @return the entry of a pull this NIC asked {@code peer} for and whose puller is still open, or -1.
     */
    private int pullingEntry(final int peer, final long handle)
    {
        final int entry = rendezvous.lookup(handle);
        if (entry < 0 || rendezvous.remoteNic[entry] != peer || !rendezvous.pulling[entry])
        {
            return -1;
        }
        final EndpointContext ep = endpoints[rendezvous.dstEndpoint[entry]];
        return ep.isOpen() && ep.key == rendezvous.dstKey[entry] ? entry : -1;
    }

    private EndpointContext destination(final WireFrameFlyweight frame)
    {
        final int id = frame.destEndpoint();
        if (id >= endpoints.length)
        {
            return null;
        }
        final EndpointContext dst = endpoints[id];
        return dst.isOpen() && dst.key == frame.destKey() ? dst : null;
    }

    private void header(
        final EndpointContext dst, final int event, final int type, final int peer, final WireFrameFlyweight frame,
        final int length)
    {
        engine.writeReceiveHeader(dst, event, type, peer, frame.sourceEndpoint(), frame.sourceVm(),
            frame.matchInfo(), length);
    }

    private boolean faultedOrFull(final EndpointContext dst, final long space)
    {
        if (space == EndpointContext.CORRUPT)
        {
            engine.fault(dst);
            return refused();
        }
        return false;
    }

    private boolean refused()
    {
        counters.addGlobal(CountersDescriptor.WIRE_REFUSED_OFFSET, 1);
        return true;
    }

    private void received(final EndpointContext dst)
    {
        counters.addEndpoint(dst.id, CountersDescriptor.EP_RECEIVED, 1);
    }

    private void release(final int entry)
    {
        rendezvous.release(entry);
        counters.setGlobal(CountersDescriptor.RENDEZVOUS_OFFSET, rendezvous.count);
    }

    private MemorySegment assembly(final int peer)
    {
        MemorySegment buffer = assembly[peer];
        if (buffer == null)
        {
            buffer = arena.allocate(NicConfiguration.EAGER_MAX, 64); // once per peer
            assembly[peer] = buffer;
        }
        return buffer;
    }
}
