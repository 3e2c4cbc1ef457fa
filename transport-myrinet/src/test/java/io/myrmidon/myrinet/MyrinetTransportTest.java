package io.myrmidon.myrinet;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.myrmidon.launch.InProcessJob;
import io.myrmidon.spi.Transport;
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
}
