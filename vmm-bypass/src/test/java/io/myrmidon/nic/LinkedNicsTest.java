package io.myrmidon.nic;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.myrmidon.nic.wire.HostTable;
import io.myrmidon.nic.wire.WireLink;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import io.myrmidon.vnic.layout.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two NIC firmwares of two "hosts" linked by real {@link WireLink}s on loopback addresses, both stepped by hand in
 * this thread: messages of every size class cross the wire and arrive as local ones do (events, match
 * information, bytes, the sender's NIC as source), a rendezvous is pulled across, and the firmwares' remote path
 * allocates nothing in steady state.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinkedNicsTest
{
    private static final int MEMORY = 1 << 20;
    private static final long MATCH = 0x1234_5678_9ABC_DEF0L;

    private SteppedNic a;
    private SteppedNic b;
    private int windowA;
    private int windowB;
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private long allocatedInFirmware;

    @BeforeEach
    void linkTwoNics() throws Exception
    {
        final int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0)))
        {
            port = probe.getLocalPort();
        }
        final HostTable table = HostTable.parse("a=127.0.0.2:" + port + ",b=127.0.0.3:" + port);
        a = new SteppedNic(0, new WireLink(table, 0, 1472));
        b = new SteppedNic(1, new WireLink(table, 1, 1472));
        for (final SteppedNic nic : List.of(a, b))
        {
            nic.attach(0, MEMORY, 1);
            nic.open(0, 0);
        }
        windowA = a.window(0, 0, MEMORY, ProtectionTable.READ | ProtectionTable.WRITE);
        windowB = b.window(0, 0, MEMORY, ProtectionTable.READ | ProtectionTable.WRITE);
        for (int i = 0; i < MEMORY; i++)
        {
            a.memory[0].set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte)(i * 13 + 5));
        }
    }

    @AfterEach
    void close()
    {
        a.close();
        b.close();
    }

    @Test
    void everySizeClassCrossesTheWireAsALocalSendWouldArrive()
    {
        a.post(0, SendDescriptor.OPCODE_SEND_TINY, 1, 0, MATCH, 0, 100, 40, 1L);
        a.post(0, SendDescriptor.OPCODE_SEND_EAGER, 1, 0, MATCH + 1, windowA, 1000, 3000, 2L);
        a.post(0, SendDescriptor.OPCODE_SEND_EAGER, 1, 0, MATCH + 2, windowA, 5000, 32 * 1024, 3L);
        a.post(0, SendDescriptor.OPCODE_SEND_RENDEZVOUS, 1, 0, MATCH + 3, windowA, 70_000, 200_000, 4L);
        final List<long[]> received = new ArrayList<>();
        final long[] handle = {-1};
        stepUntil(() -> received.size() < 4, () -> b.drain(0, (pages, event) ->
        {
            final int type = pages.getInt(event + EventDescriptor.TYPE_OFFSET);
            final int length = pages.getInt(event + EventDescriptor.LENGTH_OFFSET);
            assertEquals(0, pages.getInt(event + EventDescriptor.SOURCE_NIC_OFFSET), "the sender's NIC");
            assertEquals(0, pages.getInt(event + EventDescriptor.SOURCE_ENDPOINT_OFFSET));
            final long match = pages.getLong(event + EventDescriptor.MATCH_INFO_OFFSET);
            assertEquals(MATCH + received.size(), match, "in order");
            final int[] offsets = {100, 1000, 5000, 70_000};
            if (type == EventDescriptor.TYPE_RECEIVE_TINY)
            {
                assertSame(pages.addressOffset(), event + EventDescriptor.INLINE_OFFSET, offsets[0], length);
            }
            else if (type == EventDescriptor.TYPE_RECEIVE_EAGER)
            {
                final int slot = pages.getInt(event + EventDescriptor.EAGER_SLOT_OFFSET);
                assertSame(pages.addressOffset(), EndpointDescriptor.eagerSlotOffset(slot),
                    offsets[received.size()], length);
            }
            else
            {
                assertEquals(EventDescriptor.TYPE_RECEIVE_RENDEZVOUS, type);
                handle[0] = pages.getLong(event + EventDescriptor.COOKIE_OFFSET);
            }
            received.add(new long[] {type, length});
        }));
        assertEquals(List.of(40L, 3000L, 32768L, 200000L), received.stream().map(r -> r[1]).toList());
        b.post(0, SendDescriptor.OPCODE_PULL, 1, 0, handle[0], windowB, 300_000, 200_000, 9L);
        final int[] pulled = {-1};
        final List<Long> completed = new ArrayList<>();
        stepUntil(() -> pulled[0] < 0 || completed.size() < 4, () ->
        {
            b.drain(0, (pages, event) ->
            {
                assertEquals(EventDescriptor.TYPE_PULL_COMPLETE, pages.getInt(event + EventDescriptor.TYPE_OFFSET));
                assertEquals(Status.OK, pages.getInt(event + EventDescriptor.STATUS_OFFSET));
                pulled[0] = pages.getInt(event + EventDescriptor.LENGTH_OFFSET);
            });
            a.drain(0, (pages, event) ->
            {
                assertEquals(EventDescriptor.TYPE_SEND_COMPLETE, pages.getInt(event + EventDescriptor.TYPE_OFFSET));
                assertEquals(Status.OK, pages.getInt(event + EventDescriptor.STATUS_OFFSET));
                completed.add(pages.getLong(event + EventDescriptor.COOKIE_OFFSET));
            });
        });
        assertEquals(200_000, pulled[0]);
        assertEquals(List.of(1L, 2L, 3L, 4L), completed, "every send completes, the rendezvous after its pull");
        assertTrue(b.memory[0].asSlice(300_000, 200_000).mismatch(a.memory[0].asSlice(70_000, 200_000)) < 0,
            "the pulled bytes are the sender's");
    }

    @Test
    void theRemotePathAllocatesNothingInSteadyState()
    {
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 30 && least > 0; round++) // the first rounds run before the JIT compiled
        {                                                       // the path (uncompiled downcalls allocate)
            allocatedInFirmware = 0;
            for (int i = 0; i < 100; i++)
            {
                exchange(i);
            }
            least = Math.min(least, allocatedInFirmware);
        }
        System.out.println("linked NICs: " + least + " bytes allocated by the firmwares in 100 exchanges");
        assertTrue(least < 1_000, "the firmwares allocated " + least + " bytes for 100 eager + rendezvous exchanges");
    }

    private void exchange(final int i)
    {
        a.post(0, SendDescriptor.OPCODE_SEND_EAGER, 1, 0, MATCH, windowA, 0, 5000, i);
        a.post(0, SendDescriptor.OPCODE_SEND_RENDEZVOUS, 1, 0, MATCH, windowA, 8192, 60_000, i);
        final int[] events = {0};
        final long[] handle = {-1};
        stepUntil(() -> handle[0] < 0, () -> b.drain(0, (pages, event) ->
        {
            if (pages.getInt(event + EventDescriptor.TYPE_OFFSET) == EventDescriptor.TYPE_RECEIVE_RENDEZVOUS)
            {
                handle[0] = pages.getLong(event + EventDescriptor.COOKIE_OFFSET);
            }
        }));
        b.post(0, SendDescriptor.OPCODE_PULL, 1, 0, handle[0], windowB, 0, 60_000, i);
        stepUntil(() -> events[0] < 3, () ->
        {
            events[0] += b.drain(0, (pages, event) -> { });
            events[0] += a.drain(0, (pages, event) -> { });
        });
    }

    private void stepUntil(final java.util.function.BooleanSupplier notYet, final Runnable drain)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (notYet.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "the linked NICs made no progress");
            final long before = threads.getCurrentThreadAllocatedBytes();
            a.nic.doWork();
            b.nic.doWork();
            allocatedInFirmware += threads.getCurrentThreadAllocatedBytes() - before;
            drain.run();
        }
    }

    private void assertSame(final long pagesAddress, final int at, final int sourceOffset, final int length)
    {
        final MemorySegment received = MemorySegment.ofAddress(pagesAddress + at).reinterpret(length);
        assertTrue(received.mismatch(a.memory[0].asSlice(sourceOffset, length)) < 0, "bytes of " + length);
    }
}
