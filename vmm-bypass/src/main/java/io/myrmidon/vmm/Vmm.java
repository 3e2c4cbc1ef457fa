package io.myrmidon.vmm;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

import io.myrmidon.nic.Nic;
import io.myrmidon.nic.ProtectionTable;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import io.myrmidon.vnic.sys.FileDescriptors;
import io.myrmidon.vnic.sys.SharedMemory;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.protocol.ControlProtocol.*;

/**
 * The hypervisor's control plane for one host: VM slots, endpoint ownership and quotas, guest memory creation,
 * window range checks, and the only caller of the NIC's table operations. Control operations are serialised by
 * one lock (they are rare); mediated posts take the lock too, which is part of what makes mediated mode slow.
 * <p>
 * Thread safe.
 */
public final class Vmm
{
    /** Endpoint mode numbers, shared with the guest driver's {@code EndpointMode} ordinals. */
    static final int MODE_NATIVE = 0;
    static final int MODE_BYPASS = 1;
    static final int MODE_MEDIATED = 2;
    static final int DEFAULT_QUOTA = 8;
    static final long MAX_MEMORY = 1L << 30;

    private final Nic nic;
    private final AtomicBuffer counters;
    private final VmSlot[] vms = new VmSlot[CountersDescriptor.MAX_VMS];
    private final int[] endpointOwner = new int[CountersDescriptor.MAX_ENDPOINTS];
    private final int[] endpointKey = new int[CountersDescriptor.MAX_ENDPOINTS];
    private final int[] endpointMode = new int[CountersDescriptor.MAX_ENDPOINTS];
    private final int[] endpointFd = new int[CountersDescriptor.MAX_ENDPOINTS];
    private final long[] mediatedProducer = new long[CountersDescriptor.MAX_ENDPOINTS];
    private final MemorySegment[] endpointPages = new MemorySegment[CountersDescriptor.MAX_ENDPOINTS];
    private final UnsafeBuffer[] endpointBuffers = new UnsafeBuffer[CountersDescriptor.MAX_ENDPOINTS];

    /**
     * @param nic      the host's NIC.
     * @param counters the host's counters file (the VMM adds to VMM_OPS and DRIVER_OPS).
     */
    public Vmm(final Nic nic, final AtomicBuffer counters)
    {
        this.nic = nic;
        this.counters = counters;
        for (int i = 0; i < vms.length; i++)
        {
            vms[i] = new VmSlot(i);
        }
        java.util.Arrays.fill(endpointOwner, -1);
        java.util.Arrays.fill(endpointFd, -1);
    }

    /**
     * @return the NIC this VMM controls.
     */
    public Nic nic()
    {
        return nic;
    }

    /**
     * Count one control operation: a VMM operation, or for a native host process a host driver operation.
     *
     * @param nativeProcess true when the caller is a native host process.
     */
    void countOperation(final boolean nativeProcess)
    {
        counters.getAndAddLong(
            nativeProcess ? CountersDescriptor.DRIVER_OPS_OFFSET : CountersDescriptor.VMM_OPS_OFFSET, 1);
    }

    /**
     * Attach a VM whose memory the VMM creates.
     *
     * @param memoryBytes guest memory size.
     * @return the slot.
     */
    synchronized VmSlot attachGuest(final long memoryBytes)
    {
        checkMemorySize(memoryBytes);
        final VmSlot slot = freeSlot();
        final int fd = SharedMemory.createMemFd("myrmidon-guest-" + slot.id, memoryBytes);
        try
        {
            nic.attachVm(slot.id, fd, memoryBytes, 1, DEFAULT_QUOTA);
        }
        catch (final RuntimeException e)
        {
            FileDescriptors.close(fd);
            throw e;
        }
        occupy(slot, KIND_GUEST, fd, memoryBytes);
        return slot;
    }

    /**
     * Attach a native host process that brings its own memory file.
     *
     * @param fd          its memory file (owned by the VMM from now on).
     * @param memoryBytes the size it claims.
     * @return the slot.
     */
    synchronized VmSlot attachNative(final int fd, final long memoryBytes)
    {
        checkMemorySize(memoryBytes);
        if (fd < 0)
        {
            throw new VmmException(BAD_REQUEST, "native attach must pass its memory file descriptor");
        }
        if (!SharedMemory.isSealedAgainstShrink(fd) || SharedMemory.sizeOf(fd) < memoryBytes)
        {
            throw new VmmException(BAD_REQUEST, "native memory must be a memfd sealed against shrinking and at least " +
                memoryBytes + " bytes (create it with SharedMemory.createMemFd)");
        }
        final VmSlot slot = freeSlot();
        nic.attachVm(slot.id, fd, memoryBytes, 2, DEFAULT_QUOTA);
        occupy(slot, KIND_NATIVE, fd, memoryBytes);
        return slot;
    }

