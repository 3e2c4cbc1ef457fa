package io.myrmidon.testing;

import io.myrmidon.Communicator;
import io.myrmidon.Myrmidon;

/**
 * A rank program for multi-process tests: the collective suite's random calls (every collective,
 * type and operation, checked against a sequential reference) on the world and on a split
 * communicator. Arguments: seed calls. Prints {@code collectives ok}.
 */
public final class CollectivesRank
{
    public static void main(final String[] args)
    {
        final long seed = Long.parseLong(args[0]);
        final int calls = Integer.parseInt(args[1]);
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            final Communicator world = mpi.world();
            CollectiveConformanceTest.randomCalls(world, seed, calls);
            final Communicator half = world.split(world.rank() % 2, -world.rank());
            CollectiveConformanceTest.randomCalls(half, seed + 1, calls / 2);
            half.free();
        }
        System.out.println("collectives ok");
    }
}
