package io.myrmidon.guest;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.sys.EventFd;
import io.myrmidon.vnic.sys.FileDescriptors;
import io.myrmidon.vnic.sys.SharedMemory;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.protocol.ControlProtocol.*;

/**
 * The guest's virtual NIC driver: one per VM (one per guest process here). It attaches to the host's VMM over
 * the control socket, maps the guest memory the VMM hands it (or, for a native host process, hands its own),
 * registers windows and opens endpoints. It reaches the NIC only through the control socket and the shared
 * memory it was given.
 * <p>
 * Thread safe for control operations. Each {@link GuestEndpoint} is used by one thread at a time.
 * <p>
 * Buffers: all data the NIC reads or writes lies in {@link #memory()} inside registered windows; the guest owns
 * that memory and must not change a range that a posted send reads until that send's completion arrives.
 */
public final class GuestDriver implements AutoCloseable
{
    /** Window right: the NIC may read it (send source). */
    public static final int READ = 1;
    /** Window right: the NIC may write it (pull destination). */
    public static final int WRITE = 2;
    /** Default guest memory size. */
    public static final long DEFAULT_MEMORY = 64L * 1024 * 1024;

    private final ControlClient client;
    private final int vm;
    private final int nic;
    private final int memoryFd;
    private final MemorySegment memory;
    private final UnsafeBuffer memoryBuffer;
    private final EventFd doorbell;
    private final boolean nativeProcess;

    private GuestDriver(final Path socket, final long memoryBytes, final boolean nativeProcess)
    {
        this.nativeProcess = nativeProcess;
        client = new ControlClient(socket);
        try
        {
            synchronized (client)
            {
                final UnsafeBuffer request = client.begin(ATTACH);
                request.putLong(BODY_OFFSET, memoryBytes);
                request.putInt(BODY_OFFSET + 8, nativeProcess ? KIND_NATIVE : KIND_GUEST);
                final DirectBuffer response;
                if (nativeProcess)
                {
                    final int ownFd = SharedMemory.createMemFd("myrmidon-native-memory", memoryBytes);
                    try
                    {
                        response = client.call(12, ownFd);
                    }
                    catch (final RuntimeException e)
                    {
                        FileDescriptors.close(ownFd);
                        throw e;
                    }
                    memoryFd = ownFd;
                    doorbell = EventFd.adopt(client.receivedFd(0));
                }
                else
                {
                    response = client.call(12);
                    memoryFd = client.receivedFd(0);
                    doorbell = EventFd.adopt(client.receivedFd(1));
                }
                vm = response.getInt(BODY_OFFSET);
                nic = response.getInt(BODY_OFFSET + 4);
            }
            memory = SharedMemory.map(memoryFd, memoryBytes);
            memoryBuffer = new UnsafeBuffer(memory.address(), (int)Math.min(Integer.MAX_VALUE, memoryBytes));
        }
        catch (final RuntimeException e)
        {
            client.close();
            throw e;
        }
    }

    /**
     * Attach as a VM: the VMM creates the guest memory.
     *
     * @param socket      the host's VMM socket.
     * @param memoryBytes guest memory size (multiple of 4096).
     * @return the driver.
     */
    public static GuestDriver attach(final Path socket, final long memoryBytes)
    {
        return new GuestDriver(socket, memoryBytes, false);
    }

    /**
     * Attach as a native host process: it creates its own memory and only the host driver is involved.
     *
     * @param socket      the host's socket.
     * @param memoryBytes memory size.
     * @return the driver.
     */
    public static GuestDriver attachNative(final Path socket, final long memoryBytes)
    {
        return new GuestDriver(socket, memoryBytes, true);
    }

    /**
     * @return the VM id the VMM assigned.
     */
    public int vmId()
    {
        return vm;
    }

    /**
     * @return the NIC id.
     */
    public int nicId()
    {
        return nic;
    }

    /**
     * @return the guest memory, as a segment.
     */
    public MemorySegment memory()
    {
        return memory;
    }

    /**
     * @return the guest memory, as an Agrona buffer (first 2 GiB).
     */
    public UnsafeBuffer memoryBuffer()
    {
        return memoryBuffer;
    }

