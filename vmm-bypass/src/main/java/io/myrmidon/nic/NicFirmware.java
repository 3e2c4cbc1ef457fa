package io.myrmidon.nic;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import io.myrmidon.vnic.layout.Status;
import io.myrmidon.vnic.sys.Futex;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.layout.SendDescriptor.*;

/**
 * The NIC's firmware loop. Each {@link #doWork()} applies pending table commands from the VMM, then runs one
 * deficit-round-robin round over the VMs with backlogged endpoints (quantum = {@link NicConfiguration#QUANTUM}
 * times the VM's weight; inside a VM its endpoints take turns), executing send descriptors: validate against the
 * protection table, DMA, write completion events. Delivery is without matching: match information travels in the
 * receive event. Per source endpoint descriptors run strictly in ring order, so delivery per peer is ordered.
 * <p>
 * Single threaded: everything here runs on the firmware thread (or the test that steps it).
 */
public final class NicFirmware implements Agent
{
    private static final int DONE = 0;
    private static final int BLOCKED = 1;
    private static final long MAX_DEFICIT = 4L * 1024 * 1024;

    final int nicId;
    final VmContext[] vms = new VmContext[NicConfiguration.MAX_VMS];
    final EndpointContext[] endpoints = new EndpointContext[NicConfiguration.MAX_ENDPOINTS];
    final ProtectionTable table = new ProtectionTable();
    final DmaEngine dma = new DmaEngine(table, NicConfiguration.MAX_VMS);
    final RendezvousTable rendezvous = new RendezvousTable();
    final NicCounters counters;
    private final ManyToOneConcurrentLinkedQueue<Runnable> commands = new ManyToOneConcurrentLinkedQueue<>();
    private final UnsafeBuffer descriptor = new UnsafeBuffer(new byte[SendDescriptor.LENGTH]);
    private static final int MAX_EMPTY_ROUNDS = 1024;
    private Futex futex;
    private int roundCursor;
    private boolean deficitLimited;

    /**
     * @param nicId    this NIC's id, carried in addresses.
     * @param counters where counters go.
     */
    public NicFirmware(final int nicId, final NicCounters counters)
    {
        this.nicId = nicId;
        this.counters = counters;
        for (int i = 0; i < vms.length; i++)
        {
            vms[i] = new VmContext(i);
        }
        for (int i = 0; i < endpoints.length; i++)
        {
            endpoints[i] = new EndpointContext(i);
        }
    }

    @Override
    public String roleName()
    {
        return "nic-" + nicId + "-firmware";
    }

    @Override
    public void onStart()
    {
        futex = new Futex();
    }

    @Override
    public void onClose()
    {
        if (futex != null)
        {
            futex.close();
        }
    }

    /**
     * Queue a table change; it runs on the firmware thread at the start of the next {@link #doWork()}.
     *
     * @param command the change.
     */
    void submit(final Runnable command)
    {
        commands.offer(command);
    }

    @Override
    public int doWork()
    {
        if (futex == null)
        {
            onStart();
        }
        int work = drainCommands();
        int served;
        int rounds = 0;
        do
        {
            deficitLimited = false;
            served = arbitrationRound();
        }
        while (served == 0 && deficitLimited && ++rounds < MAX_EMPTY_ROUNDS); // work conserving: a large
        work += served;                                                       // descriptor must not wait for idling
        if (work > 0)
        {
            counters.addGlobal(CountersDescriptor.NIC_LOOPS_OFFSET, 1);
        }
        return work;
    }

    /**
     * @return true when some endpoint has descriptors waiting or a command is queued (the idle strategy asks
     * this after raising the sleeping flags, before it blocks).
     */
    boolean hasPendingWork()
    {
        if (!commands.isEmpty())
        {
            return true;
        }
        for (final EndpointContext ep : endpoints)
        {
            if (ep.isOpen() && ep.pendingDescriptors() != 0)
            {
                return true;
            }
        }
        return false;
    }

    void setSleeping(final int value)
    {
        for (final EndpointContext ep : endpoints)
        {
            if (ep.isOpen())
            {
                ep.buffer.putIntVolatile(EndpointDescriptor.NIC_SLEEPING_OFFSET, value);
            }
        }
        VarHandle.fullFence(); // Dekker pair with the guest's doorbell: store flag, then load producers
    }

