package io.myrmidon.nic;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;

import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import io.myrmidon.vnic.layout.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The firmware stepped by hand: ordered delivery across size classes with the bytes intact, protection
 * violations, and deficit-round-robin shares.
 */
@SuppressWarnings("restricted")
class NicFirmwareTest
{
    private static final int MEMORY = 4 * 1024 * 1024;

    @Test
    void deliversInOrderAcrossSizeClassesWithBytesIntact()
    {
        try (SteppedNic s = new SteppedNic())
        {
            s.attach(0, MEMORY, 1);
            s.attach(1, MEMORY, 1);
            s.open(0, 0);
            s.open(1, 1);
            final int source = s.window(0, 0, MEMORY, ProtectionTable.READ);
            final int target = s.window(1, 0, MEMORY, ProtectionTable.WRITE);
            for (int i = 0; i < MEMORY; i++)
            {
                s.memory[0].set(ValueLayout.JAVA_BYTE, i, (byte)(i * 13 + 5));
            }
            final int[] sizes = {8, 64, 3000, 4096, 20_000, 32 * 1024, 100_000, 1024 * 1024};
            final int messages = 400;
            final long[] expected = {0};
            final long[] sendCompletions = {0};
            final ArrayDeque<long[]> announced = new ArrayDeque<>();
            int posted = 0;
            final boolean[] pullInFlight = {false};
            for (int step = 0; step < 100_000 && (expected[0] < messages || sendCompletions[0] < messages); step++)
            {
                while (posted < messages && s.canPost(0))
                {
                    final int size = sizes[posted % sizes.length];
                    final int opcode = size <= SendDescriptor.TINY_MAX ? SendDescriptor.OPCODE_SEND_TINY :
                        size <= NicConfiguration.EAGER_MAX ? SendDescriptor.OPCODE_SEND_EAGER :
                        SendDescriptor.OPCODE_SEND_RENDEZVOUS;
                    s.post(0, opcode, 1, posted, source, posted % 7, size, posted);
                    posted++;
                }
                s.nic.doWork();
                s.drain(1, (p, e) ->
                {
                    final int type = p.getInt(e + EventDescriptor.TYPE_OFFSET);
                    if (type == EventDescriptor.TYPE_PULL_COMPLETE)
                    {
                        assertEquals(Status.OK, p.getInt(e + EventDescriptor.STATUS_OFFSET));
                        final long match = p.getLong(e + EventDescriptor.COOKIE_OFFSET);
                        assertSameBytes(s.memory[0], match % 7, s.memory[1], 0, sizes[(int)(match % sizes.length)]);
                        pullInFlight[0] = false;
                        return;
                    }
                    final long match = p.getLong(e + EventDescriptor.MATCH_INFO_OFFSET);
                    assertEquals(expected[0]++, match, "messages from one peer arrive in posting order");
                    final int length = p.getInt(e + EventDescriptor.LENGTH_OFFSET);
                    assertEquals(sizes[(int)(match % sizes.length)], length);
                    if (type == EventDescriptor.TYPE_RECEIVE_RENDEZVOUS)
                    {
                        announced.add(new long[] {p.getLong(e + EventDescriptor.COOKIE_OFFSET), length, match});
                    }
                    else
                    {
                        final long address = type == EventDescriptor.TYPE_RECEIVE_TINY ?
                            e + EventDescriptor.INLINE_OFFSET :
                            EndpointDescriptor.eagerSlotOffset(p.getInt(e + EventDescriptor.EAGER_SLOT_OFFSET));
                        assertSameBytes(s.memory[0], match % 7,
                            MemorySegment.ofAddress(p.addressOffset()).reinterpret(EndpointDescriptor.TOTAL_LENGTH),
                            address, length);
                    }
                });
                if (!announced.isEmpty() && !pullInFlight[0])
                {
                    // one pull at a time into the same place, checked when it completes
                    final long[] a = announced.poll();
                    s.post(1, SendDescriptor.OPCODE_PULL, 0, a[0], target, 0, (int)a[1], a[2]);
                    pullInFlight[0] = true;
                }
                s.drain(0, (p, e) ->
                {
                    assertEquals(EventDescriptor.TYPE_SEND_COMPLETE, p.getInt(e + EventDescriptor.TYPE_OFFSET));
                    assertEquals(Status.OK, p.getInt(e + EventDescriptor.STATUS_OFFSET));
                    sendCompletions[0]++;
                });
            }
            assertEquals(messages, expected[0]);
            assertEquals(messages, sendCompletions[0]);
            assertEquals(messages, s.vmCounter(0, CountersDescriptor.VM_MESSAGES));
            assertEquals(0, s.vmCounter(0, CountersDescriptor.VM_REJECTED));
        }
    }

