package mpi;

import io.myrmidon.Communicator;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Making communicators: duplicates, splits, subgroups and topologies, on Myrmidon's
 * {@link Communicator}. A new communicator inherits its parent's error handler, as MPI says; a
 * duplicate also copies its attributes (as Open MPI's Java keyvals do).
 */
final class Communicators
{
    private Communicators()
    {
    }

    static Group group(final CommState state)
    {
        final Communicator communicator = state.communicator;
        final int[] ranks = new int[communicator.size()];
        for (int i = 0; i < ranks.length; i++)
        {
            ranks[i] = communicator.worldRank(i);
        }
        return new Group(ranks);
    }

    static CommState dup(final CommState state, final String operation) throws MPIException
    {
        try
        {
            final CommState copy = child(state, state.communicator.dup());
            if (state.attributes != null)
            {
                copy.attributes().putAll(state.attributes);
            }
            return copy;
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    static CommState split(final CommState state, final int colour, final int key) throws MPIException
    {
        try
        {
            if (colour < 0 && colour != MPI.UNDEFINED)
            {
                throw new MpiError(MPI.ERR_ARG, "split: colour " + colour + " is negative; use 0 or more, or " +
                    "MPI.UNDEFINED to join no communicator");
            }
            return child(state, state.communicator.split(colour == MPI.UNDEFINED ? Communicator.UNDEFINED : colour,
                key));
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    static CommState splitType(final CommState state, final int splitType, final int key) throws MPIException
    {
        if (splitType != MPI.COMM_TYPE_SHARED && splitType != MPI.UNDEFINED)
        {
            throw state.fail(MPI.ERR_ARG, "splitType: type " + splitType + " is not MPI.COMM_TYPE_SHARED or " +
                "MPI.UNDEFINED");
        }
        final int colour = splitType == MPI.UNDEFINED ? MPI.UNDEFINED :
            state.rank.myrmidon.processorName().hashCode() & 0x7fffffff;
        return split(state, colour, key);
    }

    static CommState create(final CommState state, final Group group) throws MPIException
    {
        try
        {
            if (group == null || group.isNull())
            {
                throw new MpiError(MPI.ERR_GROUP, "create: the group is null or freed");
            }
            final Communicator communicator = state.communicator;
            final int[] commRanks = new int[group.worldRanks.length];
            for (int i = 0; i < commRanks.length; i++)
            {
                commRanks[i] = commRank(communicator, group.worldRanks[i]);
            }
            return child(state, communicator.create(communicator.group().include(commRanks)));
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    static CommState cart(final CommState state, final int[] dims, final boolean[] periods) throws MPIException
    {
        try
        {
            final long cells = checkDims(state, dims, periods);
            final int rank = state.communicator.rank();
            final CommState cart = child(state, state.communicator.split(rank < cells ? 0 : Communicator.UNDEFINED,
                rank));
            if (cart != null)
            {
                cart.topology = new Topology.Cart(dims, periods);
            }
            return cart;
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    static CommState cartSub(final CommState state, final boolean[] remainDims) throws MPIException
    {
        try
        {
            if (!(state.topology instanceof Topology.Cart cart))
            {
                throw new MpiError(MPI.ERR_TOPOLOGY, "sub: this communicator has no Cartesian topology");
            }
            if (remainDims == null || remainDims.length != cart.dims.length)
            {
                throw new MpiError(MPI.ERR_DIMS, "sub: remainDims needs one flag per dimension (" +
                    cart.dims.length + ")");
            }
            final int rank = state.communicator.rank();
            final int[] coords = cart.coords(rank);
            int colour = 0;
            final List<Integer> keptDims = new ArrayList<>();
            final List<Boolean> keptPeriods = new ArrayList<>();
            for (int d = 0; d < remainDims.length; d++)
            {
                if (remainDims[d])
                {
                    keptDims.add(cart.dims[d]);
                    keptPeriods.add(cart.periods[d]);
                }
                else
                {
                    colour = colour * cart.dims[d] + coords[d];
                }
            }
            final CommState sub = child(state, state.communicator.split(colour, rank));
            final int[] dims = keptDims.stream().mapToInt(Integer::intValue).toArray();
            final boolean[] periods = new boolean[dims.length];
            for (int i = 0; i < periods.length; i++)
            {
                periods[i] = keptPeriods.get(i);
            }
            sub.topology = new Topology.Cart(dims.length == 0 ? new int[]{1} : dims,
                dims.length == 0 ? new boolean[]{false} : periods);
            return sub;
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    static CommState graph(final CommState state, final int[] index, final int[] edges) throws MPIException
    {
        try
        {
            final int size = state.communicator.size();
            if (index == null || edges == null || index.length > size)
            {
                throw new MpiError(MPI.ERR_ARG, "createGraph: the graph needs index and edges, and at most " + size +
                    " nodes");
            }
            for (int i = 0; i < index.length; i++)
            {
                if (index[i] < (i == 0 ? 0 : index[i - 1]) || index[i] > edges.length)
                {
                    throw new MpiError(MPI.ERR_ARG, "createGraph: index must be non-decreasing and at most the " +
                        "number of edges; index[" + i + "] = " + index[i]);
                }
            }
            for (final int edge : edges)
            {
                if (edge < 0 || edge >= index.length)
                {
                    throw new MpiError(MPI.ERR_RANK, "createGraph: edge to " + edge + " is outside the " +
                        index.length + " nodes");
                }
            }
            final int rank = state.communicator.rank();
            final CommState graph = child(state, state.communicator.split(rank < index.length ? 0 :
                Communicator.UNDEFINED, rank));
            if (graph != null)
            {
                graph.topology = new Topology.Graph(index, edges);
            }
            return graph;
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    static CommState distGraph(final CommState state, final int[] sources, final int[] degrees,
        final int[] destinations, final int[] weights) throws MPIException
    {
        try
        {
            final Communicator communicator = state.communicator;
            final int size = communicator.size();
            int edges = 0;
            for (final int degree : degrees)
            {
                edges += degree;
            }
            final int[] mine = new int[3 * edges];
            int e = 0;
            for (int s = 0; s < sources.length; s++)
            {
                for (int k = 0; k < degrees[s]; k++)
                {
                    mine[3 * e] = sources[s];
                    mine[3 * e + 1] = destinations[e];
                    mine[3 * e + 2] = weights == null ? 1 : weights[e];
                    e++;
                }
            }
            final UnsafeBuffer count = new UnsafeBuffer(new byte[4 * size]);
            count.putInt(4 * communicator.rank(), mine.length);
            communicator.allGather(Communicator.IN_PLACE, 0, count, 0, 1, io.myrmidon.Datatype.INT);
            final int[] counts = new int[size];
            final int[] displacements = new int[size];
            int total = 0;
            for (int r = 0; r < size; r++)
            {
                counts[r] = count.getInt(4 * r);
                displacements[r] = total;
                total += counts[r];
            }
            final UnsafeBuffer send = new UnsafeBuffer(new byte[4 * mine.length]);
            for (int i = 0; i < mine.length; i++)
            {
                send.putInt(4 * i, mine[i]);
            }
            final UnsafeBuffer all = new UnsafeBuffer(new byte[4 * Math.max(total, 1)]);
            communicator.allGatherv(send, 0, mine.length, all, 0, counts, displacements, io.myrmidon.Datatype.INT);
            final int me = communicator.rank();
            final List<int[]> in = new ArrayList<>();
            final List<int[]> out = new ArrayList<>();
            for (int i = 0; i < total; i += 3)
            {
                final int[] edge = {all.getInt(4 * i), all.getInt(4 * i + 4), all.getInt(4 * i + 8)};
                if (edge[1] == me)
                {
                    in.add(edge);
                }
                if (edge[0] == me)
                {
                    out.add(edge);
                }
            }
            return distGraphAdjacent(state, in.stream().mapToInt(x -> x[0]).toArray(),
                weights == null ? null : in.stream().mapToInt(x -> x[2]).toArray(),
                out.stream().mapToInt(x -> x[1]).toArray(),
                weights == null ? null : out.stream().mapToInt(x -> x[2]).toArray());
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    static CommState distGraphAdjacent(final CommState state, final int[] sources, final int[] sourceWeights,
        final int[] destinations, final int[] destWeights) throws MPIException
    {
        final int size;
        try
        {
            size = state.communicator.size();
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
        for (final int r : sources)
        {
            checkRank(state, "createDistGraph", r, size);
        }
        for (final int r : destinations)
        {
            checkRank(state, "createDistGraph", r, size);
        }
        final CommState graph = dup(state, "createDistGraph");
        graph.topology = new Topology.DistGraph(sources.clone(), sourceWeights == null ? null : sourceWeights.clone(),
            destinations.clone(), destWeights == null ? null : destWeights.clone());
        return graph;
    }

    static void free(final CommState state)
    {
        if (state.inter != null)
        {
            Intercomms.free(state);
        }
        state.communicator.free();
        if (state.neighbours != null)
        {
            state.neighbours.free();
        }
        state.freed = true;
    }

    /**
     * @return the private communicator that carries a topology's neighbourhood collectives, made
     * at the first one (collective, like them).
     */
    static Communicator neighbours(final CommState state)
    {
        if (state.neighbours == null)
        {
            state.neighbours = state.communicator.dup();
        }
        return state.neighbours;
    }

    private static CommState child(final CommState parent, final Communicator communicator)
    {
        if (communicator == null)
        {
            return null;
        }
        final CommState child = new CommState(parent.rank, communicator, null);
        child.errhandler = parent.errhandler;
        return child;
    }

    private static int commRank(final Communicator communicator, final int worldRank)
    {
        for (int i = 0; i < communicator.size(); i++)
        {
            if (communicator.worldRank(i) == worldRank)
            {
                return i;
            }
        }
        throw new MpiError(MPI.ERR_GROUP, "create: world rank " + worldRank + " of the group is not in this " +
            "communicator; the group must be a subset of its group");
    }

    private static long checkDims(final CommState state, final int[] dims, final boolean[] periods)
    {
        if (dims == null || periods == null || dims.length != periods.length || dims.length == 0)
        {
            throw new MpiError(MPI.ERR_DIMS, "createCart: dims and periods must be non-empty arrays of the same " +
                "length");
        }
        long cells = 1;
        for (final int d : dims)
        {
            if (d <= 0)
            {
                throw new MpiError(MPI.ERR_DIMS, "createCart: dimension " + d + " is not positive; fill zeros with " +
                    "CartComm.createDims first");
            }
            cells *= d;
        }
        if (cells > state.communicator.size())
        {
            throw new MpiError(MPI.ERR_DIMS, "createCart: the grid " + java.util.Arrays.toString(dims) + " has " +
                cells + " cells but the communicator only " + state.communicator.size() + " processes");
        }
        return cells;
    }

    private static void checkRank(final CommState state, final String operation, final int rank, final int size)
        throws MPIException
    {
        if (rank < 0 || rank >= size)
        {
            throw state.fail(MPI.ERR_RANK, operation + ": neighbour " + rank + " is outside 0.." + (size - 1));
        }
    }
}
