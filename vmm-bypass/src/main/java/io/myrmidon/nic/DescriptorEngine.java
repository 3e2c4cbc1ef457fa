package io.myrmidon.nic;

import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.Status;
import io.myrmidon.vnic.sys.Futex;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.layout.SendDescriptor.*;

/**
 * Executes one send descriptor (a private copy, so the guest cannot change it under the check): validates it
 * against the protection table and the destination, moves the bytes with the {@link DmaEngine}, writes the
 * events. Tiny messages travel inline, small and medium ones through the receiver's eager ring, large ones by
 * rendezvous and a pull the receiver posts. Every refusal is an error completion to the offender plus counters;
 * no byte moves. Firmware thread only.
 */
final class DescriptorEngine
{
    static final int DONE = 0;
    static final int BLOCKED = 1;

    private final int nicId;
    private final VmContext[] vms;
    private final EndpointContext[] endpoints;
    private final DmaEngine dma;
    private final RendezvousTable rendezvous;
    private final NicCounters counters;
    private Futex futex;
    private RemoteEndpointProxy remote;

    DescriptorEngine(
        final int nicId,
        final VmContext[] vms,
        final EndpointContext[] endpoints,
        final DmaEngine dma,
        final RendezvousTable rendezvous,
        final NicCounters counters)
    {
        this.nicId = nicId;
        this.vms = vms;
        this.endpoints = endpoints;
        this.dma = dma;
        this.rendezvous = rendezvous;
        this.counters = counters;
    }

    void futex(final Futex futex)
    {
        this.futex = futex;
    }

    /**
     * @param remote where descriptors naming another host's NIC go (null: this NIC is not linked).
     */
    void remote(final RemoteEndpointProxy remote)
    {
        this.remote = remote;
    }

    /**
     * @return true when the descriptor names another host's NIC that this NIC is linked to.
     */
    private boolean isRemote(final UnsafeBuffer d)
    {
        final int dstNic = d.getInt(DEST_NIC_OFFSET);
        return dstNic != nicId && remote != null && remote.reaches(dstNic);
    }

    int execute(final EndpointContext ep, final UnsafeBuffer d)
    {
        final int opcode = d.getInt(OPCODE_OFFSET);
        return switch (opcode)
        {
            case OPCODE_SEND_TINY -> sendTiny(ep, d);
            case OPCODE_SEND_EAGER -> sendEager(ep, d);
            case OPCODE_SEND_RENDEZVOUS -> sendRendezvous(ep, d);
            case OPCODE_PULL -> pull(ep, d);
            default -> reject(ep, d.getLong(COOKIE_OFFSET), Status.BAD_DESCRIPTOR, EventDescriptor.TYPE_SEND_COMPLETE);
        };
    }

    private int sendTiny(final EndpointContext ep, final UnsafeBuffer d)
    {
        final long cookie = d.getLong(COOKIE_OFFSET);
        final int length = d.getInt(TOTAL_LENGTH_OFFSET);
        if (length < 0 || length > TINY_MAX)
        {
            return reject(ep, cookie, Status.BAD_DESCRIPTOR, EventDescriptor.TYPE_SEND_COMPLETE);
        }
        if (isRemote(d))
        {
            return remote.unreachable(d.getInt(DEST_NIC_OFFSET)) ?
                reject(ep, cookie, Status.PEER_GONE, EventDescriptor.TYPE_SEND_COMPLETE) :
                remote.sendTiny(ep, d, d.getInt(DEST_NIC_OFFSET));
        }
        final EndpointContext dst = destination(d);
        if (dst == null)
        {
            return reject(ep, cookie, Status.BAD_DESTINATION, EventDescriptor.TYPE_SEND_COMPLETE);
        }
        if (!hasEventSpace(ep) || !hasEventSpace(dst))
        {
            return blockedOrFaulted(ep, dst, cookie);
        }
        final int event = dst.nextEventOffset();
        writeReceiveHeader(dst, event, EventDescriptor.TYPE_RECEIVE_TINY, ep, d.getLong(MATCH_INFO_OFFSET), length);
        dst.buffer.putBytes(event + EventDescriptor.INLINE_OFFSET, d, SEGMENTS_OFFSET, length);
        dst.publishEvent(futex);
        delivered(ep, dst, length);
        complete(ep, EventDescriptor.TYPE_SEND_COMPLETE, cookie, Status.OK, length);
        return DONE;
    }

