package mpi;

import io.myrmidon.Communicator;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * OSU-style ping-pong between ranks 0 and 1, through this compatibility layer
 * ({@code MPI.COMM_WORLD.send/recv} on a direct {@code ByteBuffer}) and through Myrmidon's own
 * {@link Communicator} on the same memory, alternating round by round in the same run so that
 * both see the same machine (the order alternates from round to round). Prints the median and the
 * best one-way latency over the rounds, in microseconds, per size, and the overhead. Then the same
 * for OSU-style bandwidth: rank 0 posts a window of {@value #WINDOW} non-blocking sends of one
 * buffer, rank 1 as many receives, both wait for all of them, and rank 1 answers with 4 bytes;
 * MB/s (10^6 bytes per second), where a negative overhead means the layer is slower.
 *
 * <p>With one rank it measures the layer's fixed cost alone, free of the scheduling of two
 * ranks on a busy machine: a send to itself and its receive, per iteration, through both APIs
 * (nanoseconds per pair; eager sizes only).
 *
 * <pre>bin/myrmidon run -n 2 --transport shm --classpath CP mpi.CompatLatency [rounds]
 * bin/myrmidon run -n 1 --transport shm --classpath CP mpi.CompatLatency [rounds]</pre>
 */
public final class CompatLatency
{
    private static final int[] SIZES = {8, 4096, 1 << 20};
    private static final int WINDOW = 64;

    private CompatLatency()
    {
    }

    public static void main(final String[] args) throws MPIException
    {
        MPI.Init(args);
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        final int rank = MPI.COMM_WORLD.getRank();
        final Communicator raw = RankState.current().myrmidon.world();
        final ByteBuffer buffer = MPI.newByteBuffer(1 << 20);
        final UnsafeBuffer view = new UnsafeBuffer(buffer);
        if (MPI.COMM_WORLD.getSize() == 1)
        {
            selfCost(rounds, raw, buffer, view);
            MPI.Finalize();
            return;
        }
        if (rank == 0)
        {
            System.out.printf("%-9s %12s %12s %9s %12s %12s %9s%n", "bytes", "compat med", "myrmidon med", "overhead",
                "compat min", "myrmidon min", "overhead");
        }
        for (final int size : SIZES)
        {
            final int iterations = size >= 1 << 20 ? 200 : 20_000;
            final double[] compat = new double[rounds];
            final double[] own = new double[rounds];
            // a whole round of each first: the JIT recompiles what a new phase's profile changes
            // (both APIs' send and receive paths, after the previous size or the latency test), and
            // a round that ran during it would count code running interpreted
            compatPingPong(rank, buffer, size, iterations);
            ownPingPong(rank, raw, view, size, iterations);
            for (int r = 0; r < rounds; r++)
            {
                if ((r & 1) == 0)
                {
                    compat[r] = compatPingPong(rank, buffer, size, iterations);
                    own[r] = ownPingPong(rank, raw, view, size, iterations);
                }
                else
                {
                    own[r] = ownPingPong(rank, raw, view, size, iterations);
                    compat[r] = compatPingPong(rank, buffer, size, iterations);
                }
            }
            if (rank == 0)
            {
                final double c = median(compat);
                final double o = median(own);
                final double cMin = Arrays.stream(compat).min().orElseThrow();
                final double oMin = Arrays.stream(own).min().orElseThrow();
                System.out.printf("%-9d %12.2f %12.2f %8.1f%% %12.2f %12.2f %8.1f%%%n", size, c, o, 100 * (c - o) / o,
                    cMin, oMin, 100 * (cMin - oMin) / oMin);
            }
        }
        bandwidth(rank, rounds, raw, buffer, view);
        MPI.Finalize();
    }

    private static void bandwidth(final int rank, final int rounds, final Communicator raw, final ByteBuffer buffer,
        final UnsafeBuffer view) throws MPIException
    {
        if (rank == 0)
        {
            System.out.printf("%-9s %12s %12s %9s %12s %12s %9s%n", "bytes", "compat MB/s", "myrmidon MB/s",
                "overhead", "compat max", "myrmidon max", "overhead");
        }
        for (final int size : SIZES)
        {
            final int windows = size >= 1 << 20 ? 4 : size >= 4096 ? 100 : 400;
            final double[] compat = new double[rounds];
            final double[] own = new double[rounds];
            compatWindows(rank, buffer, size, windows); // a whole round of each first, as above
            ownWindows(rank, raw, view, size, windows);
            for (int r = 0; r < rounds; r++)
            {
                if ((r & 1) == 0)
                {
                    compat[r] = compatWindows(rank, buffer, size, windows);
                    own[r] = ownWindows(rank, raw, view, size, windows);
                }
                else
                {
                    own[r] = ownWindows(rank, raw, view, size, windows);
                    compat[r] = compatWindows(rank, buffer, size, windows);
                }
            }
            if (rank == 0)
            {
                final double c = median(compat);
                final double o = median(own);
                final double cMax = Arrays.stream(compat).max().orElseThrow();
                final double oMax = Arrays.stream(own).max().orElseThrow();
                System.out.printf("%-9d %12.1f %12.1f %8.1f%% %12.1f %12.1f %8.1f%%%n", size, c, o, 100 * (c - o) / o,
                    cMax, oMax, 100 * (cMax - oMax) / oMax);
            }
        }
    }

    private static double compatWindows(final int rank, final ByteBuffer buffer, final int size, final int windows)
        throws MPIException
    {
        final Request[] requests = new Request[WINDOW];
        final ByteBuffer ack = MPI.newByteBuffer(4);
        MPI.COMM_WORLD.barrier();
        final long start = System.nanoTime();
        for (int w = 0; w < windows; w++)
        {
            if (rank == 0)
            {
                for (int i = 0; i < WINDOW; i++)
                {
                    requests[i] = MPI.COMM_WORLD.iSend(buffer, size, MPI.BYTE, 1, 2);
                }
                Request.waitAll(requests);
                MPI.COMM_WORLD.recv(ack, 4, MPI.BYTE, 1, 3);
            }
            else if (rank == 1)
            {
                for (int i = 0; i < WINDOW; i++)
                {
                    requests[i] = MPI.COMM_WORLD.iRecv(buffer, size, MPI.BYTE, 0, 2);
                }
                Request.waitAll(requests);
                MPI.COMM_WORLD.send(ack, 4, MPI.BYTE, 0, 3);
            }
        }
        return (double)size * WINDOW * windows / ((System.nanoTime() - start) / 1e3);
    }

    private static double ownWindows(final int rank, final Communicator world, final UnsafeBuffer buffer,
        final int size, final int windows) throws MPIException
    {
        final io.myrmidon.Request[] requests = new io.myrmidon.Request[WINDOW];
        final UnsafeBuffer ack = new UnsafeBuffer(MPI.newByteBuffer(4));
        MPI.COMM_WORLD.barrier();
        final long start = System.nanoTime();
        for (int w = 0; w < windows; w++)
        {
            if (rank == 0)
            {
                for (int i = 0; i < WINDOW; i++)
                {
                    requests[i] = world.iSend(buffer, 0, size, 1, 2);
                }
                io.myrmidon.Request.waitAll(requests);
                world.recv(ack, 0, 4, 1, 3);
            }
            else if (rank == 1)
            {
                for (int i = 0; i < WINDOW; i++)
                {
                    requests[i] = world.iRecv(buffer, 0, size, 0, 2);
                }
                io.myrmidon.Request.waitAll(requests);
                world.send(ack, 0, 4, 0, 3);
            }
        }
        return (double)size * WINDOW * windows / ((System.nanoTime() - start) / 1e3);
    }

    private static double compatPingPong(final int rank, final ByteBuffer buffer, final int size, final int iterations)
        throws MPIException
    {
        MPI.COMM_WORLD.barrier();
        final long start = System.nanoTime();
        for (int i = 0; i < iterations; i++)
        {
            if (rank == 0)
            {
                MPI.COMM_WORLD.send(buffer, size, MPI.BYTE, 1, 1);
                MPI.COMM_WORLD.recv(buffer, size, MPI.BYTE, 1, 1);
            }
            else if (rank == 1)
            {
                MPI.COMM_WORLD.recv(buffer, size, MPI.BYTE, 0, 1);
                MPI.COMM_WORLD.send(buffer, size, MPI.BYTE, 0, 1);
            }
        }
        return (System.nanoTime() - start) / 2e3 / iterations;
    }

    private static double ownPingPong(final int rank, final Communicator world, final UnsafeBuffer buffer,
        final int size, final int iterations) throws MPIException
    {
        MPI.COMM_WORLD.barrier();
        final long start = System.nanoTime();
        for (int i = 0; i < iterations; i++)
        {
            if (rank == 0)
            {
                world.send(buffer, 0, size, 1, 1);
                world.recv(buffer, 0, size, 1, 1);
            }
            else if (rank == 1)
            {
                world.recv(buffer, 0, size, 0, 1);
                world.send(buffer, 0, size, 0, 1);
            }
        }
        return (System.nanoTime() - start) / 2e3 / iterations;
    }

    private static void selfCost(final int rounds, final Communicator raw, final ByteBuffer buffer,
        final UnsafeBuffer view) throws MPIException
    {
        System.out.printf("%-9s %12s %12s %9s %12s %12s%n", "bytes", "compat ns", "myrmidon ns", "extra ns",
            "compat min", "myrmidon min");
        final ByteBuffer in = MPI.newByteBuffer(4096);
        final UnsafeBuffer inView = new UnsafeBuffer(in);
        for (final int size : new int[]{8, 4096})
        {
            final int iterations = 200_000;
            final double[] compat = new double[rounds];
            final double[] own = new double[rounds];
            for (int r = -2; r < rounds; r++)
            {
                final long a = System.nanoTime();
                for (int i = 0; i < iterations; i++)
                {
                    MPI.COMM_WORLD.send(buffer, size, MPI.BYTE, 0, 1);
                    MPI.COMM_WORLD.recv(in, size, MPI.BYTE, 0, 1);
                }
                final long b = System.nanoTime();
                for (int i = 0; i < iterations; i++)
                {
                    raw.send(view, 0, size, 0, 1);
                    raw.recv(inView, 0, size, 0, 1);
                }
                final long c = System.nanoTime();
                if (r >= 0)
                {
                    compat[r] = (double)(b - a) / iterations;
                    own[r] = (double)(c - b) / iterations;
                }
            }
            final double cm = median(compat);
            final double om = median(own);
            System.out.printf("%-9d %12.1f %12.1f %9.1f %12.1f %12.1f%n", size, cm, om, cm - om,
                Arrays.stream(compat).min().orElseThrow(), Arrays.stream(own).min().orElseThrow());
        }
        // a window of non-blocking receives and sends to itself, as the bandwidth test posts them
        final Request[] compatRequests = new Request[2 * WINDOW];
        final io.myrmidon.Request[] ownRequests = new io.myrmidon.Request[2 * WINDOW];
        final int windows = 5_000;
        final double[] compat = new double[rounds];
        final double[] own = new double[rounds];
        for (int r = -2; r < rounds; r++)
        {
            final long a = System.nanoTime();
            for (int w = 0; w < windows; w++)
            {
                for (int i = 0; i < WINDOW; i++)
                {
                    compatRequests[i] = MPI.COMM_WORLD.iRecv(in, 8, MPI.BYTE, 0, 2);
                }
                for (int i = 0; i < WINDOW; i++)
                {
                    compatRequests[WINDOW + i] = MPI.COMM_WORLD.iSend(buffer, 8, MPI.BYTE, 0, 2);
                }
                Request.waitAll(compatRequests);
            }
            final long b = System.nanoTime();
            for (int w = 0; w < windows; w++)
            {
                for (int i = 0; i < WINDOW; i++)
                {
                    ownRequests[i] = raw.iRecv(inView, 0, 8, 0, 2);
                }
                for (int i = 0; i < WINDOW; i++)
                {
                    ownRequests[WINDOW + i] = raw.iSend(view, 0, 8, 0, 2);
                }
                io.myrmidon.Request.waitAll(ownRequests);
            }
            final long c = System.nanoTime();
            if (r >= 0)
            {
                compat[r] = (double)(b - a) / windows / WINDOW;
                own[r] = (double)(c - b) / windows / WINDOW;
            }
        }
        System.out.printf("%-9s %12.1f %12.1f %9.1f %12.1f %12.1f%n", "8 iSR", median(compat), median(own),
            median(compat) - median(own), Arrays.stream(compat).min().orElseThrow(),
            Arrays.stream(own).min().orElseThrow());
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
