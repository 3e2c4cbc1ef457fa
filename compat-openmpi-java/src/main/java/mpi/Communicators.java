package mpi;

import io.myrmidon.Communicator;

/**
 * Making communicators: duplicates, splits, subgroups and topologies, on Myrmidon's
 * {@link Communicator}.
 */
final class Communicators
{
    private Communicators()
    {
    }

    static Group group(final CommState state)
    {
        final Communicator communicator = state.communicator;
        if (communicator == null)
        {
            return new Group(new int[]{state.rank.worldRank()});
        }
        final int[] ranks = new int[communicator.size()];
        for (int i = 0; i < ranks.length; i++)
        {
            ranks[i] = communicator.worldRank(i);
        }
        return new Group(ranks);
    }

    static CommState dup(final CommState state, final String operation) throws MPIException
    {
        throw state.fail(pending(operation));
    }

    static CommState split(final CommState state, final int colour, final int key) throws MPIException
    {
        throw state.fail(pending("split"));
    }

    static CommState splitType(final CommState state, final int splitType, final int key) throws MPIException
    {
        throw state.fail(pending("splitType"));
    }

    static CommState create(final CommState state, final Group group) throws MPIException
    {
        throw state.fail(pending("create"));
    }

    static CommState cart(final CommState state, final int[] dims, final boolean[] periods) throws MPIException
    {
        throw state.fail(pending("createCart"));
    }

    static CommState cartSub(final CommState state, final boolean[] remainDims) throws MPIException
    {
        throw state.fail(pending("sub"));
    }

    static CommState graph(final CommState state, final int[] index, final int[] edges) throws MPIException
    {
        throw state.fail(pending("createGraph"));
    }

    static CommState distGraph(final CommState state, final int[] sources, final int[] degrees,
        final int[] destinations, final int[] weights) throws MPIException
    {
        throw state.fail(pending("createDistGraph"));
    }

    static CommState distGraphAdjacent(final CommState state, final int[] sources, final int[] sourceWeights,
        final int[] destinations, final int[] destWeights) throws MPIException
    {
        throw state.fail(pending("createDistGraphAdjacent"));
    }

    static void free(final CommState state)
    {
        state.freed = true;
    }

    private static MpiError pending(final String operation)
    {
        return new MpiError(MPI.ERR_UNSUPPORTED_OPERATION, operation + ": creating communicators needs " +
            "Myrmidon's collectives, which this build lacks");
    }
}
