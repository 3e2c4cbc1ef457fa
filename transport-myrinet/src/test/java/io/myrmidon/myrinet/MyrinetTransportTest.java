package io.myrmidon.myrinet;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.myrmidon.launch.InProcessJob;
import io.myrmidon.spi.Transport;
import io.myrmidon.vnic.layout.CountersDescriptor;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The transport below the engine: two ranks (threads) of one job, each a guest of a real host daemon.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MyrinetTransportTest
{
    private static TestHost host;

    @BeforeAll
    static void startHost() throws IOException
    {
        host = TestHost.withDaemon();
    }

    @AfterAll
    static void stopHost() throws IOException
    {
        host.close();
    }

    private static Transport[] open(final String mode) throws Exception
    {
        return open(mode, host);
    }

    private static Transport[] open(final String mode, final TestHost host) throws Exception
    {
        final InProcessJob job = new InProcessJob(2, MyrinetTransportProvider.NAME);
        final Map<String, String> properties = Map.of(MyrinetConfiguration.HOST_DIR, host.dir().root().toString(),
            MyrinetConfiguration.MODE, mode, MyrinetConfiguration.MEMORY, Long.toString(32L << 20),
            MyrinetConfiguration.BOUNCE, Long.toString(4L << 20));
        final MyrinetTransportProvider provider = new MyrinetTransportProvider();
        final CompletableFuture<Transport> one = CompletableFuture.supplyAsync(
            () -> provider.open(new TestContext(job.bootstrap(1), properties)));
        final Transport zero = provider.open(new TestContext(job.bootstrap(0), properties));
        return new Transport[]{ zero, one.get(30, TimeUnit.SECONDS) };
    }

    private static void progress(final Transport[] ranks, final Fragments[] handlers, final BooleanSupplier done)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "no progress within 20 s");
            for (int r = 0; r < ranks.length; r++)
            {
                ranks[r].poll(handlers[r], 64);
            }
        }
    }

    @Test
    void fragmentsOfEverySizeClassArriveInOrderWithTheirSource() throws Exception
    {
        for (final String mode : new String[]{ "bypass", "mediated", "native" })
        {
            final Transport[] ranks = open(mode);
            try
            {
                final Fragments[] handlers = { new Fragments(), new Fragments() };
                final int max = ranks[0].capabilities().maxFragmentLength();
                final int[] lengths = { 0, 20, 64, 65, 4096, 4097, max };
                final UnsafeBuffer header = new UnsafeBuffer(new byte[16]);
                final UnsafeBuffer payload = new UnsafeBuffer(new byte[max]);
                for (int i = 0; i < lengths.length; i++)
                {
                    final int headerLength = Math.min(16, lengths[i]);
                    header.setMemory(0, 16, (byte)i);
                    payload.setMemory(0, max, (byte)(100 + i));
                    while (!ranks[0].offer(1, header, headerLength, payload, 0, lengths[i] - headerLength))
                    {
                        ranks[0].poll(handlers[0], 64);
                    }
                }
                progress(ranks, handlers, () -> handlers[1].fragments.size() == lengths.length);
                for (int i = 0; i < lengths.length; i++)
                {
                    final byte[] got = handlers[1].fragments.get(i);
                    assertEquals(lengths[i], got.length, mode + ": fragment " + i);
                    for (int b = 0; b < got.length; b++)
                    {
                        assertEquals(b < 16 ? (byte)i : (byte)(100 + i), got[b], mode + ": byte " + b + " of " + i);
                    }
                    assertEquals(0, handlers[1].sources.get(i));
                }
                progress(ranks, handlers, () -> ((MyrinetTransport)ranks[0]).stagedBytes() == 0);
                assertEquals(java.util.List.of(), handlers[0].failures);
                assertEquals(java.util.List.of(), handlers[1].failures);
            }
            finally
            {
                ranks[0].close();
                ranks[1].close();
            }
        }
    }

    @Test
    void largeMessagesArePulledStraightFromAllocatedMemoryAndBouncedIntoOtherBuffers() throws Exception
    {
        final Transport[] ranks = open("bypass");
        try
        {
            final Fragments[] handlers = { new Fragments(), new Fragments() };
            final int length = 1 << 20;
            final MutableDirectBuffer source = ranks[0].allocate(length, 64);
            for (int i = 0; i < length; i += 4)
            {
                source.putInt(i, i * 31);
            }
            final UnsafeBuffer descriptor = new UnsafeBuffer(new byte[64]);
            assertEquals(-1, ranks[0].exposeForPull(1, new UnsafeBuffer(new byte[length]), 0, length, descriptor, 0),
                "heap memory is outside guest memory: the engine must stream it");
            final MutableDirectBuffer inGuestMemory = ranks[1].allocate(length, 64);
            final MutableDirectBuffer onHeap = new UnsafeBuffer(new byte[length + 8]);
            final MutableDirectBuffer[] destinations = { inGuestMemory, onHeap };
            for (int round = 0; round < destinations.length; round++)
            {
                final int descriptorLength = ranks[0].exposeForPull(1, source, 0, length, descriptor, 0);
                assertEquals(MyrinetTransport.DESCRIPTOR_LENGTH, descriptorLength);
                // like the engine: the descriptor travels in a fragment, after the NIC's announcement
                while (!ranks[0].offer(1, descriptor, descriptorLength, descriptor, 0, 0))
                {
                    ranks[0].poll(handlers[0], 64);
                }
                final int arrived = round + 1;
                progress(ranks, handlers, () -> handlers[1].fragments.size() == arrived);
                final UnsafeBuffer received = new UnsafeBuffer(handlers[1].fragments.get(round));
                final int destinationOffset = round * 8;
                assertEquals(Transport.PULL_PENDING, ranks[1].pull(0, received, 0, descriptorLength,
                    destinations[round], destinationOffset, length, 1000 + round));
                progress(ranks, handlers, () -> handlers[1].pulled.size() == arrived);
                assertEquals(1000L + round, handlers[1].pulled.get(round));
                assertTrue(handlers[1].pullSuccess.get(round));
                for (int i = 0; i < length; i += 4)
                {
                    assertEquals(i * 31, destinations[round].getInt(destinationOffset + i), "int at " + i);
                }
                assertEquals(0, ((MyrinetTransport)ranks[1]).pullsInFlight());
            }
            assertEquals(Transport.PULL_FAILED, ranks[1].pull(0, descriptor, 0, MyrinetTransport.DESCRIPTOR_LENGTH,
                inGuestMemory, 0, length, 7), "an exposure pulled once is not announced any more");
            assertEquals(java.util.List.of(), handlers[1].failures);
        }
        finally
        {
            ranks[0].close();
            ranks[1].close();
        }
    }

    @Test
    void inBypassModeDataMovesWithoutTheVmm() throws Exception
    {
        final UnsafeBuffer counters = host.dir().mapCounters(false);
        final Transport[] ranks = open("bypass");
        try
        {
            final Fragments[] handlers = { new Fragments(), new Fragments() };
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[20_000]);
            final long vmmOpsBefore = counters.getLongVolatile(CountersDescriptor.VMM_OPS_OFFSET);
            for (int i = 0; i < 500; i++)
            {
                while (!ranks[0].offer(1, payload, 16, payload, 0, i % 2 == 0 ? 16 : 20_000 - 16))
                {
                    ranks[0].poll(handlers[0], 64);
                    ranks[1].poll(handlers[1], 64);
                }
            }
            progress(ranks, handlers, () -> handlers[1].fragments.size() == 500);
            assertEquals(vmmOpsBefore, counters.getLongVolatile(CountersDescriptor.VMM_OPS_OFFSET),
                "500 fragments moved: the VMM's operation counter must not move in bypass mode");
        }
        finally
        {
            ranks[0].close();
            ranks[1].close();
        }
    }

    @Test
    void aPeerWhoseEndpointClosedIsReportedOnce() throws Exception
    {
        final Transport[] ranks = open("bypass");
        try
        {
            final Fragments handler = new Fragments();
            ranks[1].close();
            final UnsafeBuffer header = new UnsafeBuffer(new byte[100]);
            assertTrue(ranks[0].offer(1, header, 100, header, 0, 0));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (handler.failures.isEmpty() && System.nanoTime() < deadline)
            {
                ranks[0].poll(handler, 64);
                ranks[0].await(1_000_000);
            }
            assertEquals(1, handler.failures.size(), handler.failures.toString());
            assertTrue(handler.failures.get(0).startsWith("1: its NIC endpoint is gone"), handler.failures.toString());
            assertTrue(ranks[0].offer(1, header, 100, header, 0, 0), "bytes to a dead peer are dropped, not refused");
            ranks[0].poll(handler, 64);
            assertEquals(1, handler.failures.size(), "reported once");
        }
        finally
        {
            ranks[0].close();
            ranks[1].close();
        }
    }

    @Test
    void withoutALauncherRankZeroStartsADaemonAndStopsItAtClose() throws Exception
    {
        try (TestHost empty = TestHost.withoutDaemon())
        {
            final Transport[] ranks = open("bypass", empty);
            final long daemon;
            try
            {
                daemon = empty.daemonPid();
                final Fragments[] handlers = { new Fragments(), new Fragments() };
                final UnsafeBuffer header = new UnsafeBuffer(new byte[40]);
                assertTrue(ranks[1].offer(0, header, 40, header, 0, 0));
                progress(ranks, handlers, () -> handlers[0].fragments.size() == 1);
            }
            finally
            {
                ranks[1].close();
                ranks[0].close();
            }
            assertTrue(ProcessHandle.of(daemon).map(p -> !p.isAlive()).orElse(true), "rank 0 stops its daemon");
            assertTrue(empty.dir().runningDaemon().isEmpty());
        }
    }

    @Test
    void offerPollPullAndAwaitDoNotAllocateInSteadyState() throws Exception
    {
        final Transport[] ranks = open("bypass");
        try
        {
            final long[] counts = new long[3];
            final io.myrmidon.spi.FragmentHandler counting = new io.myrmidon.spi.FragmentHandler()
            {
                @Override
                public void onFragment(final int source, final org.agrona.DirectBuffer buffer, final int offset,
                    final int length)
                {
                    counts[0]++;
                }

                @Override
                public void onPullComplete(final long token, final boolean success)
                {
                    counts[1]++;
                }

                @Override
                public void onPeerFailure(final int rank, final String reason)
                {
                    counts[2]++;
                }
            };
            final MutableDirectBuffer large = ranks[0].allocate(100_000, 64);
            final MutableDirectBuffer landing = ranks[1].allocate(100_000, 64);
            final UnsafeBuffer heapLanding = new UnsafeBuffer(new byte[100_000]);
            final UnsafeBuffer descriptor = new UnsafeBuffer(new byte[64]);
            final UnsafeBuffer small = new UnsafeBuffer(new byte[8000]);
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
            long before = 0;
            for (int i = 0; i < 4000; i++)
            {
                if (i == 2000)
                {
                    before = threads.getCurrentThreadAllocatedBytes();
                }
                final long target = counts[0] + 2;
                while (!ranks[0].offer(1, small, 16, small, 0, i % 2 == 0 ? 8 : 7000))
                {
                    ranks[0].poll(counting, 64);
                }
                while (ranks[0].exposeForPull(1, large, 0, 100_000, descriptor, 0) < 0)
                {
                    ranks[0].poll(counting, 64);
                }
                while (!ranks[0].offer(1, descriptor, 8, small, 0, 0))
                {
                    ranks[0].poll(counting, 64);
                }
                while (counts[0] < target)
                {
                    ranks[1].poll(counting, 64);
                    ranks[0].poll(counting, 64);
                }
                final long pulled = counts[1] + 1;
                assertEquals(Transport.PULL_PENDING, ranks[1].pull(0, descriptor, 0, 8,
                    i % 2 == 0 ? landing : heapLanding, 0, 100_000, i));
                while (counts[1] < pulled)
                {
                    ranks[1].poll(counting, 64);
                    ranks[1].await(1);
                    ranks[0].poll(counting, 64);
                }
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(0, counts[2]);
            // one allocation per round would show as 2000 x 16+ bytes; a few hundred bytes are the JVM's own
            // one-off work (a late JIT recompilation), not the transport's
            assertTrue(allocated < 2000, "bytes allocated by 2000 rounds of offer, expose, pull, poll and await: " +
                allocated);
        }
        finally
        {
            ranks[0].close();
            ranks[1].close();
        }
    }
}