    /**
     * Detach a VM (on request or because its connection closed): revoke its endpoints and windows in the NIC,
     * then release its memory.
     *
     * @param vm slot id.
     */
    synchronized void detach(final int vm)
    {
        final VmSlot slot = vms[vm];
        if (!slot.attached)
        {
            return;
        }
        nic.detachVm(vm);
        for (int ep = 0; ep < endpointOwner.length; ep++)
        {
            if (endpointOwner[ep] == vm)
            {
                releaseEndpoint(ep);
            }
        }
        FileDescriptors.close(slot.memoryFd);
        slot.memoryFd = -1;
        slot.attached = false;
        slot.endpoints = 0;
    }

    synchronized int openEndpoint(final int vm, final int mode)
    {
        final VmSlot slot = vms[vm];
        final boolean nativeVm = slot.kind == KIND_NATIVE;
        if (mode < MODE_NATIVE || mode > MODE_MEDIATED || (mode == MODE_NATIVE) != nativeVm)
        {
            throw new VmmException(BAD_REQUEST, "endpoint mode " + mode + " is not valid for a " +
                (nativeVm ? "native host process (use native)" : "guest (use bypass or mediated)"));
        }
        if (slot.endpoints >= slot.quota)
        {
            throw new VmmException(QUOTA_EXCEEDED, "VM " + vm + " already has " + slot.endpoints +
                " endpoints open, its quota; close one first or ask the administrator for a larger quota");
        }
        int ep = -1;
        for (int i = 0; i < endpointOwner.length && ep < 0; i++)
        {
            ep = endpointOwner[i] < 0 ? i : -1;
        }
        if (ep < 0)
        {
            throw new VmmException(EXHAUSTED, "all " + endpointOwner.length + " endpoint contexts of the NIC are in use");
        }
        final int fd = SharedMemory.createMemFd("myrmidon-endpoint-" + ep, EndpointDescriptor.TOTAL_LENGTH);
        final MemorySegment pages = SharedMemory.map(fd, EndpointDescriptor.TOTAL_LENGTH);
        final UnsafeBuffer buffer = new UnsafeBuffer(pages.address(), EndpointDescriptor.TOTAL_LENGTH);
        final int key = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        buffer.putInt(EndpointDescriptor.ENDPOINT_ID_OFFSET, ep);
        buffer.putInt(EndpointDescriptor.KEY_OFFSET, key);
        buffer.putInt(EndpointDescriptor.VM_ID_OFFSET, vm);
        buffer.putInt(EndpointDescriptor.NIC_ID_OFFSET, nic.id());
        nic.openEndpoint(vm, ep, key, mode, fd);
        endpointOwner[ep] = vm;
        endpointKey[ep] = key;
        endpointMode[ep] = mode;
        endpointFd[ep] = fd;
        endpointPages[ep] = pages;
        endpointBuffers[ep] = buffer;
        mediatedProducer[ep] = 0;
        slot.endpoints++;
        return ep;
    }

    synchronized int endpointKey(final int ep)
    {
        return endpointKey[ep];
    }

    synchronized int endpointFd(final int ep)
    {
        return endpointFd[ep];
    }

    synchronized void closeEndpoint(final int vm, final int ep)
    {
        checkOwnedEndpoint(vm, ep);
        nic.closeEndpoint(vm, ep);
        releaseEndpoint(ep);
        vms[vm].endpoints--;
    }

    synchronized int registerWindow(final int vm, final long offset, final long length, final int rights)
    {
        final long memory = vms[vm].memoryBytes;
        if (offset < 0 || length <= 0 || offset > memory || length > memory - offset)
        {
            throw new VmmException(OUT_OF_RANGE, "window [" + offset + ", +" + length +
                ") is not inside this VM's guest memory of " + memory + " bytes");
        }
        if (rights == 0 || (rights & ~(ProtectionTable.READ | ProtectionTable.WRITE)) != 0)
        {
            throw new VmmException(BAD_REQUEST, "rights must be READ (1), WRITE (2) or both (3), got " + rights);
        }
        final int key = nic.registerWindow(vm, offset, length, rights);
        if (key < 0)
        {
            throw new VmmException(EXHAUSTED, "the NIC's protection table is full; deregister windows first");
        }
        return key;
    }

    synchronized void deregisterWindow(final int vm, final int key)
    {
        if (!nic.deregisterWindow(vm, key))
        {
            throw new VmmException(NOT_FOUND, "window key " + key + " is not a registered window of VM " + vm);
        }
    }

