package io.myrmidon.testing;

import io.myrmidon.Communicator;
import io.myrmidon.Myrmidon;
import io.myrmidon.Request;
import io.myrmidon.Status;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Random;

/**
 * A rank program for multi-process tests: every rank but 0 sends {@code count} messages of random
 * sizes straddling the eager threshold to rank 0 (non-blocking, off-heap and heap buffers); rank 0
 * receives them with ANY_SOURCE and checks each sender's order and every byte.
 *
 * <p>Arguments: seed count. Prints {@code ordering ok} on success; fails with a message otherwise.
 */
public final class OrderingRank
{
    public static void main(final String[] args)
    {
        final long seed = Long.parseLong(args[0]);
        final int count = Integer.parseInt(args[1]);
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            final Communicator world = mpi.world();
            final int threshold = mpi.eagerLimit();
            if (world.rank() == 0)
            {
                final int[][] sizes = new int[world.size()][];
                for (int source = 1; source < world.size(); source++)
                {
                    sizes[source] = sizes(new Random(seed + source), count, threshold);
                }
                final int[] next = new int[world.size()];
                final MutableDirectBuffer buffer = mpi.allocate(5 * threshold + 64);
                final Status status = new Status();
                for (int i = 0; i < count * (world.size() - 1); i++)
                {
                    final int length = world.recv(buffer, 0, buffer.capacity(), Communicator.ANY_SOURCE,
                        Communicator.ANY_TAG, status);
                    final int source = status.source();
                    final int n = next[source]++;
                    if (length != sizes[source][n] || status.tag() != n)
                    {
                        throw new AssertionError("message " + n + " from rank " + source + " (seed " + seed +
                            "): got " + length + " bytes with tag " + status.tag() + ", expected " +
                            sizes[source][n] + " bytes with tag " + n);
                    }
                    Patterns.check(buffer, 0, length, seed * 1_000_003L + source * 10_007L + n);
                }
            }
            else
            {
                final int[] sizes = sizes(new Random(seed + world.rank()), count, threshold);
                final Request[] requests = new Request[count];
                for (int n = 0; n < count; n++)
                {
                    final MutableDirectBuffer buffer = (n % 3 == 0) ?
                        new UnsafeBuffer(new byte[sizes[n]]) : mpi.allocate(sizes[n]);
                    Patterns.fill(buffer, 0, sizes[n], seed * 1_000_003L + world.rank() * 10_007L + n);
                    requests[n] = world.iSend(buffer, 0, sizes[n], 0, n);
                }
                Request.waitAll(requests);
            }
        }
        System.out.println("ordering ok");
    }

    static int[] sizes(final Random random, final int count, final int threshold)
    {
        final int[] sizes = new int[count];
        for (int i = 0; i < count; i++)
        {
            sizes[i] = switch (random.nextInt(4))
            {
                case 0 -> random.nextInt(64);
                case 1 -> Math.max(0, threshold - 2 + random.nextInt(4));
                case 2 -> threshold + 1 + random.nextInt(4 * threshold);
                default -> random.nextInt(threshold + 1);
            };
        }
        return sizes;
    }
}