    /**
     * Register a window the NIC may access. It must lie inside this VM's guest memory.
     *
     * @param offset start in guest memory.
     * @param length bytes.
     * @param rights {@link #READ} | {@link #WRITE}.
     * @return the window.
     */
    public Window registerWindow(final long offset, final long length, final int rights)
    {
        synchronized (client)
        {
            final UnsafeBuffer request = client.begin(REGISTER_WINDOW);
            request.putLong(BODY_OFFSET, offset);
            request.putLong(BODY_OFFSET + 8, length);
            request.putInt(BODY_OFFSET + 16, rights);
            final int key = client.call(20).getInt(BODY_OFFSET);
            return new Window(key, offset, length, rights);
        }
    }

    /**
     * @param window a window of this VM; sends or pulls still using it complete with an error.
     */
    public void deregisterWindow(final Window window)
    {
        deregisterWindow(window.key());
    }

    /**
     * @param key a window key.
     */
    public void deregisterWindow(final int key)
    {
        synchronized (client)
        {
            client.begin(DEREGISTER_WINDOW).putInt(BODY_OFFSET, key);
            client.call(4);
        }
    }

    /**
     * Open an endpoint.
     *
     * @param mode {@link EndpointMode#BYPASS} or {@link EndpointMode#MEDIATED} for a VM,
     *             {@link EndpointMode#NATIVE} for a native host process.
     * @return the endpoint, mapped and ready.
     */
    public GuestEndpoint openEndpoint(final EndpointMode mode)
    {
        final int id;
        final int key;
        final int fd;
        synchronized (client)
        {
            client.begin(OPEN_ENDPOINT).putInt(BODY_OFFSET, mode.ordinal());
            final DirectBuffer response = client.call(4);
            id = response.getInt(BODY_OFFSET);
            key = response.getInt(BODY_OFFSET + 4);
            fd = client.receivedFd(0);
        }
        final MemorySegment pages;
        try
        {
            pages = SharedMemory.map(fd, EndpointDescriptor.TOTAL_LENGTH);
        }
        finally
        {
            FileDescriptors.close(fd);
        }
        return new GuestEndpoint(this, new PeerAddress(nic, id, key), mode, pages, doorbell);
    }

    /**
     * Look up a peer endpoint's key (MX's connect).
     *
     * @param nicId    its NIC.
     * @param endpoint its id.
     * @return its full address.
     */
    public PeerAddress resolve(final int nicId, final int endpoint)
    {
        synchronized (client)
        {
            final UnsafeBuffer request = client.begin(RESOLVE);
            request.putInt(BODY_OFFSET, nicId);
            request.putInt(BODY_OFFSET + 4, endpoint);
            return new PeerAddress(nicId, endpoint, client.call(8).getInt(BODY_OFFSET));
        }
    }

    /**
     * @param field a {@link io.myrmidon.vnic.layout.CountersDescriptor} VM_* field offset.
     * @return this VM's counter, as the VMM reports it.
     */
    public long statistic(final int field)
    {
        synchronized (client)
        {
            client.begin(STATS);
            return client.call(0).getLong(BODY_OFFSET + 8 + field);
        }
    }

    /**
     * Close an endpoint of this VM by id ({@link GuestEndpoint#close()} calls this). The VMM refuses ids of
     * endpoints this VM does not own.
     *
     * @param endpoint endpoint id.
     */
    public void closeEndpoint(final int endpoint)
    {
        synchronized (client)
        {
            client.begin(CLOSE_ENDPOINT).putInt(BODY_OFFSET, endpoint);
            client.call(4);
        }
    }

    /**
     * Mediated mode: hand a descriptor to the VMM.
     *
     * @return false when the ring is full (back pressure).
     */
    boolean postThroughVmm(final int endpoint, final DirectBuffer descriptor)
    {
        synchronized (client)
        {
            final UnsafeBuffer request = client.begin(POST);
            request.putInt(BODY_OFFSET, endpoint);
            request.putBytes(BODY_OFFSET + 8, descriptor, 0, descriptor.capacity());
            return client.callAllowingBackPressure(8 + descriptor.capacity()) == OK;
        }
    }

    /**
     * @return true for a native host process.
     */
    public boolean isNative()
    {
        return nativeProcess;
    }

    /**
     * Detach: the VMM revokes endpoints and windows; the memory is unmapped.
     */
    @Override
    public void close()
    {
        client.close();
        doorbell.close();
        SharedMemory.unmap(memory);
        FileDescriptors.close(memoryFd);
    }
}
