package io.myrmidon.testing;

import io.myrmidon.Communicator;
import io.myrmidon.ErrorClass;
import io.myrmidon.Myrmidon;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Request;
import io.myrmidon.Status;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.myrmidon.Communicator.ANY_SOURCE;
import static io.myrmidon.Communicator.ANY_TAG;
import static io.myrmidon.Communicator.PROC_NULL;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The semantics every transport must give, through the public API: every transport runs this
 * suite by extending it. Ranks are threads of the test JVM (each opening its own endpoint of the
 * transport); multi-process behaviour is tested separately per transport.
 */
@Timeout(120)
public abstract class TransportConformanceTest
{
    /**
     * @return the name of the transport under test.
     */
    protected abstract String transport();

    /**
     * @return properties given to every rank (for example a small eager threshold).
     */
    protected Map<String, String> properties()
    {
        return Map.of();
    }

    protected void job(final int size, final RankBody body)
    {
        ThreadJob.run(size, transport(), properties(), 90, body);
    }

    static void fill(final MutableDirectBuffer buffer, final int offset, final int length, final long seed)
    {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            buffer.putByte(offset + i, (byte)x);
        }
    }

    static void check(final MutableDirectBuffer buffer, final int offset, final int length, final long seed)
    {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            if (buffer.getByte(offset + i) != (byte)x)
            {
                fail("byte " + i + " of " + length + " (seed " + seed + ") differs");
            }
        }
    }

    @Test
    void pingPongAcrossSizes()
    {
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            final int max = 1 << 20;
            final MutableDirectBuffer buffer = mpi.allocate(max);
            final Status status = new Status();
            for (int size = 0; size <= max; size = size == 0 ? 1 : size * 4)
            {
                if (world.rank() == 0)
                {
                    fill(buffer, 0, size, size);
                    world.send(buffer, 0, size, 1, 7);
                    buffer.setMemory(0, size, (byte)0);
                    final int got = world.recv(buffer, 0, max, 1, 8, status);
                    assertEquals(size, got);
                    check(buffer, 0, size, size + 1);
                }
                else
                {
                    final int got = world.recv(buffer, 0, max, 0, 7, status);
                    assertEquals(size, got);
                    assertEquals(0, status.source());
                    assertEquals(7, status.tag());
                    assertEquals(size, status.count());
                    check(buffer, 0, size, size);
                    fill(buffer, 0, size, size + 1);
                    world.send(buffer, 0, size, 0, 8);
                }
            }
        });
    }

    @Test
    void messagesDoNotOvertakeAcrossTheEagerThreshold()
    {
        for (final long seed : new long[]{ 1, 2, 3 })
        {
            job(2, mpi ->
            {
                final Communicator world = mpi.world();
                final Random random = new Random(seed);
                final int count = 300;
                final int threshold = mpi.eagerLimit();
                final int[] sizes = new int[count];
                for (int i = 0; i < count; i++)
                {
                    final int pick = random.nextInt(4);
                    sizes[i] = switch (pick)
                    {
                        case 0 -> random.nextInt(64);
                        case 1 -> Math.max(0, threshold - 2 + random.nextInt(4));
                        case 2 -> threshold + 1 + random.nextInt(4 * threshold);
                        default -> random.nextInt(threshold + 1);
                    };
                }
                if (world.rank() == 0)
                {
                    final MutableDirectBuffer[] buffers = new MutableDirectBuffer[count];
                    final Request[] requests = new Request[count];
                    for (int i = 0; i < count; i++)
                    {
                        buffers[i] = random.nextBoolean() ? mpi.allocate(sizes[i]) : new UnsafeBuffer(new byte[sizes[i]]);
                        fill(buffers[i], 0, sizes[i], seed * 1000 + i);
                        requests[i] = world.iSend(buffers[i], 0, sizes[i], 1, i % 3);
                    }
                    Request.waitAll(requests);
                }
                else
                {
                    final MutableDirectBuffer buffer = mpi.allocate(5 * threshold + 64);
                    final Status status = new Status();
                    for (int i = 0; i < count; i++)
                    {
                        final int got = world.recv(buffer, 0, buffer.capacity(), 0, ANY_TAG, status);
                        assertEquals(sizes[i], got, "message " + i + " (seed " + seed + ") arrived out of order");
                        assertEquals(i % 3, status.tag(), "seed " + seed);
                        check(buffer, 0, got, seed * 1000 + i);
                    }
                }
            });
        }
    }

    @Test
    void anySourceKeepsEachSendersOrder()
    {
        job(4, mpi ->
        {
            final Communicator world = mpi.world();
            final int perSender = 200;
            final MutableDirectBuffer buffer = mpi.allocate(64 * 1024);
            if (world.rank() == 0)
            {
                final int[] next = new int[world.size()];
                final Status status = new Status();
                for (int i = 0; i < perSender * (world.size() - 1); i++)
                {
                    world.recv(buffer, 0, buffer.capacity(), ANY_SOURCE, ANY_TAG, status);
                    final int source = status.source();
                    assertEquals(next[source], buffer.getInt(0), "from rank " + source);
                    assertEquals(next[source], status.tag());
                    next[source]++;
                }
            }
            else
            {
                for (int i = 0; i < perSender; i++)
                {
                    buffer.putInt(0, i);
                    final int length = (i % 10 == 0) ? 40_000 : 4 + (i % 100);
                    world.send(buffer, 0, length, 0, i);
                }
            }
        });
    }

    @Test
    void wildcardsMatchInArrivalOrderAndProbeAgreesWithReceive()
    {
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            final MutableDirectBuffer buffer = mpi.allocate(100_000);
            if (world.rank() == 1)
            {
                // non-blocking: the large message's rendezvous completes only when rank 0 receives it
                final int[] lengths = { 8, 50_000, 0, 300 };
                final Request[] requests = new Request[lengths.length + 1];
                int offset = 0;
                for (int i = 0; i < lengths.length; i++)
                {
                    fill(buffer, offset, lengths[i], i);
                    requests[i] = world.iSend(buffer, offset, lengths[i], 0, 10 + i);
                    offset += lengths[i];
                }
                requests[lengths.length] = world.iSsend(buffer, 0, 0, 0, 99);
                Request.waitAll(requests);
            }
            else
            {
                // wait until everything has arrived, so arrival order is fixed
                world.probe(1, 99, null);
                final Status probed = new Status();
                final Status received = new Status();
                final int[] lengths = { 8, 50_000, 0, 300 };
                for (int i = 0; i < lengths.length; i++)
                {
                    world.probe(ANY_SOURCE, ANY_TAG, probed);
                    assertEquals(10 + i, probed.tag());
                    assertEquals(lengths[i], probed.count());
                    assertEquals(1, probed.source());
                    world.recv(buffer, 0, buffer.capacity(), ANY_SOURCE, ANY_TAG, received);
                    assertEquals(probed.tag(), received.tag());
                    assertEquals(probed.count(), received.count());
                    assertEquals(probed.source(), received.source());
                    check(buffer, 0, lengths[i], i);
                }
                assertTrue(world.iProbe(1, 99, null));
                world.recv(buffer, 0, 0, 1, 99);
                assertFalse(world.iProbe(ANY_SOURCE, ANY_TAG, null));
            }
        });
    }

    @Test
    void truncationFailsTheReceiveAndWritesNothingOutsideTheBuffer()
    {
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            final int[] lengths = { 100, 200_000 };
            if (world.rank() == 0)
            {
                final MutableDirectBuffer buffer = mpi.allocate(200_000);
                for (final int length : lengths)
                {
                    fill(buffer, 0, length, length);
                    world.send(buffer, 0, length, 1, 1);
                }
                world.send(buffer, 0, 16, 1, 2);
            }
            else
            {
                final MutableDirectBuffer buffer = mpi.allocate(256);
                for (final int length : lengths)
                {
                    buffer.setMemory(0, 256, (byte)0x5A);
                    final Status status = new Status();
                    final MyrmidonException ex = assertThrows(MyrmidonException.class,
                        () -> world.recv(buffer, 64, 64, 0, 1, status));
                    assertEquals(ErrorClass.TRUNCATE, ex.errorClass());
                    assertTrue(ex.getMessage().contains(Integer.toString(length)), ex.getMessage());
                    assertEquals(length, status.count());
                    assertEquals(ErrorClass.TRUNCATE, status.error());
                    for (int i = 0; i < 256; i++)
                    {
                        assertEquals((byte)0x5A, buffer.getByte(i), "byte " + i + " was written");
                    }
                }
                // the channel still works after truncations
                assertEquals(16, world.recv(buffer, 0, 256, 0, 2));
            }
        });
    }

    @Test
    void ssendCompletesOnlyOnceTheReceiveMatched()
    {
        final AtomicBoolean posted = new AtomicBoolean();
        final CountDownLatch checked = new CountDownLatch(1);
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            for (final int length : new int[]{ 8, 100_000 })
            {
                final MutableDirectBuffer buffer = mpi.allocate(length);
                if (world.rank() == 0)
                {
                    final Request request = world.iSsend(buffer, 0, length, 1, 3);
                    for (int i = 0; i < 1000; i++)
                    {
                        assertFalse(request.test(), "iSsend completed before the receive was posted");
                    }
                    if (length == 8)
                    {
                        checked.countDown();
                    }
                    request.waitFor();
                    assertTrue(posted.get());
                    world.ssend(buffer, 0, length, 1, 4);
                    world.recv(buffer, 0, 0, 1, 5);
                }
                else
                {
                    if (length == 8)
                    {
                        checked.await();
                    }
                    else
                    {
                        Thread.sleep(20);
                    }
                    posted.set(true);
                    world.recv(buffer, 0, length, 0, 3);
                    world.recv(buffer, 0, length, 0, 4);
                    posted.set(false);
                    world.send(buffer, 0, 0, 0, 5);
                }
            }
        });
    }

    @Test
    void nonBlockingRequestsCompleteInAnyOrder()
    {
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            final int n = 16;
            final int length = 20_000;
            final MutableDirectBuffer buffer = mpi.allocate(n * length);
            final Request[] requests = new Request[n];
            if (world.rank() == 0)
            {
                for (int i = n - 1; i >= 0; i--)
                {
                    fill(buffer, i * length, length, i);
                    requests[i] = world.iSend(buffer, i * length, (i % 2 == 0) ? 16 : length, 1, i);
                }
                final Status status = new Status();
                int done = 0;
                while (done < n)
                {
                    final int index = Request.waitAny(requests, n, status);
                    assertTrue(index >= 0);
                    requests[index] = null;
                    done++;
                }
                assertEquals(-1, Request.waitAny(requests, n, status));
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    requests[i] = world.iRecv(buffer, i * length, length, 0, i);
                }
                final Status status = new Status();
                for (int i = n - 1; i >= 0; i--)
                {
                    requests[i].waitFor(status);
                    assertEquals(i, status.tag());
                    assertEquals((i % 2 == 0) ? 16 : length, status.count());
                    check(buffer, i * length, status.count(), i);
                }
                assertFalse(requests[0].isActive());
                final MyrmidonException ex = assertThrows(MyrmidonException.class, () -> requests[0].test());
                assertEquals(ErrorClass.REQUEST, ex.errorClass());
            }
            assertTrue(Request.testAll(requests, 0));
        });
    }

    @Test
    void postedReceiveCanBeCancelled()
    {
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            final MutableDirectBuffer buffer = mpi.allocate(64);
            final Request request = world.iRecv(buffer, 0, 64, ANY_SOURCE, 42);
            assertTrue(request.cancel());
            final Status status = new Status();
            request.waitFor(status);
            assertTrue(status.isCancelled());
            // a message sent later to that tag is not swallowed by the cancelled receive
            if (world.rank() == 0)
            {
                buffer.putLong(0, 77);
                world.send(buffer, 0, 8, 1, 42);
            }
            else
            {
                assertEquals(8, world.recv(buffer, 0, 64, 0, 42));
                assertEquals(77, buffer.getLong(0));
            }
        });
    }

    @Test
    void procNullAndSelfMessages()
    {
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            final MutableDirectBuffer buffer = mpi.allocate(300_000);
            final Status status = new Status();
            world.send(buffer, 0, 8, PROC_NULL, 0);
            assertEquals(0, world.recv(buffer, 0, 8, PROC_NULL, 0, status));
            assertEquals(PROC_NULL, status.source());
            for (final int length : new int[]{ 0, 8, 250_000 })
            {
                final MutableDirectBuffer out = mpi.allocate(length);
                fill(out, 0, length, length);
                final Request send = world.iSend(out, 0, length, world.rank(), 9);
                assertEquals(length, world.recv(buffer, 0, buffer.capacity(), world.rank(), 9, status));
                assertEquals(world.rank(), status.source());
                send.waitFor();
                check(buffer, 0, length, length);
            }
        });
    }

    @Test
    void sendRecvAroundARing()
    {
        job(5, mpi ->
        {
            final Communicator world = mpi.world();
            final int size = world.size();
            final int right = (world.rank() + 1) % size;
            final int left = (world.rank() + size - 1) % size;
            final MutableDirectBuffer out = mpi.allocate(70_000);
            final MutableDirectBuffer in = mpi.allocate(70_000);
            for (final int length : new int[]{ 4, 70_000 })
            {
                fill(out, 0, length, world.rank());
                final Status status = new Status();
                world.sendRecv(out, 0, length, right, 1, in, 0, length, left, 1, status);
                assertEquals(left, status.source());
                check(in, 0, length, left);
            }
        });
    }

    @Test
    void manyRanksExchangeWithEveryone()
    {
        job(8, mpi ->
        {
            final Communicator world = mpi.world();
            final int size = world.size();
            final int length = 3000;
            final MutableDirectBuffer out = mpi.allocate(length);
            final MutableDirectBuffer in = mpi.allocate(length * size);
            fill(out, 0, length, world.rank());
            final Request[] requests = new Request[2 * size];
            for (int round = 0; round < 20; round++)
            {
                int n = 0;
                for (int peer = 0; peer < size; peer++)
                {
                    requests[n++] = world.iRecv(in, peer * length, length, peer, round);
                }
                for (int peer = 0; peer < size; peer++)
                {
                    requests[n++] = world.iSend(out, 0, length, peer, round);
                }
                Request.waitAll(requests, n);
                for (int peer = 0; peer < size; peer++)
                {
                    check(in, peer * length, length, peer);
                }
            }
        });
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingIsSent()
    {
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            final MutableDirectBuffer buffer = mpi.allocate(16);
            assertError(ErrorClass.RANK, () -> world.send(buffer, 0, 8, 2, 0));
            assertError(ErrorClass.RANK, () -> world.send(buffer, 0, 8, -5, 0));
            assertError(ErrorClass.RANK, () -> world.recv(buffer, 0, 8, 7, 0));
            assertError(ErrorClass.TAG, () -> world.send(buffer, 0, 8, 1, -3));
            assertError(ErrorClass.TAG, () -> world.send(buffer, 0, 8, 1, ANY_TAG));
            assertError(ErrorClass.TAG, () -> world.recv(buffer, 0, 8, 1, -7));
            assertError(ErrorClass.COUNT, () -> world.send(buffer, 0, -1, 1, 0));
            assertError(ErrorClass.BUFFER, () -> world.send(buffer, 10, 8, 1, 0));
            assertError(ErrorClass.BUFFER, () -> world.iRecv(buffer, -1, 8, 1, 0));
            assertError(ErrorClass.BUFFER, () -> world.send(null, 0, 8, 1, 0));
            assertError(ErrorClass.COUNT, () -> mpi.allocate(-1));
            // nothing was sent: the next message is the first one the peer sees
            if (world.rank() == 0)
            {
                buffer.putInt(0, 1234);
                world.send(buffer, 0, 4, 1, 0);
            }
            else
            {
                final Status status = new Status();
                world.recv(buffer, 0, 16, ANY_SOURCE, ANY_TAG, status);
                assertEquals(4, status.count());
                assertEquals(1234, buffer.getInt(0));
            }
        });
    }

    @Test
    void callsAfterCloseAreRejected()
    {
        final Myrmidon[] kept = new Myrmidon[2];
        job(2, mpi -> kept[mpi.rank()] = mpi);
        assertError(ErrorClass.NOT_INITIALIZED, () -> kept[0].world());
    }

    protected static void assertError(final ErrorClass expected, final org.junit.jupiter.api.function.Executable call)
    {
        final MyrmidonException ex = assertThrows(MyrmidonException.class, call);
        assertEquals(expected, ex.errorClass(), ex.getMessage());
        assertFalse(ex.getMessage().isBlank());
    }
}
