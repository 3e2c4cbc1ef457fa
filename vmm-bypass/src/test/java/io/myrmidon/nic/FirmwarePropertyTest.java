package io.myrmidon.nic;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The whole firmware, stepped by hand: random protection tables and random descriptors (valid, half valid and
 * garbage, including pulls with guessed rendezvous handles) posted on random endpoints never change a byte of
 * guest memory outside the windows that grant the NIC write access, and never crash the firmware loop.
 */
class FirmwarePropertyTest
{
    private static final int VMS = 3;
    private static final int MEMORY = 64 * 1024;

    record WindowSpec(int vm, int offset, int length, int rights)
    {
    }

    record Descriptor(int endpoint, int opcode, int segments, int dest, int keyChoice, int offset, int bytes,
        long handle)
    {
    }

    private static Gen<WindowSpec> windows()
    {
        return integers().between(0, VMS - 1).zip(integers().between(0, MEMORY - 1),
            integers().between(1, MEMORY / 4), integers().between(1, 3),
            (vm, offset, length, rights) -> new WindowSpec(vm, offset, Math.min(length, MEMORY - offset), rights));
    }

    private static Gen<Descriptor> descriptors()
    {
        final Gen<Integer> bytes = integers().between(0, 2 * 1024).mix(integers().between(32 * 1024, 70_000), 20)
            .mix(integers().all(), 10);
        final Gen<Integer> offsets = integers().between(0, MEMORY).mix(integers().all(), 10);
        return integers().between(0, VMS - 1).zip(integers().between(0, 5), integers().between(0, 4),
            integers().between(-1, VMS), (ep, op, seg, dest) -> new int[] {ep, op, seg, dest})
            .zip(integers().between(0, 12), offsets, bytes, longs().between(4096, 4096 + 8),
                (a, key, offset, n, handle) -> new Descriptor(a[0], a[1], a[2], a[3], key, offset, n, handle));
    }

    private long delivered;
    private long rejected;

    @Test
    void randomDescriptorsNeverWriteOutsideWritableWindows()
    {
        qt().withExamples(150).forAll(lists().of(windows()).ofSizeBetween(1, 8),
                lists().of(descriptors()).ofSizeBetween(1, 60))
            .checkAssert(this::check);
        assertTrue(delivered > 100 && rejected > 100,
            "the generators must exercise both paths: delivered " + delivered + ", rejected " + rejected);
    }

    private void check(final List<WindowSpec> specs, final List<Descriptor> list)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final NicFirmware nic = new NicFirmware(0, new NicCounters(
                new UnsafeBuffer(arena.allocate(CountersDescriptor.TOTAL_LENGTH, 64).address(),
                    CountersDescriptor.TOTAL_LENGTH)));
            final MemorySegment[] memory = new MemorySegment[VMS];
            final UnsafeBuffer[] pages = new UnsafeBuffer[VMS];
            final long[] producers = new long[VMS];
            for (int vm = 0; vm < VMS; vm++)
            {
                memory[vm] = arena.allocate(MEMORY, 4096);
                for (int i = 0; i < MEMORY; i++)
                {
                    memory[vm].set(ValueLayout.JAVA_BYTE, i, (byte)(i * 7 + vm));
                }
                nic.vms[vm].attached = true;
                nic.vms[vm].memory = memory[vm];
                nic.dma.memory(vm, memory[vm]);
                final MemorySegment endpointPages = arena.allocate(EndpointDescriptor.TOTAL_LENGTH, 4096);
                nic.endpoints[vm].open(vm, 100 + vm, 1, endpointPages);
                nic.vms[vm].addEndpoint(vm);
                pages[vm] = new UnsafeBuffer(endpointPages.address(), EndpointDescriptor.TOTAL_LENGTH);
            }
            final int[] keys = new int[specs.size()];
            final boolean[][] writable = new boolean[VMS][MEMORY];
            for (int i = 0; i < specs.size(); i++)
            {
                final WindowSpec spec = specs.get(i);
                keys[i] = nic.table.add(spec.vm(), spec.offset(), spec.length(), spec.rights());
                if ((spec.rights() & ProtectionTable.WRITE) != 0)
                {
                    for (int b = spec.offset(); b < spec.offset() + spec.length(); b++)
                    {
                        writable[spec.vm()][b] = true;
                    }
                }
            }
            final byte[][] before = new byte[VMS][];
            for (int vm = 0; vm < VMS; vm++)
            {
                before[vm] = memory[vm].toArray(ValueLayout.JAVA_BYTE);
            }

