package io.myrmidon.nic;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A NIC firmware stepped by hand in one thread, with VM memories and endpoint pages from an arena, and a
 * minimal guest side for each endpoint (post raw descriptors, consume events).
 */
final class SteppedNic implements AutoCloseable
{
    final Arena arena = Arena.ofConfined();
    final UnsafeBuffer counters = new UnsafeBuffer(
        arena.allocate(CountersDescriptor.TOTAL_LENGTH, 64).address(), CountersDescriptor.TOTAL_LENGTH);
    final NicFirmware nic;
    final MemorySegment[] memory = new MemorySegment[NicConfiguration.MAX_VMS];
    final UnsafeBuffer[] pages = new UnsafeBuffer[NicConfiguration.MAX_ENDPOINTS];
    private final long[] producers = new long[NicConfiguration.MAX_ENDPOINTS];
    private final long[] consumers = new long[NicConfiguration.MAX_ENDPOINTS];
    private final long[] released = new long[NicConfiguration.MAX_ENDPOINTS];

    SteppedNic()
    {
        this(0, null);
    }

    /**
     * @param nicId this NIC's id.
     * @param link  its wire to other NICs, or null.
     */
    SteppedNic(final int nicId, final io.myrmidon.nic.wire.WireLink link)
    {
        nic = new NicFirmware(nicId, new NicCounters(counters), link);
    }

    void attach(final int vm, final int bytes, final int weight)
    {
        memory[vm] = arena.allocate(bytes, 4096);
        nic.vms[vm].attached = true;
        nic.vms[vm].weight = weight;
        nic.vms[vm].memory = memory[vm];
        nic.dma.memory(vm, memory[vm]);
    }

    void open(final int vm, final int endpoint)
    {
        final MemorySegment endpointPages = arena.allocate(EndpointDescriptor.TOTAL_LENGTH, 4096);
        nic.endpoints[endpoint].open(vm, key(endpoint), 1, endpointPages);
        nic.vms[vm].addEndpoint(endpoint);
        pages[endpoint] = new UnsafeBuffer(endpointPages.address(), EndpointDescriptor.TOTAL_LENGTH);
    }

    static int key(final int endpoint)
    {
        return 1000 + endpoint;
    }

    int window(final int vm, final long offset, final long length, final int rights)
    {
        return nic.table.add(vm, offset, length, rights);
    }

    boolean canPost(final int endpoint)
    {
        return producers[endpoint] - pages[endpoint].getLongAcquire(EndpointDescriptor.SEND_CONSUMER_OFFSET) <
            EndpointDescriptor.SEND_RING_CAPACITY;
    }

    /**
     * Post a one-segment descriptor.
     */
    void post(final int endpoint, final int opcode, final int dest, final long matchOrHandle, final int windowKey,
        final long offset, final int bytes, final long cookie)
    {
        post(endpoint, opcode, nic.nicId, dest, matchOrHandle, windowKey, offset, bytes, cookie);
    }

    /**
     * Post a one-segment descriptor to an endpoint of NIC {@code destNic}.
     */
    void post(final int endpoint, final int opcode, final int destNic, final int dest, final long matchOrHandle,
        final int windowKey, final long offset, final int bytes, final long cookie)
    {
        final UnsafeBuffer p = pages[endpoint];
        final int at = EndpointDescriptor.sendDescriptorOffset(producers[endpoint]);
        p.setMemory(at, SendDescriptor.LENGTH, (byte)0);
        p.putInt(at + SendDescriptor.OPCODE_OFFSET, opcode);
        p.putInt(at + SendDescriptor.SEGMENT_COUNT_OFFSET, 1);
        p.putLong(at + SendDescriptor.COOKIE_OFFSET, cookie);
        p.putLong(at + SendDescriptor.MATCH_INFO_OFFSET, matchOrHandle);
        p.putInt(at + SendDescriptor.DEST_ENDPOINT_OFFSET, dest);
        p.putInt(at + SendDescriptor.DEST_KEY_OFFSET, key(dest < 0 ? 0 : dest));
        p.putInt(at + SendDescriptor.TOTAL_LENGTH_OFFSET, bytes);
        p.putInt(at + SendDescriptor.DEST_NIC_OFFSET, destNic);
        if (opcode == SendDescriptor.OPCODE_SEND_TINY)
        {
            p.putBytes(at + SendDescriptor.SEGMENTS_OFFSET, new UnsafeBuffer(memory[nic.endpoints[endpoint].vm]
                .asSlice(offset, bytes).asByteBuffer()), 0, bytes);
        }
        else
        {
            final int segment = at + SendDescriptor.segmentOffset(0);
            p.putInt(segment + SendDescriptor.SEGMENT_KEY_OFFSET, windowKey);
            p.putInt(segment + SendDescriptor.SEGMENT_BYTES_OFFSET, bytes);
            p.putLong(segment + SendDescriptor.SEGMENT_WINDOW_OFFSET_OFFSET, offset);
        }
        producers[endpoint]++;
        p.putLongRelease(EndpointDescriptor.SEND_PRODUCER_OFFSET, producers[endpoint]);
    }

    interface EventConsumer
    {
        void accept(UnsafeBuffer pages, int eventOffset);
    }

    /**
     * Consume every pending event of an endpoint, releasing eager slots after the consumer ran.
     */
    int drain(final int endpoint, final EventConsumer consumer)
    {
        final UnsafeBuffer p = pages[endpoint];
        final long produced = p.getLongAcquire(EndpointDescriptor.EVENT_PRODUCER_OFFSET);
        int n = 0;
        for (; consumers[endpoint] < produced; consumers[endpoint]++, n++)
        {
            final int event = EndpointDescriptor.eventOffset(consumers[endpoint]);
            consumer.accept(p, event);
            if (p.getInt(event + EventDescriptor.TYPE_OFFSET) == EventDescriptor.TYPE_RECEIVE_EAGER)
            {
                released[endpoint] += p.getInt(event + EventDescriptor.EAGER_SLOT_COUNT_OFFSET);
                p.putLongRelease(EndpointDescriptor.EAGER_RELEASED_OFFSET, released[endpoint]);
            }
        }
        p.putLongRelease(EndpointDescriptor.EVENT_CONSUMER_OFFSET, consumers[endpoint]);
        return n;
    }

    long vmCounter(final int vm, final int field)
    {
        return counters.getLong(CountersDescriptor.vmRecord(vm) + field);
    }

    @Override
    public void close()
    {
        nic.onClose();
        arena.close();
    }
}