    private int sendEager(final EndpointContext ep, final UnsafeBuffer d)
    {
        final long cookie = d.getLong(COOKIE_OFFSET);
        final long total = checkSegments(ep, d);
        if (total < 0)
        {
            return reject(ep, cookie, (int)-total, EventDescriptor.TYPE_SEND_COMPLETE);
        }
        if (total > NicConfiguration.EAGER_MAX)
        {
            return reject(ep, cookie, Status.BAD_DESCRIPTOR, EventDescriptor.TYPE_SEND_COMPLETE);
        }
        if (isRemote(d))
        {
            return remote.unreachable(d.getInt(DEST_NIC_OFFSET)) ?
                reject(ep, cookie, Status.PEER_GONE, EventDescriptor.TYPE_SEND_COMPLETE) :
                remote.sendEager(ep, d, (int)total, d.getInt(DEST_NIC_OFFSET));
        }
        final EndpointContext dst = destination(d);
        if (dst == null)
        {
            return reject(ep, cookie, Status.BAD_DESTINATION, EventDescriptor.TYPE_SEND_COMPLETE);
        }
        if (!hasEventSpace(ep) || !hasEventSpace(dst))
        {
            return blockedOrFaulted(ep, dst, cookie);
        }
        final int slot = dst.reserveEager((int)total);
        if (slot == -1)
        {
            return BLOCKED;
        }
        if (slot == -2)
        {
            fault(dst);
            return reject(ep, cookie, Status.BAD_DESTINATION, EventDescriptor.TYPE_SEND_COMPLETE);
        }
        long position = EndpointDescriptor.eagerSlotOffset(slot);
        final int count = d.getInt(SEGMENT_COUNT_OFFSET);
        for (int i = 0; i < count; i++)
        {
            final int segment = segmentOffset(i);
            final int bytes = d.getInt(segment + SEGMENT_BYTES_OFFSET);
            dma.read(ep.vm, d.getInt(segment + SEGMENT_KEY_OFFSET), d.getLong(segment + SEGMENT_WINDOW_OFFSET_OFFSET),
                dst.pages, position, bytes);
            position += bytes;
        }
        final int event = dst.nextEventOffset();
        writeReceiveHeader(dst, event, EventDescriptor.TYPE_RECEIVE_EAGER, ep, d.getLong(MATCH_INFO_OFFSET), total);
        dst.buffer.putInt(event + EventDescriptor.EAGER_SLOT_OFFSET, slot);
        dst.buffer.putInt(event + EventDescriptor.EAGER_SLOT_COUNT_OFFSET, dst.lastSlotCount);
        dst.publishEvent(futex);
        delivered(ep, dst, total);
        complete(ep, EventDescriptor.TYPE_SEND_COMPLETE, cookie, Status.OK, (int)total);
        return DONE;
    }

    private int sendRendezvous(final EndpointContext ep, final UnsafeBuffer d)
    {
        final long cookie = d.getLong(COOKIE_OFFSET);
        final long total = checkSegments(ep, d);
        if (total < 0)
        {
            return reject(ep, cookie, (int)-total, EventDescriptor.TYPE_SEND_COMPLETE);
        }
        if (isRemote(d))
        {
            return remote.unreachable(d.getInt(DEST_NIC_OFFSET)) ?
                reject(ep, cookie, Status.PEER_GONE, EventDescriptor.TYPE_SEND_COMPLETE) :
                remote.sendRendezvous(ep, d, (int)total, d.getInt(DEST_NIC_OFFSET));
        }
        final EndpointContext dst = destination(d);
        if (dst == null)
        {
            return reject(ep, cookie, Status.BAD_DESTINATION, EventDescriptor.TYPE_SEND_COMPLETE);
        }
        if (!hasEventSpace(dst))
        {
            return blockedOrFaulted(ep, dst, cookie);
        }
        final int entry = rendezvous.allocate();
        if (entry < 0)
        {
            return BLOCKED;
        }
        rendezvous.recordSend(entry, ep, cookie, nicId, dst.id, dst.key, (int)total, d);
        final int event = dst.nextEventOffset();
        writeReceiveHeader(
            dst, event, EventDescriptor.TYPE_RECEIVE_RENDEZVOUS, ep, d.getLong(MATCH_INFO_OFFSET), total);
        dst.buffer.putLong(event + EventDescriptor.COOKIE_OFFSET, rendezvous.handle(entry));
        dst.publishEvent(futex);
        counters.setGlobal(CountersDescriptor.RENDEZVOUS_OFFSET, rendezvous.count);
        return DONE;
    }

