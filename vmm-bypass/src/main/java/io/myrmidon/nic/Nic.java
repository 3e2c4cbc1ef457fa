package io.myrmidon.nic;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.myrmidon.nic.wire.WireLink;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.sys.EventFd;
import io.myrmidon.vnic.sys.SharedMemory;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AtomicBuffer;

/**
 * One software Myri-10G NIC: the firmware {@link NicFirmware} on its own thread, its doorbell eventfd, and the
 * table operations the VMM (and only the VMM) calls. Each operation is applied by the firmware thread between
 * descriptors and this call waits for it, so when it returns the NIC already enforces the change.
 * <p>
 * Thread safe: any number of VMM threads may call the table operations.
 */
public final class Nic implements AutoCloseable
{
    private static final long COMMAND_TIMEOUT_MS = 5_000;

    private final NicFirmware firmware;
    private final EventFd doorbell;
    private final AgentRunner runner;

    /**
     * @param nicId    id carried in endpoint addresses.
     * @param counters the counters file.
     */
    public Nic(final int nicId, final AtomicBuffer counters)
    {
        this(nicId, counters, null);
    }

    /**
     * @param nicId    id carried in endpoint addresses.
     * @param counters the counters file.
     * @param link     the wire to other hosts' NICs (owned and closed by the NIC from now on), or null.
     */
    public Nic(final int nicId, final AtomicBuffer counters, final WireLink link)
    {
        doorbell = EventFd.create();
        firmware = new NicFirmware(nicId, new NicCounters(counters), link);
        runner = new AgentRunner(
            new DoorbellIdleStrategy(firmware, doorbell), Throwable::printStackTrace, null, firmware);
        final Thread thread = new Thread(runner, firmware.roleName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return the NIC id.
     */
    public int id()
    {
        return firmware.nicId;
    }

    /**
     * @return the doorbell eventfd: handed to guests, who signal it when the firmware sleeps.
     */
    public EventFd doorbell()
    {
        return doorbell;
    }

    /**
     * Map a VM's guest memory into the NIC.
     *
     * @param vm     VM slot.
     * @param fd     its memory file (the NIC maps it; the caller keeps and later closes the descriptor).
     * @param length its size.
     * @param state  {@link CountersDescriptor#VM_STATE} value: 1 guest, 2 native host process.
     * @param quota  endpoint quota (for the counters).
     */
    public void attachVm(final int vm, final int fd, final long length, final int state, final int quota)
    {
        final MemorySegment memory = SharedMemory.map(fd, length);
        call(() ->
        {
            final VmContext context = firmware.vms[vm];
            context.attached = true;
            context.weight = 1;
            context.deficit = 0;
            context.memory = memory;
            context.endpointCount = 0;
            firmware.dma.memory(vm, memory);
            firmware.counters.clearVm(vm);
            firmware.counters.setVm(vm, CountersDescriptor.VM_STATE, state);
            firmware.counters.setVm(vm, CountersDescriptor.VM_WEIGHT, 1);
            firmware.counters.setVm(vm, CountersDescriptor.VM_QUOTA, quota);
            firmware.counters.setVm(vm, CountersDescriptor.VM_MEMORY_BYTES, length);
            return 0;
        });
    }

    /**
     * Revoke everything a VM has (endpoints, windows, rendezvous) and unmap its memory. Peers get error
     * completions for operations that involve it.
     *
     * @param vm VM slot.
     */
    public void detachVm(final int vm)
    {
        final MemorySegment memory = call(() ->
        {
            final VmContext context = firmware.vms[vm];
            for (final EndpointContext ep : firmware.endpoints)
            {
                if (ep.state != EndpointContext.FREE && ep.vm == vm)
                {
                    revoke(ep);
                }
            }
            final int windows = firmware.table.removeAll(vm);
            firmware.counters.addGlobal(CountersDescriptor.WINDOWS_OFFSET, -windows);
            context.attached = false;
            context.endpointCount = 0;
            firmware.dma.memory(vm, null);
            final MemorySegment old = context.memory;
            context.memory = null;
            firmware.counters.clearVm(vm);
            return old;
        });
        if (memory != null)
        {
            SharedMemory.unmap(memory);
        }
    }

    /**
     * Give an endpoint context to a VM.
     *
     * @param vm       owner.
     * @param endpoint endpoint id (chosen by the VMM, currently free).
     * @param key      its key, which senders must name.
     * @param mode     mode number, for the counters.
     * @param fd       its pages (mapped by the NIC here).
     */
    public void openEndpoint(final int vm, final int endpoint, final int key, final int mode, final int fd)
    {
        final MemorySegment pages = SharedMemory.map(fd, EndpointDescriptor.TOTAL_LENGTH);
        call(() ->
        {
            final EndpointContext ep = firmware.endpoints[endpoint];
            ep.open(vm, key, mode, pages);
            firmware.vms[vm].addEndpoint(endpoint);
            firmware.counters.clearEndpoint(endpoint);
            firmware.counters.setEndpoint(endpoint, CountersDescriptor.EP_STATE, EndpointContext.OPEN);
            firmware.counters.setEndpoint(endpoint, CountersDescriptor.EP_VM, vm);
            firmware.counters.setEndpoint(endpoint, CountersDescriptor.EP_MODE, mode);
            firmware.counters.setEndpoint(endpoint, CountersDescriptor.EP_KEY, key);
            firmware.counters.addVm(vm, CountersDescriptor.VM_ENDPOINTS, 1);
            return 0;
        });
    }

    /**
     * Close an endpoint: no more descriptors are taken from it, pending rendezvous get errors.
     *
     * @param vm       owner (checked).
     * @param endpoint endpoint id.
     * @return false when the endpoint is not open or not the VM's.
     */
    public boolean closeEndpoint(final int vm, final int endpoint)
    {
        return call(() ->
        {
            final EndpointContext ep = firmware.endpoints[endpoint];
            if (ep.state == EndpointContext.FREE || ep.vm != vm)
            {
                return false;
            }
            revoke(ep);
            return true;
        });
    }

    /**
     * @param vm     owner.
     * @param offset start in the VM's memory (checked by the VMM to lie inside it).
     * @param length bytes.
     * @param rights {@link ProtectionTable#READ} | {@link ProtectionTable#WRITE}.
     * @return the window key, or -1 when the table is full.
     */
    public int registerWindow(final int vm, final long offset, final long length, final int rights)
    {
        return call(() ->
        {
            final int key = firmware.table.add(vm, offset, length, rights);
            if (key > 0)
            {
                firmware.counters.addVm(vm, CountersDescriptor.VM_WINDOWS, 1);
                firmware.counters.addGlobal(CountersDescriptor.WINDOWS_OFFSET, 1);
            }
            return key;
        });
    }

    /**
     * @param vm  owner.
     * @param key window key.
     * @return false when the key is not a live window of that VM.
     */
    public boolean deregisterWindow(final int vm, final int key)
    {
        return call(() ->
        {
            final boolean removed = firmware.table.remove(key, vm);
            if (removed)
            {
                firmware.counters.addVm(vm, CountersDescriptor.VM_WINDOWS, -1);
                firmware.counters.addGlobal(CountersDescriptor.WINDOWS_OFFSET, -1);
            }
            return removed;
        });
    }

    /**
     * @param vm     VM slot.
     * @param weight arbitration weight, at least 1.
     */
    public void setWeight(final int vm, final int weight)
    {
        call(() ->
        {
            firmware.vms[vm].weight = weight;
            firmware.counters.setVm(vm, CountersDescriptor.VM_WEIGHT, weight);
            return 0;
        });
    }

    /**
     * Signal the firmware (the doorbell path for the VMM in mediated mode).
     */
    public void ringDoorbell()
    {
        doorbell.signal();
    }

    @Override
    public void close()
    {
        runner.close();
        doorbell.close();
    }

    private void revoke(final EndpointContext ep)
    {
        firmware.cancelRendezvous(ep);
        firmware.vms[ep.vm].removeEndpoint(ep.id);
        firmware.counters.addVm(ep.vm, CountersDescriptor.VM_ENDPOINTS, -1);
        firmware.counters.clearEndpoint(ep.id);
        final MemorySegment pages = ep.pages;
        ep.free();
        SharedMemory.unmap(pages);
    }

    private <T> T call(final Supplier<T> command)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        firmware.submit(() ->
        {
            try
            {
                result.complete(command.get());
            }
            catch (final Throwable t)
            {
                result.completeExceptionally(t);
            }
        });
        doorbell.signal();
        try
        {
            return result.get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final Exception e)
        {
            throw new IllegalStateException("NIC firmware did not apply a table command within " +
                COMMAND_TIMEOUT_MS + " ms (is the firmware thread alive?)", e);
        }
    }
}
