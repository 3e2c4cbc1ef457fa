package mpi;

/**
 * The virtual topology attached to a communicator: who a process's neighbours are, for
 * {@link CartComm}, {@link GraphComm} and the neighbourhood collectives. Immutable.
 */
abstract class Topology
{
    /**
     * @return {@link MPI#CART}, {@link MPI#GRAPH} or {@link MPI#DIST_GRAPH}.
     */
    abstract int kind();

    /**
     * @return the ranks the calling process receives from in neighbourhood collectives, in order.
     */
    abstract int[] sources(int rank);

    /**
     * @return the ranks the calling process sends to in neighbourhood collectives, in order.
     */
    abstract int[] destinations(int rank);

    /**
     * The tag of the message sent to the {@code i}-th destination, and expected from the
     * {@code i}-th source: for a Cartesian topology, the block sent in direction (d, +) is the
     * one received from direction (d, -) of the other process.
     */
    int sendTag(final int i)
    {
        return 0;
    }

    int recvTag(final int i)
    {
        return 0;
    }

    /**
     * A Cartesian grid ({@code MPI_Cart_create}), row-major like C.
     */
    static final class Cart extends Topology
    {
        final int[] dims;
        final boolean[] periods;

        Cart(final int[] dims, final boolean[] periods)
        {
            this.dims = dims.clone();
            this.periods = periods.clone();
        }

        @Override
        int kind()
        {
            return MPI.CART;
        }

        int[] coords(final int rank)
        {
            final int[] coords = new int[dims.length];
            int rest = rank;
            for (int d = dims.length - 1; d >= 0; d--)
            {
                coords[d] = rest % dims[d];
                rest /= dims[d];
            }
            return coords;
        }

        /**
         * @return the rank at {@code coords}, wrapping periodic dimensions, or PROC_NULL when off
         * the grid.
         */
        int rank(final int[] coords)
        {
            int rank = 0;
            for (int d = 0; d < dims.length; d++)
            {
                int c = coords[d];
                if (c < 0 || c >= dims[d])
                {
                    if (!periods[d])
                    {
                        return MPI.PROC_NULL;
                    }
                    c = Math.floorMod(c, dims[d]);
                }
                rank = rank * dims[d] + c;
            }
            return rank;
        }

        int shift(final int rank, final int direction, final int displacement)
        {
            final int[] coords = coords(rank);
            coords[direction] += displacement;
            return rank(coords);
        }

        @Override
        int[] sources(final int rank)
        {
            return neighbours(rank);
        }

        @Override
        int[] destinations(final int rank)
        {
            return neighbours(rank);
        }

        @Override
        int sendTag(final int i)
        {
            return i;
        }

        @Override
        int recvTag(final int i)
        {
            return i ^ 1;
        }

        private int[] neighbours(final int rank)
        {
            final int[] result = new int[2 * dims.length];
            for (int d = 0; d < dims.length; d++)
            {
                result[2 * d] = shift(rank, d, -1);
                result[2 * d + 1] = shift(rank, d, 1);
            }
            return result;
        }
    }

    /**
     * A graph ({@code MPI_Graph_create}): {@code index[i]} is the total degree of nodes 0..i.
     */
    static final class Graph extends Topology
    {
        final int[] index;
        final int[] edges;

        Graph(final int[] index, final int[] edges)
        {
            this.index = index.clone();
            this.edges = edges.clone();
        }

        @Override
        int kind()
        {
            return MPI.GRAPH;
        }

        int[] neighbours(final int rank)
        {
            final int from = rank == 0 ? 0 : index[rank - 1];
            return java.util.Arrays.copyOfRange(edges, from, index[rank]);
        }

        @Override
        int[] sources(final int rank)
        {
            return neighbours(rank);
        }

        @Override
        int[] destinations(final int rank)
        {
            return neighbours(rank);
        }
    }

    /**
     * A distributed graph ({@code MPI_Dist_graph_create*}): each process knows its own in- and
     * out-neighbours.
     */
    static final class DistGraph extends Topology
    {
        final int[] sources;
        final int[] sourceWeights;
        final int[] destinations;
        final int[] destWeights;

        DistGraph(final int[] sources, final int[] sourceWeights, final int[] destinations, final int[] destWeights)
        {
            this.sources = sources;
            this.sourceWeights = sourceWeights;
            this.destinations = destinations;
            this.destWeights = destWeights;
        }

        @Override
        int kind()
        {
            return MPI.DIST_GRAPH;
        }

        @Override
        int[] sources(final int rank)
        {
            return sources.clone();
        }

        @Override
        int[] destinations(final int rank)
        {
            return destinations.clone();
        }
    }
}
