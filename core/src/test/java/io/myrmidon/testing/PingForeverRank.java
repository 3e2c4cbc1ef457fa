package io.myrmidon.testing;

import io.myrmidon.Communicator;
import io.myrmidon.Myrmidon;
import org.agrona.MutableDirectBuffer;

/**
 * A rank program that prints {@code pid <pid> ready}, then ping-pongs with its neighbours until it
 * is killed: for tests that kill a rank mid-job.
 */
public final class PingForeverRank
{
    public static void main(final String[] args)
    {
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            final Communicator world = mpi.world();
            final MutableDirectBuffer buffer = mpi.allocate(200_000);
            System.out.println("pid " + ProcessHandle.current().pid() + " ready");
            System.out.flush();
            final int right = (world.rank() + 1) % world.size();
            final int left = (world.rank() + world.size() - 1) % world.size();
            for (long i = 0; ; i++)
            {
                final int length = (i % 16 == 0) ? 150_000 : 64;
                world.sendRecv(buffer, 0, length, right, 0, buffer, 0, buffer.capacity(), left, 0, null);
            }
        }
    }
}
