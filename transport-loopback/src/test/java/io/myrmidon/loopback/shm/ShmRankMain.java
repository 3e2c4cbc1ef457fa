package io.myrmidon.loopback.shm;

import io.myrmidon.launch.Bootstraps;
import io.myrmidon.spi.Bootstrap;
import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One rank of a multi-process test or benchmark, started by {@link RankProcesses}:
 * {@code ShmRankMain <bootstrapDir> <jobId> <rank> <size> <mode> [args]}. Exit code 0 means the
 * rank saw what it expected; otherwise it prints why.
 *
 * <ul>
 *   <li>{@code exchange <messagesPerPeer> <seed>}: {@link ExchangeScenario} with every rank.</li>
 *   <li>{@code victim}: rank 0 ping-pongs with rank 1 until rank 1 dies (the test kills it),
 *   and prints how that was reported.</li>
 *   <li>{@code main <class> [args]}: that class's {@code main} over the whole stack, for
 *   example {@code io.myrmidon.examples.PingPong} (when it is on the class path).</li>
 *   <li>{@code latency <sizes> <iterations> <warmup>} and {@code bandwidth <sizes> <bytes>}: see
 *   {@link ShmBenchmark}; ranks 0 and 1 only.</li>
 * </ul>
 */
public final class ShmRankMain
{
    private ShmRankMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Bootstrap bootstrap = new FileBootstrap(
            Path.of(args[0]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[1]);
        final String mode = args[4];
        if ("main".equals(mode))
        {
            runMain(bootstrap, args[5], Arrays.copyOfRange(args, 6, args.length));
            return;
        }
        final int exitCode;
        try (Transport transport = new ShmTransportProvider().open(new TestContext(bootstrap)))
        {
            exitCode = switch (mode)
            {
                case "exchange" -> exchange(transport, bootstrap, Integer.parseInt(args[5]), Long.parseLong(args[6]));
                case "victim" -> victim(transport, bootstrap);
                case "latency" -> ShmBenchmark.latency(transport, bootstrap, args[5], Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]));
                case "bandwidth" -> ShmBenchmark.bandwidth(transport, bootstrap, args[5], Long.parseLong(args[6]));
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
        }
        System.out.flush();
        System.exit(exitCode);
    }

    /**
     * Runs another program's {@code main} (an example, through the whole Myrmidon stack) with this
     * file bootstrap installed in place of the launcher's.
     */
    private static void runMain(final Bootstrap bootstrap, final String className, final String[] args) throws Exception
    {
        Bootstraps.installForThread(bootstrap);
        Class.forName(className).getMethod("main", String[].class).invoke(null, (Object)args);
    }

    private static int exchange(
        final Transport transport, final Bootstrap bootstrap, final int messagesPerPeer, final long seed)
    {
        final ExchangeScenario scenario =
            new ExchangeScenario(transport, bootstrap.rank(), bootstrap.size(), messagesPerPeer, seed);
        final String failure = scenario.run(TimeUnit.SECONDS.toNanos(90));
        bootstrap.barrier(); // nobody exits (and looks dead) while others still expect its fragments
        System.out.println(failure == null ? "EXCHANGE OK" : "EXCHANGE FAILED " + failure + " (seed " + seed + ")");
        return failure == null ? 0 : 1;
    }

    private static int victim(final Transport transport, final Bootstrap bootstrap)
    {
        final int rank = bootstrap.rank();
        final UnsafeBuffer message = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));
        final Waiting waiting = new Waiting(transport);
        final String[] failure = new String[1];
        final int[] received = new int[1];
        final FragmentHandler handler = new FragmentHandler()
        {
            @Override
            public void onFragment(final int source, final DirectBuffer buffer, final int offset, final int length)
            {
                received[0]++;
            }

            @Override
            public void onPullComplete(final long token, final boolean success)
            {
            }

            @Override
            public void onPeerFailure(final int peer, final String reason)
            {
                failure[0] = failure[0] == null ? "PEER_FAILURE rank=" + peer + " reason=" + reason : "REPORTED TWICE";
            }
        };
        System.out.println("READY");
        final int peer = 1 - rank;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long exchanged = 0;
        while (failure[0] == null && System.nanoTime() < deadline)
        {
            if (rank == 0 && received[0] == exchanged && transport.offer(peer, message, 64, message, 64, 512))
            {
                exchanged++;
            }
            if (rank == 1 && received[0] > exchanged && transport.offer(peer, message, 64, message, 64, 512))
            {
                exchanged++;
            }
            if (exchanged == 1000)
            {
                System.out.println("EXCHANGING");
            }
            waiting.idle(transport.poll(handler, 16));
        }
        if (failure[0] == null)
        {
            System.out.println("NO FAILURE REPORTED after " + exchanged + " exchanges");
            return 2;
        }
        for (int i = 0; i < 10_000; i++)
        {
            if (!transport.offer(peer, message, 64, message, 64, 512))
            {
                System.out.println("OFFER TO A DEAD PEER WAS BACK-PRESSURED");
                return 3;
            }
            transport.poll(handler, 16);
        }
        System.out.println(failure[0]);
        return failure[0].startsWith("PEER_FAILURE") ? 0 : 4;
    }

    static long median(final long[] values)
    {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