    private int pull(final EndpointContext ep, final UnsafeBuffer d)
    {
        final long cookie = d.getLong(COOKIE_OFFSET);
        final int entry = rendezvous.lookup(d.getLong(MATCH_INFO_OFFSET));
        if (entry < 0 || rendezvous.dstEndpoint[entry] != ep.id || rendezvous.dstKey[entry] != ep.key ||
            rendezvous.dstNic[entry] >= 0 && rendezvous.dstNic[entry] != nicId || rendezvous.pulling[entry])
        {
            return reject(ep, cookie, Status.BAD_HANDLE, EventDescriptor.TYPE_PULL_COMPLETE);
        }
        if (d.getInt(SEGMENT_COUNT_OFFSET) != 1)
        {
            return reject(ep, cookie, Status.BAD_DESCRIPTOR, EventDescriptor.TYPE_PULL_COMPLETE);
        }
        final int key = d.getInt(segmentOffset(0) + SEGMENT_KEY_OFFSET);
        final int bytes = d.getInt(segmentOffset(0) + SEGMENT_BYTES_OFFSET);
        final long at = d.getLong(segmentOffset(0) + SEGMENT_WINDOW_OFFSET_OFFSET);
        final int status = dma.check(ep.vm, key, at, bytes, ProtectionTable.WRITE);
        if (status != Status.OK)
        {
            return reject(ep, cookie, status, EventDescriptor.TYPE_PULL_COMPLETE);
        }
        if (!hasEventSpace(ep))
        {
            return BLOCKED;
        }
        if (rendezvous.remoteNic[entry] >= 0)
        {
            if (remote.unreachable(rendezvous.remoteNic[entry]))
            {
                rendezvous.release(entry);
                return reject(ep, cookie, Status.PEER_GONE, EventDescriptor.TYPE_PULL_COMPLETE);
            }
            return remote.pullRequest(ep, entry, cookie, key, at, bytes);
        }
        final int srcVm = rendezvous.srcVm[entry];
        final EndpointContext src = endpoints[rendezvous.srcEndpoint[entry]];
        final boolean srcAlive = srcVm >= 0 && src.isOpen() && src.vm == srcVm;
        final int length = rendezvous.length[entry];
        final int toCopy = Math.min(bytes, length);
        int result = srcAlive ? Status.OK : Status.PEER_GONE;
        for (int i = 0, copied = 0; result == Status.OK && i < rendezvous.segmentCount[entry] && copied < toCopy; i++)
        {
            final int slot = entry * MAX_SEGMENTS + i;
            final int n = Math.min(rendezvous.segmentBytes[slot], toCopy - copied);
            result = dma.check(srcVm, rendezvous.segmentKey[slot], rendezvous.segmentAt[slot], n, ProtectionTable.READ);
            if (result == Status.OK)
            {
                dma.copy(srcVm, rendezvous.segmentKey[slot], rendezvous.segmentAt[slot], ep.vm, key, at + copied, n);
                copied += n;
            }
        }
        if (result == Status.OK)
        {
            counters.addVm(srcVm, CountersDescriptor.VM_MESSAGES, 1);
            counters.addVm(srcVm, CountersDescriptor.VM_BYTES, toCopy);
            counters.addEndpoint(src.id, CountersDescriptor.EP_MESSAGES, 1);
            counters.addEndpoint(src.id, CountersDescriptor.EP_BYTES, toCopy);
            counters.addEndpoint(ep.id, CountersDescriptor.EP_RECEIVED, 1);
            vms[ep.vm].servedThisRound += toCopy;
            if (toCopy < length)
            {
                result = Status.TRUNCATED;
            }
        }
        if (srcAlive)
        {
            complete(src, EventDescriptor.TYPE_SEND_COMPLETE, rendezvous.srcCookie[entry],
                result == Status.TRUNCATED ? Status.OK : result, toCopy);
        }
        complete(ep, EventDescriptor.TYPE_PULL_COMPLETE, cookie, result, toCopy);
        rendezvous.release(entry);
        counters.setGlobal(CountersDescriptor.RENDEZVOUS_OFFSET, rendezvous.count);
        return DONE;
    }

