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
 * best one-way latency over the rounds, in microseconds, per size, and the overhead.
 *
 * <pre>bin/myrmidon run -n 2 --transport shm --classpath CP mpi.CompatLatency [rounds]</pre>
 */
public final class CompatLatency
{
    private static final int[] SIZES = {8, 4096, 1 << 20};

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
            compatPingPong(rank, buffer, size, iterations / 10);
            ownPingPong(rank, raw, view, size, iterations / 10);
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
        MPI.Finalize();
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

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