    @Test
    void violationsMoveNoBytesAndAreCounted()
    {
        try (SteppedNic s = new SteppedNic())
        {
            s.attach(0, MEMORY, 1);
            s.attach(1, MEMORY, 1);
            s.open(0, 0);
            s.open(1, 1);
            final int victimWindow = s.window(1, 0, 4096, ProtectionTable.READ | ProtectionTable.WRITE);
            final int own = s.window(0, 0, 4096, ProtectionTable.READ);
            s.post(0, SendDescriptor.OPCODE_SEND_EAGER, 1, 0, victimWindow, 0, 100, 1);
            s.post(0, SendDescriptor.OPCODE_SEND_EAGER, 1, 0, own, 4000, 100, 2);
            s.post(0, SendDescriptor.OPCODE_PULL, 1, 4097, victimWindow, 0, 100, 3);
            s.post(0, SendDescriptor.OPCODE_SEND_EAGER, 5, 0, own, 0, 100, 4);
            s.nic.doWork();
            final int[] statuses = new int[4];
            final int[] index = {0};
            s.drain(0, (p, e) -> statuses[index[0]++] = p.getInt(e + EventDescriptor.STATUS_OFFSET));
            assertEquals(Status.BAD_WINDOW, statuses[0]);
            assertEquals(Status.OUT_OF_RANGE, statuses[1]);
            assertEquals(Status.BAD_HANDLE, statuses[2]);
            assertEquals(Status.BAD_DESTINATION, statuses[3]);
            assertEquals(0, s.drain(1, (p, e) -> { }), "nothing reached the victim");
            assertEquals(4, s.vmCounter(0, CountersDescriptor.VM_REJECTED));
            assertEquals(3, s.vmCounter(0, CountersDescriptor.VM_VIOLATIONS));
            assertEquals(0, s.vmCounter(0, CountersDescriptor.VM_BYTES));
        }
    }

    @Test
    void deficitRoundRobinSharesFollowWeights()
    {
        try (SteppedNic s = new SteppedNic())
        {
            final int[] weights = {1, 3, 4};
            final int size = 16 * 1024;
            final int[] keys = new int[weights.length];
            for (int vm = 0; vm < weights.length; vm++)
            {
                s.attach(vm, MEMORY, weights[vm]);
                s.open(vm, 2 * vm);
                s.open(vm, 2 * vm + 1);
                keys[vm] = s.window(vm, 0, size, ProtectionTable.READ);
            }
            for (int round = 0; round < 2_000; round++)
            {
                for (int vm = 0; vm < weights.length; vm++)
                {
                    while (s.canPost(2 * vm))
                    {
                        s.post(2 * vm, SendDescriptor.OPCODE_SEND_EAGER, 2 * vm + 1, 0, keys[vm], 0, size, 0);
                    }
                }
                s.nic.doWork();
                for (int vm = 0; vm < weights.length; vm++)
                {
                    s.drain(2 * vm, (p, e) -> { });
                    s.drain(2 * vm + 1, (p, e) -> { });
                }
            }
            final long unit = s.vmCounter(0, CountersDescriptor.VM_CONTENDED_BYTES);
            assertTrue(unit > 0, "all three were backlogged");
            for (int vm = 0; vm < weights.length; vm++)
            {
                assertEquals(unit * weights[vm], s.vmCounter(vm, CountersDescriptor.VM_CONTENDED_BYTES),
                    "VM " + vm + " with weight " + weights[vm]);
            }
        }
    }

    private static void assertSameBytes(final MemorySegment a, final long aOffset, final MemorySegment b,
        final long bOffset, final int length)
    {
        assertEquals(-1, MemorySegment.mismatch(a, aOffset, aOffset + length, b, bOffset, bOffset + length),
            "payload differs");
    }
}
