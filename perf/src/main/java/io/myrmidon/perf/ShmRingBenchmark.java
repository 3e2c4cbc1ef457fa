package io.myrmidon.perf;

import io.myrmidon.launch.InProcessJob;
import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportContext;
import io.myrmidon.spi.Bootstrap;
import io.myrmidon.engine.Transports;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shared-memory ring of the {@code shm} transport on one thread: rank 0 offers a fragment
 * (32-byte header plus payload) into rank 1's mapped segment, and rank 1 polls it out. Both
 * endpoints live in this JVM (their segments are real /dev/shm mappings) and are driven by the
 * benchmark thread, so the score is the copy-in, publish, read and copy-out cost without the
 * cross-core transfer. Must not allocate (run with {@code -prof gc}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED" })
public class ShmRingBenchmark
{
    @Param({ "8", "4096" })
    int size;

    private Transport sender;
    private Transport receiver;
    private final UnsafeBuffer header = new UnsafeBuffer(BufferUtil.allocateDirectAligned(32, 64));
    private UnsafeBuffer payload;
    private final Sink sink = new Sink();

    @Setup
    public void setUp()
    {
        final InProcessJob job = new InProcessJob(2, "shm");
        final CompletableFuture<Transport> rank1 = CompletableFuture.supplyAsync(() -> open(job.bootstrap(1)));
        sender = open(job.bootstrap(0));
        receiver = rank1.join();
        payload = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(size, 64), 64));
    }

    private static Transport open(final Bootstrap bootstrap)
    {
        return Transports.provider("shm").open(new TransportContext()
        {
            @Override
            public Bootstrap bootstrap()
            {
                return bootstrap;
            }

            @Override
            public String property(final String name, final String defaultValue)
            {
                return defaultValue;
            }
        });
    }

    @TearDown
    public void tearDown()
    {
        sender.close();
        receiver.close();
    }

    @Benchmark
    public long offerThenPoll()
    {
        if (!sender.offer(1, header, 32, payload, 0, size))
        {
            throw new IllegalStateException("ring full");
        }
        // a poll that meets the ring's wrap-around padding delivers nothing: poll again
        while (receiver.poll(sink, 1) == 0)
        {
            Thread.onSpinWait();
        }
        return sink.bytes;
    }

    private static final class Sink implements FragmentHandler
    {
        long bytes;

        @Override
        public void onFragment(final int source, final DirectBuffer buffer, final int offset, final int length)
        {
            bytes += buffer.getByte(offset + length - 1) + length;
        }

        @Override
        public void onPullComplete(final long token, final boolean success)
        {
        }

        @Override
        public void onPeerFailure(final int rank, final String reason)
        {
        }
    }
}
