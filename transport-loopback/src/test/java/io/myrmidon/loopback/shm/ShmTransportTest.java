package io.myrmidon.loopback.shm;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.launch.InProcessJob;
import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportProvider;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code shm} transport with ranks as threads of one JVM, each with its own segment.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShmTransportTest
{
    private static final long SEED = Long.getLong("myrmidon.test.seed", System.nanoTime());

    @Test
    void isFoundByServiceLoaderUnderItsName()
    {
        final boolean found = ServiceLoader.load(TransportProvider.class).stream()
            .anyMatch(provider -> "shm".equals(provider.get().name()));
        assertTrue(found, "META-INF/services must register the shm provider");
    }

    @Test
    void deliversManyRandomFragmentsInOrderThroughSmallRings() throws InterruptedException
    {
        final Map<String, String> smallRings = Map.of(ShmConfiguration.RING_BYTES_PROP_NAME, "8192");
        InProcessRanks.run(3, smallRings, (transport, rank) ->
        {
            final String failure = new ExchangeScenario(transport, rank, 3, 3_000, SEED).run(TimeUnit.SECONDS.toNanos(40));
            assertNull(failure, () -> failure + " (seed " + SEED + ", rerun with -Dmyrmidon.test.seed=" + SEED + ")");
        });
    }

    @Test
    void backPressuresWhenTheRingIsFullThenMakesProgress() throws InterruptedException
    {
        final CountDownLatch filled = new CountDownLatch(1);
        InProcessRanks.run(2, Map.of(ShmConfiguration.RING_BYTES_PROP_NAME, "4096"), (transport, rank) ->
        {
            final UnsafeBuffer header = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
            final UnsafeBuffer payload = new UnsafeBuffer(BufferUtil.allocateDirectAligned(512, 64));
            if (rank == 0)
            {
                int accepted = 0;
                header.putInt(0, accepted);
                while (transport.offer(1, header, 4, payload, 0, 100))
                {
                    header.putInt(0, ++accepted);
                }
                assertTrue(accepted > 10 && accepted < 4096 / 100, "a 4 KiB ring holds a few 104-byte fragments: " + accepted);
                filled.countDown();
                final Waiting waiting = new Waiting(transport);
                for (int sequence = accepted; sequence < 1_000; )
                {
                    header.putInt(0, sequence);
                    final boolean offered = transport.offer(1, header, 4, payload, 0, 100);
                    sequence += offered ? 1 : 0;
                    waiting.idle(offered ? 1 : 0);
                }
            }
            else
            {
                assertTrue(filled.await(30, TimeUnit.SECONDS));
                final int[] next = { 0 };
                final FragmentHandler inOrder = new CheckingHandler((source, buffer, offset, length) ->
                {
                    assertEquals(next[0]++, buffer.getInt(offset));
                    assertEquals(104, length);
                });
                final Waiting waiting = new Waiting(transport);
                while (next[0] < 1_000)
                {
                    waiting.idle(transport.poll(inOrder, 1));
                }
            }
        });
    }

    @Test
    void anOfferWakesABlockedAwait() throws InterruptedException
    {
        final Map<String, String> rarePeerChecks = Map.of(ShmConfiguration.PEER_CHECK_NANOS_PROP_NAME, "60000000000");
        final CountDownLatch received = new CountDownLatch(1);
        final long[] awaitNanos = new long[1];
        InProcessRanks.run(2, rarePeerChecks, (transport, rank) ->
        {
            final UnsafeBuffer header = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
            if (rank == 1)
            {
                final long start = System.nanoTime();
                transport.await(TimeUnit.SECONDS.toNanos(30));
                awaitNanos[0] = System.nanoTime() - start;
                final int[] count = new int[1];
                transport.poll(new CheckingHandler((source, buffer, offset, length) -> count[0]++), 10);
                assertEquals(1, count[0], "the fragment that woke the rank is there");
                received.countDown();
            }
            else
            {
                final ShmTransport shm = (ShmTransport)transport;
                while (!shm.peerIsSleeping(1))
                {
                    Thread.sleep(1);
                }
                Thread.sleep(20); // let it reach FUTEX_WAIT; a wake before then is also handled
                assertTrue(transport.offer(1, header, 8, header, 0, 0));
                assertTrue(received.await(30, TimeUnit.SECONDS));
            }
        });
        assertTrue(awaitNanos[0] < TimeUnit.SECONDS.toNanos(10),
            "await returned after " + awaitNanos[0] / 1_000_000 + " ms: it was not woken by the offer");
    }

    /**
     * Stress of the Dekker-style wake-up: both ranks block in await (never spin) between the
     * messages of a ping-pong, with a timeout far beyond the test's; one lost wake-up would stall
     * the exchange for 30 s and fail it.
     */
    @Test
    void noWakeUpIsLostWhenBothRanksBlockBetweenEveryMessage() throws InterruptedException
    {
        final Map<String, String> rarePeerChecks = Map.of(ShmConfiguration.PEER_CHECK_NANOS_PROP_NAME, "60000000000");
        final int roundTrips = 20_000;
        final long start = System.nanoTime();
        InProcessRanks.run(2, rarePeerChecks, (transport, rank) ->
        {
            final UnsafeBuffer message = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
            final int[] received = new int[1];
            final FragmentHandler counting = new CheckingHandler((source, buffer, offset, length) ->
                assertEquals(received[0]++, buffer.getInt(offset), "in order"));
            for (int i = 0; i < roundTrips; i++)
            {
                if (rank == 0)
                {
                    message.putInt(0, i);
                    assertTrue(transport.offer(1, message, 4, message, 0, 0));
                }
                while (received[0] == i)
                {
                    if (transport.poll(counting, 1) == 0)
                    {
                        transport.await(TimeUnit.SECONDS.toNanos(30));
                    }
                }
                if (rank == 1)
                {
                    message.putInt(0, i);
                    assertTrue(transport.offer(0, message, 4, message, 0, 0));
                }
            }
        });
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < 25, roundTrips + " blocking round trips took " + seconds + " s: a wake-up was lost");
    }

    @Test
    void pullsOneMebibyteIntoOffHeapAndHeapBuffers() throws InterruptedException
    {
        final int length = 1 << 20;
        InProcessRanks.run(2, Map.of(), (transport, rank) ->
        {
            assertTrue(transport.capabilities().bulkPull(), "process_vm_readv should work on this machine");
            final UnsafeBuffer header = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
            final Waiting waiting = new Waiting(transport);
            final List<byte[]> fragments = new ArrayList<>();
            final FragmentHandler collect = new CheckingHandler((source, buffer, offset, fragmentLength) ->
            {
                final byte[] copy = new byte[fragmentLength];
                buffer.getBytes(offset, copy);
                fragments.add(copy);
            });
            if (rank == 0)
            {
                final UnsafeBuffer source = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length + 64, 64));
                Fragments.fill(source, 64, length, 0, 1, 5);
                final int descriptorLength = transport.exposeForPull(1, source, 64, length, header, 0);
                assertEquals(PullDescriptor.LENGTH, descriptorLength);
                assertEquals(-1, transport.exposeForPull(1, new UnsafeBuffer(new byte[16]), 0, 16, header, 32),
                    "heap memory cannot be exposed");
                assertTrue(transport.offer(1, header, descriptorLength, header, 0, 0));
                while (fragments.isEmpty())
                {
                    waiting.idle(transport.poll(collect, 1));
                }
            }
            else
            {
                while (fragments.isEmpty())
                {
                    waiting.idle(transport.poll(collect, 1));
                }
                final UnsafeBuffer descriptor = new UnsafeBuffer(fragments.get(0));
                final UnsafeBuffer offHeap = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length + 8, 64));
                assertEquals(Transport.PULL_COMPLETE,
                    transport.pull(0, descriptor, 0, PullDescriptor.LENGTH, offHeap, 8, length, 1));
                assertEquals(-1, Fragments.mismatch(offHeap, 8, length, 0, 1, 5));
                final UnsafeBuffer heap = new UnsafeBuffer(new byte[length]);
                assertEquals(Transport.PULL_COMPLETE,
                    transport.pull(0, descriptor, 0, PullDescriptor.LENGTH, heap, 0, length, 2));
                assertEquals(-1, Fragments.mismatch(heap, 0, length, 0, 1, 5));
                assertEquals(Transport.PULL_FAILED,
                    transport.pull(0, descriptor, 0, PullDescriptor.LENGTH, heap, 0, length + 1, 3),
                    "more than was exposed");
                assertTrue(transport.offer(0, header, 8, header, 0, 0));
            }
        });
    }

    @Test
    void leavesNothingInDevShmOnceOpenAndAfterClose() throws InterruptedException, IOException
    {
        final String jobId = InProcessRanks.run(4, Map.of(), (transport, rank) ->
            assertFalse(Files.exists(((ShmTransport)transport).segmentPath()),
                "a rank unlinks its segment as soon as every rank has mapped it"));
        assertEquals(List.of(), segmentFiles("myrmidon-" + jobId));
    }

    @Test
    void runsAloneAndSendsToItself()
    {
        final InProcessJob job = new InProcessJob(1, ShmTransportProvider.NAME);
        try (Transport transport = new ShmTransportProvider().open(new TestContext(job.bootstrap(0))))
        {
            final String failure = new ExchangeScenario(transport, 0, 1, 500, SEED).run(TimeUnit.SECONDS.toNanos(20));
            assertNull(failure, failure);
            final long start = System.nanoTime();
            transport.await(TimeUnit.MILLISECONDS.toNanos(20));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(10), "await slept with nothing to do");
        }
    }

    @Test
    void offerAndPollAllocateNothingInSteadyState()
    {
        final InProcessJob job = new InProcessJob(1, ShmTransportProvider.NAME);
        try (Transport transport = new ShmTransportProvider().open(new TestContext(job.bootstrap(0))))
        {
            final UnsafeBuffer header = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
            final UnsafeBuffer payload = new UnsafeBuffer(BufferUtil.allocateDirectAligned(4096, 64));
            final long[] bytes = new long[1];
            final FragmentHandler counting = new CheckingHandler((source, buffer, offset, length) -> bytes[0] += length);
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
            long allocated = 0;
            for (int round = 0; round < 3; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 200_000; i++)
                {
                    transport.offer(0, header, 32, payload, 0, i & 4095);
                    transport.poll(counting, 8);
                }
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertTrue(bytes[0] > 0);
            assertTrue(allocated < 1024, "200,000 offers and polls allocated " + allocated + " bytes");
        }
    }

    @Test
    void useAfterCloseFailsClearlyInsteadOfTouchingUnmappedMemory()
    {
        final InProcessJob job = new InProcessJob(1, ShmTransportProvider.NAME);
        final Transport transport = new ShmTransportProvider().open(new TestContext(job.bootstrap(0)));
        transport.close();
        transport.close();
        final UnsafeBuffer header = new UnsafeBuffer(new byte[8]);
        final MyrmidonException ex = assertThrows(MyrmidonException.class,
            () -> transport.offer(0, header, 8, header, 0, 0));
        assertEquals(ErrorClass.NOT_INITIALIZED, ex.errorClass());
        assertThrows(MyrmidonException.class,
            () -> transport.poll(new CheckingHandler((source, buffer, offset, length) -> { }), 1));
        transport.await(1_000_000);
    }

    @Test
    void rejectsABadRingSizeWithTheNameOfTheProperty()
    {
        final InProcessJob job = new InProcessJob(1, ShmTransportProvider.NAME);
        final MyrmidonException ex = assertThrows(MyrmidonException.class, () -> new ShmTransportProvider().open(
            new TestContext(job.bootstrap(0), Map.of(ShmConfiguration.RING_BYTES_PROP_NAME, "100000"))));
        assertEquals(ErrorClass.TRANSPORT, ex.errorClass());
        assertTrue(ex.getMessage().contains(ShmConfiguration.RING_BYTES_PROP_NAME), ex.getMessage());
        assertTrue(ex.getMessage().contains("power of two"), ex.getMessage());
    }

    @Test
    void defaultRingsShrinkWithTheJobSize()
    {
        assertEquals(256 * 1024, ShmConfiguration.defaultRingCapacity(1));
        assertEquals(256 * 1024, ShmConfiguration.defaultRingCapacity(32));
        assertEquals(128 * 1024, ShmConfiguration.defaultRingCapacity(64));
        assertEquals(64 * 1024, ShmConfiguration.defaultRingCapacity(1000));
    }

    static List<Path> segmentFiles(final String prefix) throws IOException
    {
        try (Stream<Path> files = Files.list(Path.of(ShmConfiguration.DIRECTORY_DEFAULT)))
        {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    @FunctionalInterface
    interface FragmentCheck
    {
        void accept(int source, DirectBuffer buffer, int offset, int length);
    }

    /**
     * Passes fragments to a check and fails on anything else.
     */
    record CheckingHandler(FragmentCheck check) implements FragmentHandler
    {
        @Override
        public void onFragment(final int source, final DirectBuffer buffer, final int offset, final int length)
        {
            check.accept(source, buffer, offset, length);
        }

        @Override
        public void onPullComplete(final long token, final boolean success)
        {
            throw new AssertionError("no asynchronous pulls expected: " + token);
        }

        @Override
        public void onPeerFailure(final int rank, final String reason)
        {
            throw new AssertionError("peer " + rank + " failed: " + reason);
        }
    }
}
