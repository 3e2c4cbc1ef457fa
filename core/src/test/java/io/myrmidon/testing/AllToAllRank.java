package io.myrmidon.testing;

import io.myrmidon.Communicator;
import io.myrmidon.Myrmidon;
import io.myrmidon.Request;
import org.agrona.MutableDirectBuffer;

/**
 * A rank program where every rank exchanges a message with every rank, {@code rounds} times,
 * checking contents: for jobs with more ranks than cores. Prints {@code all-to-all ok}.
 */
public final class AllToAllRank
{
    public static void main(final String[] args)
    {
        final int rounds = Integer.parseInt(args[0]);
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            final Communicator world = mpi.world();
            final int size = world.size();
            final int length = 5000;
            final MutableDirectBuffer out = mpi.allocate(length);
            final MutableDirectBuffer in = mpi.allocate(length * size);
            final Request[] requests = new Request[2 * size];
            for (int round = 0; round < rounds; round++)
            {
                Patterns.fill(out, 0, length, world.rank() * 1000L + round);
                int n = 0;
                for (int peer = 0; peer < size; peer++)
                {
                    requests[n++] = world.iRecv(in, peer * length, length, peer, round);
                }
                for (int peer = 0; peer < size; peer++)
                {
                    requests[n++] = world.iSend(out, 0, length, peer, round);
                }
                Request.waitAll(requests, n);
                for (int peer = 0; peer < size; peer++)
                {
                    Patterns.check(in, peer * length, length, peer * 1000L + round);
                }
            }
        }
        System.out.println("all-to-all ok");
    }
}
