package io.myrmidon.perf;

import io.myrmidon.Communicator;
import io.myrmidon.Myrmidon;
import io.myrmidon.MyrmidonContext;
import io.myrmidon.Request;
import io.myrmidon.launch.SingletonBootstrap;
import org.agrona.MutableDirectBuffer;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * The engine's matching and request pool on one rank (messages to self): a non-blocking send to
 * self followed by a receive that matches it, with {@code depth} unmatched messages of another tag
 * queued ahead of it in the unexpected queue. Measures the cost of posting, matching (a scan past
 * {@code depth} entries), the local copy and the pooled requests; it must not allocate (run with
 * {@code -prof gc}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED" })
public class MatchingBenchmark
{
    @Param({ "0", "16", "256" })
    int depth;

    @Param({ "8", "4096" })
    int size;

    private Myrmidon mpi;
    private Communicator world;
    private MutableDirectBuffer sendBuffer;
    private MutableDirectBuffer recvBuffer;

    @Setup
    public void setUp()
    {
        mpi = Myrmidon.init(new MyrmidonContext().bootstrap(new SingletonBootstrap("self")));
        world = mpi.world();
        sendBuffer = mpi.allocate(size);
        recvBuffer = mpi.allocate(size);
        for (int i = 0; i < depth; i++)
        {
            world.send(sendBuffer, 0, 8, 0, 1000);
        }
    }

    @TearDown
    public void tearDown()
    {
        for (int i = 0; i < depth; i++)
        {
            world.recv(recvBuffer, 0, size, 0, 1000);
        }
        mpi.close();
    }

    @Benchmark
    public int sendToSelfThenMatch()
    {
        final Request send = world.iSend(sendBuffer, 0, size, 0, 7);
        final int received = world.recv(recvBuffer, 0, size, 0, 7);
        send.waitFor();
        return received;
    }

    @Benchmark
    public boolean postAndCancelReceive()
    {
        final Request receive = world.iRecv(recvBuffer, 0, size, 0, 9);
        final boolean cancelled = receive.cancel();
        receive.waitFor();
        return cancelled;
    }
}