    /**
     * @return the total length, or minus a {@link Status} code.
     */
    long checkSegments(final EndpointContext ep, final UnsafeBuffer d)
    {
        final int count = d.getInt(SEGMENT_COUNT_OFFSET);
        if (count < 1 || count > MAX_SEGMENTS)
        {
            return -Status.BAD_DESCRIPTOR;
        }
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            final int segment = segmentOffset(i);
            final int bytes = d.getInt(segment + SEGMENT_BYTES_OFFSET);
            if (bytes < 0)
            {
                return -Status.BAD_DESCRIPTOR;
            }
            final int status = dma.check(ep.vm, d.getInt(segment + SEGMENT_KEY_OFFSET),
                d.getLong(segment + SEGMENT_WINDOW_OFFSET_OFFSET), bytes, ProtectionTable.READ);
            if (status != Status.OK)
            {
                return -status;
            }
            total += bytes;
        }
        return total == d.getInt(TOTAL_LENGTH_OFFSET) && total <= Integer.MAX_VALUE ? total : -Status.BAD_DESCRIPTOR;
    }

    private EndpointContext destination(final UnsafeBuffer d)
    {
        final int id = d.getInt(DEST_ENDPOINT_OFFSET);
        if (d.getInt(DEST_NIC_OFFSET) != nicId || id < 0 || id >= endpoints.length)
        {
            return null;
        }
        final EndpointContext dst = endpoints[id];
        return dst.isOpen() && dst.key == d.getInt(DEST_KEY_OFFSET) ? dst : null;
    }

    boolean hasEventSpace(final EndpointContext ep)
    {
        return ep.eventSpace() > 0;
    }

    private int blockedOrFaulted(final EndpointContext ep, final EndpointContext dst, final long cookie)
    {
        if (ep.eventSpace() == EndpointContext.CORRUPT)
        {
            fault(ep);
            return DONE;
        }
        if (dst.eventSpace() == EndpointContext.CORRUPT)
        {
            fault(dst);
            return reject(ep, cookie, Status.BAD_DESTINATION, EventDescriptor.TYPE_SEND_COMPLETE);
        }
        return BLOCKED;
    }

    private void writeReceiveHeader(
        final EndpointContext dst,
        final int event,
        final int type,
        final EndpointContext src,
        final long matchInfo,
        final long length)
    {
        writeReceiveHeader(dst, event, type, nicId, src.id, src.vm, matchInfo, length);
    }

    /**
     * Fill the header of a receive event at {@code event} in {@code dst}'s queue (also for messages from other
     * hosts, whose source NIC, endpoint and VM come from the wire).
     */
    void writeReceiveHeader(
        final EndpointContext dst,
        final int event,
        final int type,
        final int srcNic,
        final int srcEndpoint,
        final int srcVm,
        final long matchInfo,
        final long length)
    {
        final UnsafeBuffer b = dst.buffer;
        b.putInt(event + EventDescriptor.TYPE_OFFSET, type);
        b.putInt(event + EventDescriptor.STATUS_OFFSET, Status.OK);
        b.putLong(event + EventDescriptor.MATCH_INFO_OFFSET, matchInfo);
        b.putInt(event + EventDescriptor.SOURCE_ENDPOINT_OFFSET, srcEndpoint);
        b.putInt(event + EventDescriptor.SOURCE_NIC_OFFSET, srcNic);
        b.putInt(event + EventDescriptor.SOURCE_VM_OFFSET, srcVm);
        b.putInt(event + EventDescriptor.LENGTH_OFFSET, (int)length);
    }

    private void delivered(final EndpointContext src, final EndpointContext dst, final long bytes)
    {
        counters.addVm(src.vm, CountersDescriptor.VM_MESSAGES, 1);
        counters.addVm(src.vm, CountersDescriptor.VM_BYTES, bytes);
        counters.addEndpoint(src.id, CountersDescriptor.EP_MESSAGES, 1);
        counters.addEndpoint(src.id, CountersDescriptor.EP_BYTES, bytes);
        counters.addEndpoint(dst.id, CountersDescriptor.EP_RECEIVED, 1);
        vms[src.vm].servedThisRound += bytes;
    }

    int reject(final EndpointContext ep, final long cookie, final int status, final int type)
    {
        counters.addVm(ep.vm, CountersDescriptor.VM_REJECTED, 1);
        counters.addEndpoint(ep.id, CountersDescriptor.EP_REJECTED, 1);
        if (status == Status.BAD_WINDOW || status == Status.OUT_OF_RANGE || status == Status.BAD_HANDLE)
        {
            counters.addVm(ep.vm, CountersDescriptor.VM_VIOLATIONS, 1);
            counters.addEndpoint(ep.id, CountersDescriptor.EP_VIOLATIONS, 1);
        }
        complete(ep, type, cookie, status, 0);
        return DONE;
    }

    /**
     * Post a completion to {@code ep}; when its queue is full or corrupt the event is dropped and counted.
     */
    void complete(final EndpointContext ep, final int type, final long cookie, final int status, final int length)
    {
        if (!ep.isOpen())
        {
            return;
        }
        final long space = ep.eventSpace();
        if (space <= 0)
        {
            counters.addVm(ep.vm, CountersDescriptor.VM_DROPPED, 1);
            counters.addEndpoint(ep.id, CountersDescriptor.EP_DROPPED, 1);
            if (space == EndpointContext.CORRUPT)
            {
                fault(ep);
            }
            return;
        }
        final int event = ep.nextEventOffset();
        ep.buffer.putInt(event + EventDescriptor.TYPE_OFFSET, type);
        ep.buffer.putInt(event + EventDescriptor.STATUS_OFFSET, status);
        ep.buffer.putLong(event + EventDescriptor.COOKIE_OFFSET, cookie);
        ep.buffer.putInt(event + EventDescriptor.LENGTH_OFFSET, length);
        ep.publishEvent(futex);
    }

    /**
     * The guest corrupted its rings: stop serving the endpoint, tell it (best effort: its queue may be garbage),
     * cancel rendezvous transfers that involve it so peers get errors, not a hang.
     */
    void fault(final EndpointContext ep)
    {
        if (ep.state != EndpointContext.OPEN)
        {
            return;
        }
        ep.state = EndpointContext.FAULTED;
        counters.setEndpoint(ep.id, CountersDescriptor.EP_STATE, EndpointContext.FAULTED);
        counters.addVm(ep.vm, CountersDescriptor.VM_REJECTED, 1);
        counters.addEndpoint(ep.id, CountersDescriptor.EP_REJECTED, 1);
        final int event = EndpointDescriptor.eventOffset(ep.eventProducer);
        ep.buffer.setMemory(event, EventDescriptor.LENGTH, (byte)0);
        ep.buffer.putInt(event + EventDescriptor.TYPE_OFFSET, EventDescriptor.TYPE_ENDPOINT_FAULT);
        ep.buffer.putInt(event + EventDescriptor.STATUS_OFFSET, Status.RING_CORRUPT);
        ep.publishEvent(futex);
        cancelRendezvous(ep);
    }

    /**
     * Remove every rendezvous transfer that involves {@code ep}: senders whose receiver went away get a
     * {@link Status#PEER_GONE} completion now; receivers whose sender went away get it when they pull.
     */
    void cancelRendezvous(final EndpointContext ep)
    {
        for (int i = 0; i < NicConfiguration.MAX_RENDEZVOUS; i++)
        {
            if (!rendezvous.used[i])
            {
                continue;
            }
            if (rendezvous.remoteNic[i] >= 0)
            {
                if (rendezvous.dstEndpoint[i] == ep.id && rendezvous.dstKey[i] == ep.key)
                {
                    // announced by another host: tell its NIC (best effort), so its sender gets PEER_GONE
                    if (!rendezvous.pulling[i])
                    {
                        remote.refuse(rendezvous.remoteNic[i], rendezvous.remoteHandle[i], -1, Status.PEER_GONE);
                    }
                    rendezvous.release(i);
                }
            }
            else if (rendezvous.dstNic[i] == nicId && rendezvous.dstEndpoint[i] == ep.id &&
                rendezvous.dstKey[i] == ep.key)
            {
                final EndpointContext src = endpoints[rendezvous.srcEndpoint[i]];
                if (src != ep && src.isOpen() && src.vm == rendezvous.srcVm[i])
                {
                    complete(src, EventDescriptor.TYPE_SEND_COMPLETE, rendezvous.srcCookie[i], Status.PEER_GONE, 0);
                }
                rendezvous.release(i);
            }
            else if (rendezvous.srcEndpoint[i] == ep.id && rendezvous.srcVm[i] == ep.vm)
            {
                rendezvous.srcVm[i] = -1;
            }
        }
        counters.setGlobal(CountersDescriptor.RENDEZVOUS_OFFSET, rendezvous.count);
    }
}