            for (final Descriptor d : list)
            {
                final UnsafeBuffer ring = pages[d.endpoint()];
                final int at = EndpointDescriptor.sendDescriptorOffset(producers[d.endpoint()]);
                ring.setMemory(at, SendDescriptor.LENGTH, (byte)0);
                ring.putInt(at + SendDescriptor.OPCODE_OFFSET, d.opcode());
                ring.putInt(at + SendDescriptor.SEGMENT_COUNT_OFFSET, d.segments());
                ring.putLong(at + SendDescriptor.MATCH_INFO_OFFSET,
                    d.opcode() == SendDescriptor.OPCODE_PULL ? d.handle() : 0);
                final int dest = d.dest() < 0 ? 63 : d.dest() % VMS;
                ring.putInt(at + SendDescriptor.DEST_ENDPOINT_OFFSET, dest);
                ring.putInt(at + SendDescriptor.DEST_KEY_OFFSET, d.keyChoice() == 0 ? 7 : 100 + dest);
                long total = 0;
                for (int s = 0; s < Math.min(d.segments(), SendDescriptor.MAX_SEGMENTS); s++)
                {
                    final int segment = at + SendDescriptor.segmentOffset(s);
                    int key = d.keyChoice() < keys.length ? keys[(d.keyChoice() + s) % keys.length] :
                        d.keyChoice() * 977;
                    int offset = d.offset();
                    int bytes = d.bytes();
                    final int own = ownWindow(specs, d.endpoint(), d.keyChoice() + s);
                    if (d.keyChoice() >= 6 && own >= 0)
                    {
                        // mostly well-formed: a window of this VM, in range (or just past it when keyChoice is 12)
                        final WindowSpec spec = specs.get(own);
                        key = keys[own];
                        offset = Math.floorMod(d.offset(), spec.length());
                        bytes = Math.floorMod(d.bytes(), spec.length() - offset + 1) + (d.keyChoice() == 12 ? 1 : 0);
                    }
                    ring.putInt(segment + SendDescriptor.SEGMENT_KEY_OFFSET, key);
                    ring.putInt(segment + SendDescriptor.SEGMENT_BYTES_OFFSET, bytes);
                    ring.putLong(segment + SendDescriptor.SEGMENT_WINDOW_OFFSET_OFFSET, offset);
                    total += bytes;
                }
                ring.putInt(at + SendDescriptor.TOTAL_LENGTH_OFFSET,
                    d.keyChoice() == 1 ? d.bytes() : (int)Math.min(total, Integer.MAX_VALUE));
                producers[d.endpoint()]++;
                ring.putLongRelease(EndpointDescriptor.SEND_PRODUCER_OFFSET, producers[d.endpoint()]);
                nic.doWork();
                consumeEvents(pages);
            }
            for (int i = 0; i < 50; i++)
            {
                nic.doWork();
                consumeEvents(pages);
            }

            for (int vm = 0; vm < VMS; vm++)
            {
                final byte[] after = memory[vm].toArray(ValueLayout.JAVA_BYTE);
                for (int b = 0; b < MEMORY; b++)
                {
                    if (!writable[vm][b] && after[b] != before[vm][b])
                    {
                        throw new AssertionError("byte " + b + " of VM " + vm + " changed outside writable windows");
                    }
                }
            }
            for (int vm = 0; vm < VMS; vm++)
            {
                delivered += nic.counters.buffer().getLong(
                    CountersDescriptor.vmRecord(vm) + CountersDescriptor.VM_MESSAGES);
                rejected += nic.counters.buffer().getLong(
                    CountersDescriptor.vmRecord(vm) + CountersDescriptor.VM_REJECTED);
            }
        }
    }

    private static int ownWindow(final List<WindowSpec> specs, final int vm, final int start)
    {
        for (int i = 0; i < specs.size(); i++)
        {
            final int index = (start + i) % specs.size();
            if (specs.get(index).vm() == vm)
            {
                return index;
            }
        }
        return -1;
    }

    /** Act as well-behaved guests: consume every event and give eager slots back. */
    private static void consumeEvents(final UnsafeBuffer[] pages)
    {
        for (final UnsafeBuffer p : pages)
        {
            final long produced = p.getLongAcquire(EndpointDescriptor.EVENT_PRODUCER_OFFSET);
            long released = p.getLong(EndpointDescriptor.EAGER_RELEASED_OFFSET);
            for (long e = p.getLong(EndpointDescriptor.EVENT_CONSUMER_OFFSET); e < produced; e++)
            {
                final int event = EndpointDescriptor.eventOffset(e);
                if (p.getInt(event) == io.myrmidon.vnic.layout.EventDescriptor.TYPE_RECEIVE_EAGER)
                {
                    released += p.getInt(event + io.myrmidon.vnic.layout.EventDescriptor.EAGER_SLOT_COUNT_OFFSET);
                }
            }
            p.putLongRelease(EndpointDescriptor.EAGER_RELEASED_OFFSET, released);
            p.putLongRelease(EndpointDescriptor.EVENT_CONSUMER_OFFSET, produced);
        }
    }
}
