package io.myrmidon.perf;

import io.myrmidon.Communicator;
import io.myrmidon.Myrmidon;
import io.myrmidon.MyrmidonContext;
import io.myrmidon.launch.InProcessJob;
import org.agrona.MutableDirectBuffer;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Round trip of the whole stack (API, engine, threads transport rings) between two rank threads
 * of one JVM: the benchmark thread is rank 0; a background thread is rank 1 and echoes. Halve the
 * score for one-way latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED" })
public class ThreadsPingPongBenchmark
{
    private static final int STOP_TAG = 99;

    @Param({ "8", "4096", "65536" })
    int size;

    private Myrmidon rank0;
    private Communicator world;
    private MutableDirectBuffer buffer;
    private Thread echo;
    private final AtomicBoolean failed = new AtomicBoolean();

    @Setup
    public void setUp() throws InterruptedException
    {
        final InProcessJob job = new InProcessJob(2, "threads");
        echo = new Thread(() ->
        {
            try (Myrmidon rank1 = Myrmidon.init(new MyrmidonContext().bootstrap(job.bootstrap(1))))
            {
                final Communicator w = rank1.world();
                final MutableDirectBuffer b = rank1.allocate(size);
                final io.myrmidon.Status status = new io.myrmidon.Status();
                while (true)
                {
                    w.recv(b, 0, size, 0, Communicator.ANY_TAG, status);
                    if (status.tag() == STOP_TAG)
                    {
                        break;
                    }
                    w.send(b, 0, size, 0, 1);
                }
            }
            catch (final RuntimeException ex)
            {
                failed.set(true);
                throw ex;
            }
        }, "rank-1-echo");
        echo.start();
        rank0 = Myrmidon.init(new MyrmidonContext().bootstrap(job.bootstrap(0)));
        world = rank0.world();
        buffer = rank0.allocate(size);
    }

    @TearDown
    public void tearDown() throws InterruptedException
    {
        world.send(buffer, 0, 0, 1, STOP_TAG);
        rank0.close();
        echo.join(10_000);
        if (failed.get())
        {
            throw new IllegalStateException("the echo rank failed");
        }
    }

    @Benchmark
    public int roundTrip()
    {
        world.send(buffer, 0, size, 1, 1);
        return world.recv(buffer, 0, size, 1, 1);
    }
}
