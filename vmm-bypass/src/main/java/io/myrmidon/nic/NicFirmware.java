package io.myrmidon.nic;

import java.lang.invoke.VarHandle;

import io.myrmidon.nic.wire.WireLink;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
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
 * {@link DescriptorEngine} executes each descriptor; this class decides whose descriptor runs next.
 * <p>
 * Single threaded: everything here runs on the firmware thread (or the test that steps it).
 */
public final class NicFirmware implements Agent
{
    private static final long MAX_DEFICIT = 4L * 1024 * 1024;

    final int nicId;
    final VmContext[] vms = new VmContext[NicConfiguration.MAX_VMS];
    final EndpointContext[] endpoints = new EndpointContext[NicConfiguration.MAX_ENDPOINTS];
    final ProtectionTable table = new ProtectionTable();
    final DmaEngine dma = new DmaEngine(table, NicConfiguration.MAX_VMS);
    final RendezvousTable rendezvous = new RendezvousTable();
    final NicCounters counters;
    private final DescriptorEngine engine;
    private final WireLink link;
    private final WireAdapter wireAdapter;
    private final PullResponder pullResponder;
    private final ManyToOneConcurrentLinkedQueue<Runnable> commands = new ManyToOneConcurrentLinkedQueue<>();
    private final UnsafeBuffer descriptor = new UnsafeBuffer(new byte[SendDescriptor.LENGTH]);
    private static final int MAX_EMPTY_ROUNDS = 1024;
    private static final long PEER_CHECK_INTERVAL_NS = 100_000_000L;
    private long nextPeerCheckNs;
    private Futex futex;
    private int roundCursor;
    private boolean deficitLimited;

    /**
     * @param nicId    this NIC's id, carried in addresses.
     * @param counters where counters go.
     */
    public NicFirmware(final int nicId, final NicCounters counters)
    {
        this(nicId, counters, null);
    }

    /**
     * @param nicId    this NIC's id, carried in addresses.
     * @param counters where counters go.
     * @param link     the wire to other hosts' NICs, or null for a NIC that switches locally only; the firmware
     *                 owns it from now on (polls it, closes it).
     */
    public NicFirmware(final int nicId, final NicCounters counters, final WireLink link)
    {
        this.nicId = nicId;
        this.link = link;
        this.counters = counters;
        for (int i = 0; i < vms.length; i++)
        {
            vms[i] = new VmContext(i);
        }
        for (int i = 0; i < endpoints.length; i++)
        {
            endpoints[i] = new EndpointContext(i);
        }
        engine = new DescriptorEngine(nicId, vms, endpoints, dma, rendezvous, counters);
        counters.setGlobal(CountersDescriptor.NIC_ID_OFFSET, nicId);
        if (link != null)
        {
            if (link.localNic() != nicId)
            {
                throw new IllegalArgumentException("the wire link is NIC " + link.localNic() + "'s, not NIC " + nicId +
                    "'s");
            }
            final RemoteEndpointProxy proxy = new RemoteEndpointProxy(engine, link, dma, rendezvous, counters, vms);
            engine.remote(proxy);
            pullResponder = new PullResponder(engine, proxy, link, dma, rendezvous, endpoints, counters);
            wireAdapter = new WireAdapter(engine, proxy, pullResponder, endpoints, dma, rendezvous, counters);
        }
        else
        {
            pullResponder = null;
            wireAdapter = null;
        }
    }

    /**
     * @return the wire, or null when this NIC is not linked to other hosts.
     */
    WireLink link()
    {
        return link;
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
        engine.futex(futex);
        if (wireAdapter != null)
        {
            wireAdapter.futex(futex);
        }
    }

    @Override
    public void onClose()
    {
        if (futex != null)
        {
            futex.close();
        }
        if (link != null)
        {
            link.close();
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
        if (link != null)
        {
            work += pollWire();
        }
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

    private int pollWire()
    {
        final long now = System.nanoTime();
        final int work = link.poll(wireAdapter, now) + pullResponder.doWork();
        if (now - nextPeerCheckNs >= 0)
        {
            nextPeerCheckNs = now + PEER_CHECK_INTERVAL_NS;
            for (int peer = link.checkUnreachable(now); peer >= 0; peer = link.checkUnreachable(now))
            {
                System.err.println("nic " + nicId + ": NIC " + peer + " acknowledged nothing for " +
                    WireLink.PEER_TIMEOUT_NS / 1_000_000 + " ms: unreachable; its transfers end with PEER_GONE");
                wireAdapter.peerLost(peer);
                pullResponder.peerLost(peer);
            }
        }
        if (work > 0)
        {
            counters.setGlobal(CountersDescriptor.WIRE_SENT_OFFSET, link.framesSent());
            counters.setGlobal(CountersDescriptor.WIRE_RECEIVED_OFFSET, link.framesReceived());
            counters.setGlobal(CountersDescriptor.WIRE_RETRANSMITTED_OFFSET, link.retransmissions());
            counters.setGlobal(CountersDescriptor.WIRE_DUPLICATES_OFFSET, link.duplicatesDropped());
        }
        return work;
    }

    /**
     * @return true when the wire has frames awaiting acknowledgement, frames held back, or pulls to serve: the
     * firmware may then sleep only until the next retransmission check.
     */
    boolean wireBusy()
    {
        return link != null && (link.busy() || pullResponder.busy());
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
            if (engine.execute(ep, descriptor) == DescriptorEngine.BLOCKED)
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

    void fault(final EndpointContext ep)
    {
        engine.fault(ep);
    }

    void cancelRendezvous(final EndpointContext ep)
    {
        engine.cancelRendezvous(ep);
    }
}