    synchronized int resolve(final int nicId, final int ep)
    {
        if (nicId != nic.id() || ep < 0 || ep >= endpointOwner.length || endpointOwner[ep] < 0)
        {
            throw new VmmException(NOT_FOUND, "no open endpoint " + ep + " on NIC " + nicId);
        }
        return endpointKey[ep];
    }

    /**
     * Mediated mode: copy the guest's descriptor into the endpoint's send ring and ring the doorbell, as the
     * back end of a split driver would.
     */
    synchronized void post(final int vm, final int ep, final UnsafeBuffer request, final int descriptorOffset)
    {
        checkOwnedEndpoint(vm, ep);
        if (endpointMode[ep] != MODE_MEDIATED)
        {
            throw new VmmException(FORBIDDEN, "endpoint " + ep + " is not in mediated mode; post to its ring directly");
        }
        final UnsafeBuffer ring = endpointBuffers[ep];
        final long producer = mediatedProducer[ep];
        if (producer - ring.getLongAcquire(EndpointDescriptor.SEND_CONSUMER_OFFSET) >=
            EndpointDescriptor.SEND_RING_CAPACITY)
        {
            throw new VmmException(BACK_PRESSURE, "send ring of endpoint " + ep + " is full");
        }
        ring.putBytes(EndpointDescriptor.sendDescriptorOffset(producer), request, descriptorOffset,
            SendDescriptor.LENGTH);
        mediatedProducer[ep] = producer + 1;
        ring.putLongRelease(EndpointDescriptor.SEND_PRODUCER_OFFSET, producer + 1); // NIC's getLongAcquire
        VarHandle.fullFence();
        if (ring.getIntVolatile(EndpointDescriptor.NIC_SLEEPING_OFFSET) != 0)
        {
            nic.ringDoorbell();
        }
    }

    synchronized void setWeight(final int vm, final int weight)
    {
        checkAttached(vm);
        if (weight < 1 || weight > 1024)
        {
            throw new VmmException(BAD_REQUEST, "weight must be between 1 and 1024, got " + weight);
        }
        nic.setWeight(vm, weight);
    }

    synchronized void setQuota(final int vm, final int quota)
    {
        checkAttached(vm);
        if (quota < 0 || quota > CountersDescriptor.MAX_ENDPOINTS)
        {
            throw new VmmException(BAD_REQUEST, "quota must be between 0 and " + CountersDescriptor.MAX_ENDPOINTS);
        }
        vms[vm].quota = quota;
        counters.putLongRelease(CountersDescriptor.vmRecord(vm) + CountersDescriptor.VM_QUOTA, quota);
    }

    AtomicBuffer counters()
    {
        return counters;
    }

    private void checkAttached(final int vm)
    {
        if (vm < 0 || vm >= vms.length || !vms[vm].attached)
        {
            throw new VmmException(NOT_FOUND, "no attached VM " + vm);
        }
    }

    private void checkOwnedEndpoint(final int vm, final int ep)
    {
        if (ep < 0 || ep >= endpointOwner.length || endpointOwner[ep] != vm)
        {
            throw new VmmException(FORBIDDEN, "endpoint " + ep + " is not an open endpoint of VM " + vm);
        }
    }

    private void releaseEndpoint(final int ep)
    {
        SharedMemory.unmap(endpointPages[ep]);
        FileDescriptors.close(endpointFd[ep]);
        endpointOwner[ep] = -1;
        endpointFd[ep] = -1;
        endpointPages[ep] = null;
        endpointBuffers[ep] = null;
    }

    private static void checkMemorySize(final long memoryBytes)
    {
        if (memoryBytes < 4096 || memoryBytes > MAX_MEMORY || (memoryBytes & 4095) != 0)
        {
            throw new VmmException(BAD_REQUEST, "guest memory must be a multiple of 4096 between 4 KiB and " +
                MAX_MEMORY + " bytes, got " + memoryBytes);
        }
    }

    private VmSlot freeSlot()
    {
        for (final VmSlot slot : vms)
        {
            if (!slot.attached)
            {
                return slot;
            }
        }
        throw new VmmException(EXHAUSTED, "all " + vms.length + " VM slots of this host are in use");
    }

    private static void occupy(final VmSlot slot, final int kind, final int fd, final long memoryBytes)
    {
        slot.attached = true;
        slot.kind = kind;
        slot.memoryFd = fd;
        slot.memoryBytes = memoryBytes;
        slot.quota = DEFAULT_QUOTA;
        slot.endpoints = 0;
    }
}