    private int drainCommands()
    {
        int n = 0;
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            command.run();
            n++;
        }
        return n;
    }

    private int arbitrationRound()
    {
        int work = 0;
        int active = 0;
        int backlogged = 0;
        for (int i = 0; i < vms.length; i++)
        {
            final VmContext vm = vms[(roundCursor + i) % vms.length];
            vm.servedThisRound = 0;
            if (!vm.attached || vm.endpointCount == 0)
            {
                continue;
            }
            active++;
            if (!hasBacklog(vm))
            {
                vm.deficit = 0;
                continue;
            }
            vm.deficit = Math.min(MAX_DEFICIT, vm.deficit + (long)NicConfiguration.QUANTUM * vm.weight);
            work += serve(vm);
            if (vm.servedThisRound > 0 && !anyBlocked(vm))
            {
                backlogged++;
            }
        }
        roundCursor = (roundCursor + 1) % vms.length;
        if (active >= 2 && backlogged == active)
        {
            for (final VmContext vm : vms)
            {
                if (vm.servedThisRound > 0)
                {
                    counters.addVm(vm.id, CountersDescriptor.VM_CONTENDED_BYTES, vm.servedThisRound);
                }
            }
        }
        return work;
    }

    private boolean anyBlocked(final VmContext vm)
    {
        for (int i = 0; i < vm.endpointCount; i++)
        {
            if (endpoints[vm.endpoints[i]].blocked)
            {
                return true;
            }
        }
        return false;
    }

    private boolean hasBacklog(final VmContext vm)
    {
        boolean backlog = false;
        for (int i = 0; i < vm.endpointCount; i++)
        {
            final EndpointContext ep = endpoints[vm.endpoints[i]];
            ep.blocked = false;
            if (ep.isOpen())
            {
                final long pending = ep.pendingDescriptors();
                if (pending == EndpointContext.CORRUPT)
                {
                    fault(ep);
                }
                else if (pending > 0)
                {
                    backlog = true;
                }
            }
        }
        return backlog;
    }

    private int serve(final VmContext vm)
    {
        int served = 0;
        int idle = 0;
        while (idle < vm.endpointCount)
        {
            final int slot = vm.nextEndpoint % vm.endpointCount;
            vm.nextEndpoint = slot + 1; // kept small: a counter that wrapped negative would index out of range
            final EndpointContext ep = endpoints[vm.endpoints[slot]];
            if (!ep.isOpen() || ep.blocked)
            {
                idle++;
                continue;
            }
            final long pending = ep.pendingDescriptors();
            if (pending == EndpointContext.CORRUPT)
            {
                fault(ep);
                idle++;
                continue;
            }
            if (pending == 0)
            {
                idle++;
                continue;
            }
            descriptor.putBytes(0, ep.buffer, EndpointDescriptor.sendDescriptorOffset(ep.sendConsumer), LENGTH);
            final long cost = cost(descriptor);
            if (cost > vm.deficit)
            {
                deficitLimited = true;
                return served; // the rest of the deficit carries over to the next round
            }
            if (execute(ep, descriptor) == BLOCKED)
            {
                ep.blocked = true;
                idle++;
                continue;
            }
            if (ep.isOpen())
            {
                ep.consumeDescriptor();
            }
            vm.deficit -= cost;
            served++;
            idle = 0;
        }
        vm.deficit = 0; // nothing eligible left (empty or held up by full receivers): DRR banks no credit
        return served;
    }

    private static long cost(final UnsafeBuffer d)
    {
        final int opcode = d.getInt(OPCODE_OFFSET);
        final long bytes = opcode == OPCODE_PULL ? d.getInt(segmentOffset(0) + SEGMENT_BYTES_OFFSET) :
            opcode == OPCODE_SEND_RENDEZVOUS ? 0 : d.getInt(TOTAL_LENGTH_OFFSET);
        return Math.min(MAX_DEFICIT, Math.max(NicConfiguration.MIN_COST, bytes));
    }

    private int execute(final EndpointContext ep, final UnsafeBuffer d)
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
        final int count = d.getInt(SEGMENT_COUNT_OFFSET);
        rendezvous.srcVm[entry] = ep.vm;
        rendezvous.srcEndpoint[entry] = ep.id;
        rendezvous.srcCookie[entry] = cookie;
        rendezvous.dstEndpoint[entry] = dst.id;
        rendezvous.dstKey[entry] = dst.key;
        rendezvous.length[entry] = (int)total;
        rendezvous.segmentCount[entry] = count;
        for (int i = 0; i < count; i++)
        {
            final int segment = segmentOffset(i);
            final int slot = entry * MAX_SEGMENTS + i;
            rendezvous.segmentKey[slot] = d.getInt(segment + SEGMENT_KEY_OFFSET);
            rendezvous.segmentAt[slot] = d.getLong(segment + SEGMENT_WINDOW_OFFSET_OFFSET);
            rendezvous.segmentBytes[slot] = d.getInt(segment + SEGMENT_BYTES_OFFSET);
        }
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
        if (entry < 0 || rendezvous.dstEndpoint[entry] != ep.id || rendezvous.dstKey[entry] != ep.key)
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
    private long checkSegments(final EndpointContext ep, final UnsafeBuffer d)
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

    private boolean hasEventSpace(final EndpointContext ep)
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
        final UnsafeBuffer b = dst.buffer;
        b.putInt(event + EventDescriptor.TYPE_OFFSET, type);
        b.putInt(event + EventDescriptor.STATUS_OFFSET, Status.OK);
        b.putLong(event + EventDescriptor.MATCH_INFO_OFFSET, matchInfo);
        b.putInt(event + EventDescriptor.SOURCE_ENDPOINT_OFFSET, src.id);
        b.putInt(event + EventDescriptor.SOURCE_NIC_OFFSET, nicId);
        b.putInt(event + EventDescriptor.SOURCE_VM_OFFSET, src.vm);
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

    private int reject(final EndpointContext ep, final long cookie, final int status, final int type)
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
    private void complete(final EndpointContext ep, final int type, final long cookie, final int status, final int length)
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
            if (rendezvous.dstEndpoint[i] == ep.id && rendezvous.dstKey[i] == ep.key)
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
