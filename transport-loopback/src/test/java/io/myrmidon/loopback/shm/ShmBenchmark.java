package io.myrmidon.loopback.shm;

import io.myrmidon.spi.Bootstrap;
import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A harness (not a test) for the raw {@code shm} transport between two JVMs: one-way latency
 * (median round trip / 2, busy spinning) with a 32-byte header like the engine's plus the payload,
 * and streaming bandwidth of a message size through the rings (fragments copied out by the
 * receiver, as eager does) against single-copy pulls ({@code process_vm_readv}, a window of 64
 * announcements and one acknowledgement per pull, as rendezvous does).
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *     -cp &lt;test classpath&gt; io.myrmidon.loopback.shm.ShmBenchmark
 * </pre>
 */
public final class ShmBenchmark
{
    static final int HEADER_LENGTH = 32;
    private static final int FIN_LENGTH = 8;
    private static final int WINDOW = 64;

    private ShmBenchmark()
    {
    }

    /**
     * Without arguments: the raw latency and bandwidth tables. With {@code latency <sizes>
     * <iterations> <warmup>} or {@code bandwidth <sizes> <bytesPerSize>}: one of them. Otherwise runs that main
     * class with those arguments as 2 ranks over shm, for example
     * {@code io.myrmidon.examples.PingPong --sizes 8,4096} with the examples on the class path.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path directory = Files.createTempDirectory("myrmidon-shm-bench");
        final List<String> jvm = List.of("-Xmx512m", "-XX:+UseParallelGC");
        if (args.length > 0 && ("latency".equals(args[0]) || "bandwidth".equals(args[0])))
        {
            run(directory.resolve(args[0]), jvm, args);
            return;
        }
        if (args.length > 0)
        {
            final String[] modeAndArgs = new String[args.length + 1];
            modeAndArgs[0] = "main";
            System.arraycopy(args, 0, modeAndArgs, 1, args.length);
            run(directory.resolve("main"), jvm, modeAndArgs);
            return;
        }
        run(directory.resolve("latency"), jvm, "latency", "8,64,1024,4096,16384,32768,65536,131072,1048576", "200000", "50000");
        run(directory.resolve("bandwidth"), jvm, "bandwidth", "16384,32768,65536,131072,1048576,4194304", "4294967296");
    }

    private static void run(final Path directory, final List<String> jvm, final String... modeAndArgs) throws Exception
    {
        Files.createDirectories(directory);
        try (RankProcesses ranks = RankProcesses.start(
            directory, "bench-" + ProcessHandle.current().pid() + "-" + modeAndArgs[0], 2, jvm, modeAndArgs))
        {
            final int[] codes = ranks.waitFor(10, TimeUnit.MINUTES);
            System.out.print(ranks.outputs());
            System.out.println("exit codes " + Arrays.toString(codes));
        }
    }

    static int latency(
        final Transport transport, final Bootstrap bootstrap, final String sizes, final int iterations, final int warmup)
    {
        final int rank = bootstrap.rank();
        final int maxSize = Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).max().orElseThrow();
        final UnsafeBuffer message = new UnsafeBuffer(BufferUtil.allocateDirectAligned(maxSize + 64, 4096));
        final UnsafeBuffer landing = new UnsafeBuffer(BufferUtil.allocateDirectAligned(maxSize + 64, 4096));
        final Counter counter = new Counter(transport);
        final int maxPayload = transport.capabilities().maxFragmentLength() - HEADER_LENGTH;
        if (rank == 0)
        {
            System.out.println("# shm raw offer/poll, one-way latency = round trip / 2, header " + HEADER_LENGTH + " B;");
            System.out.println("# eager: one fragment each way; pull: announcement, process_vm_readv, FIN each way");
            System.out.println("# payload_B protocol  p50_ns  avg_ns  p99_ns");
        }
        for (final String text : sizes.split(","))
        {
            final int size = Integer.parseInt(text);
            final int scale = size > 65536 ? 50 : 1;
            final int n = Math.max(1000, iterations / scale);
            final int w = Math.max(100, warmup / scale);
            if (size <= maxPayload)
            {
                report(rank, size, "eager", pingPong(transport, bootstrap, counter, message, null, size, n, w));
            }
            if (size >= 4096 && transport.capabilities().bulkPull())
            {
                report(rank, size, "pull", pingPong(transport, bootstrap, counter, message, landing, size, n, w));
            }
        }
        return 0;
    }

    private static long[] pingPong(
        final Transport transport, final Bootstrap bootstrap, final Counter counter, final UnsafeBuffer message,
        final UnsafeBuffer landing, final int size, final int iterations, final int warmup)
    {
        final int rank = bootstrap.rank();
        final int peer = 1 - rank;
        final UnsafeBuffer announcement = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
        final boolean pull = landing != null;
        if (pull)
        {
            transport.exposeForPull(peer, message, 0, size, announcement, 0);
            counter.pullInto = landing;
            counter.pullLength = size;
        }
        final long[] roundTrips = new long[iterations];
        bootstrap.barrier();
        for (int i = -warmup; i < iterations; i++)
        {
            final long start = System.nanoTime();
            if (rank == 0)
            {
                ping(transport, counter, peer, message, announcement, size, pull);
                pong(transport, counter, peer, pull);
            }
            else
            {
                pong(transport, counter, peer, pull);
                ping(transport, counter, peer, message, announcement, size, pull);
            }
            if (i >= 0)
            {
                roundTrips[i] = System.nanoTime() - start;
            }
        }
        counter.pullInto = null;
        bootstrap.barrier(); // the last FINs have landed before the next size starts
        while (transport.poll(counter, 64) > 0)
        {
            Thread.onSpinWait();
        }
        return roundTrips;
    }

    private static void ping(
        final Transport transport, final Counter counter, final int peer, final UnsafeBuffer message,
        final UnsafeBuffer announcement, final int size, final boolean pull)
    {
        if (pull)
        {
            while (!transport.offer(peer, announcement, HEADER_LENGTH, announcement, 0, 0))
            {
                transport.poll(counter, 16);
            }
        }
        else
        {
            send(transport, counter, peer, message, size);
        }
    }

    private static void pong(final Transport transport, final Counter counter, final int peer, final boolean pull)
    {
        if (pull)
        {
            final long target = counter.pulls + 1;
            while (counter.pulls < target)
            {
                transport.poll(counter, 16);
            }
            while (!transport.offer(peer, counter.fin, FIN_LENGTH, counter.fin, 0, 0))
            {
                transport.poll(counter, 16);
            }
        }
        else
        {
            awaitFragments(transport, counter, counter.fragments + 1);
        }
    }

    private static void report(final int rank, final int size, final String protocol, final long[] roundTrips)
    {
        if (rank == 0)
        {
            final int n = roundTrips.length;
            final long sum = Arrays.stream(roundTrips).sum();
            Arrays.sort(roundTrips);
            System.out.printf("%10d %-8s %8.1f %8.1f %8.1f%n", size, protocol, roundTrips[n / 2] / 2.0,
                sum / 2.0 / n, roundTrips[(int)(n * 0.99)] / 2.0);
        }
    }

    static int bandwidth(final Transport transport, final Bootstrap bootstrap, final String sizes, final long bytes)
    {
        final int rank = bootstrap.rank();
        final int peer = 1 - rank;
        final int maxSize = Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).max().orElseThrow();
        final UnsafeBuffer message = new UnsafeBuffer(BufferUtil.allocateDirectAligned(maxSize + 64, 4096));
        final Counter counter = new Counter(transport);
        if (rank == 0)
        {
            System.out.println("# shm raw streaming bandwidth, MB/s (1e6 B/s); pull bulkPull=" +
                transport.capabilities().bulkPull() + ", max fragment " + transport.capabilities().maxFragmentLength());
            System.out.println("# size_B  ring_eager_MBps  pull_rendezvous_MBps");
        }
        for (final String text : sizes.split(","))
        {
            final int size = Integer.parseInt(text);
            final int messages = (int)Math.max(WINDOW, Math.min(200_000, bytes / size));
            bootstrap.barrier();
            final double ring = ringStream(transport, counter, rank, peer, message, size, messages);
            bootstrap.barrier();
            final double pull = pullStream(transport, counter, rank, peer, message, size, messages);
            if (rank == 0)
            {
                System.out.printf("%9d %12.0f %12.0f%n", size, ring, pull);
            }
        }
        return 0;
    }

    private static double ringStream(
        final Transport transport, final Counter counter, final int rank, final int peer,
        final UnsafeBuffer message, final int size, final int messages)
    {
        final int chunk = transport.capabilities().maxFragmentLength() - HEADER_LENGTH;
        final long start = System.nanoTime();
        if (rank == 0)
        {
            final long acks = counter.fragments + 1;
            for (int m = 0; m < messages; m++)
            {
                for (int offset = 0; offset < size; offset += chunk)
                {
                    while (!transport.offer(peer, message, HEADER_LENGTH, message, offset, Math.min(chunk, size - offset)))
                    {
                        transport.poll(counter, 16);
                    }
                }
            }
            awaitFragments(transport, counter, acks);
            return (double)size * messages / (System.nanoTime() - start) * 1_000;
        }
        counter.copyTo = message;
        counter.copyLength = size;
        counter.payloadBytes = 0;
        final long target = (long)size * messages;
        while (counter.payloadBytes < target)
        {
            transport.poll(counter, 64);
        }
        counter.copyTo = null;
        send(transport, counter, peer, message, 0);
        return 0;
    }

    private static double pullStream(
        final Transport transport, final Counter counter, final int rank, final int peer,
        final UnsafeBuffer message, final int size, final int messages)
    {
        final long start = System.nanoTime();
        if (rank == 0)
        {
            final UnsafeBuffer announcement = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
            if (transport.exposeForPull(peer, message, 0, size, announcement, 0) < 0)
            {
                return 0;
            }
            final long firstAck = counter.fragments;
            for (int m = 0; m < messages; m++)
            {
                while (m - (counter.fragments - firstAck) >= WINDOW)
                {
                    transport.poll(counter, 16);
                }
                while (!transport.offer(peer, announcement, HEADER_LENGTH, announcement, 0, 0))
                {
                    transport.poll(counter, 16);
                }
            }
            awaitFragments(transport, counter, firstAck + messages);
            return (double)size * messages / (System.nanoTime() - start) * 1_000;
        }
        counter.pullInto = message;
        counter.pullLength = size;
        final long firstPull = counter.pulls;
        for (long acked = 0; acked < messages; )
        {
            transport.poll(counter, 1);
            while (acked < counter.pulls - firstPull)
            {
                send(transport, counter, peer, message, 0);
                acked++;
            }
        }
        counter.pullInto = null;
        return 0;
    }

    private static void send(
        final Transport transport, final Counter counter, final int peer, final UnsafeBuffer message, final int size)
    {
        while (!transport.offer(peer, message, HEADER_LENGTH, message, 0, size))
        {
            transport.poll(counter, 16);
        }
    }

    private static void awaitFragments(final Transport transport, final Counter counter, final long target)
    {
        while (counter.fragments < target)
        {
            transport.poll(counter, 16);
        }
    }

    /**
     * Counts fragments; optionally copies payloads out (as eager delivery does) or pulls the
     * announced region (as rendezvous does).
     */
    private static final class Counter implements FragmentHandler
    {
        private final Transport transport;
        final UnsafeBuffer fin = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
        long fragments;
        long payloadBytes;
        long pulls;
        UnsafeBuffer copyTo;
        int copyLength;
        UnsafeBuffer pullInto;
        int pullLength;

        private Counter(final Transport transport)
        {
            this.transport = transport;
        }

        @Override
        public void onFragment(final int source, final DirectBuffer buffer, final int offset, final int length)
        {
            fragments++;
            final int payload = length - HEADER_LENGTH;
            if (copyTo != null)
            {
                copyTo.putBytes((int)(payloadBytes % copyLength), buffer, offset + HEADER_LENGTH, payload);
                payloadBytes += payload;
            }
            if (pullInto != null && length == HEADER_LENGTH)
            {
                if (transport.pull(source, buffer, offset, PullDescriptor.LENGTH, pullInto, 0, pullLength, pulls) !=
                    Transport.PULL_COMPLETE)
                {
                    throw new IllegalStateException("pull failed");
                }
                pulls++;
            }
        }

        @Override
        public void onPullComplete(final long token, final boolean success)
        {
        }

        @Override
        public void onPeerFailure(final int rank, final String reason)
        {
            throw new IllegalStateException("peer " + rank + " failed: " + reason);
        }
    }
}
