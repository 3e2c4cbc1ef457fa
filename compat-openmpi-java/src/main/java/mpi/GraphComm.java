package mpi;

/**
 * A communicator with a graph or distributed graph topology ({@code MPI_Graph_create},
 * {@code MPI_Dist_graph_create}).
 */
public final class GraphComm extends Intracomm
{
    GraphComm(final CommState own)
    {
        super(own);
    }

    @Override
    public GraphComm clone()
    {
        try
        {
            return dup();
        }
        catch (final MPIException ex)
        {
            throw new RuntimeException(ex.getMessage(), ex);
        }
    }

    @Override
    public GraphComm dup() throws MPIException
    {
        final CommState state = state();
        final CommState copy = Communicators.dup(state, "dup");
        copy.topology = state.topology;
        return new GraphComm(copy);
    }

    @Override
    public GraphComm iDup() throws MPIException
    {
        final GraphComm copy = dup();
        copy.own.dupRequest = Request.done(copy.own, new Status());
        return copy;
    }

    @Override
    public GraphComm dupWithInfo(final Info info) throws MPIException
    {
        return dup();
    }

    /**
     * @return the graph's index and edges ({@code MPI_Graph_get}).
     */
    public GraphParms getDims() throws MPIException
    {
        final Topology.Graph graph = graph(state());
        return new GraphParms(graph.index.clone(), graph.edges.clone());
    }

    /**
     * @return the neighbours of {@code rank} ({@code MPI_Graph_neighbors}).
     */
    public int[] getNeighbors(final int rank) throws MPIException
    {
        final CommState state = state();
        final Topology.Graph graph = graph(state);
        if (rank < 0 || rank >= graph.index.length)
        {
            throw state.fail(MPI.ERR_RANK, "getNeighbors: rank " + rank + " is outside 0.." +
                (graph.index.length - 1));
        }
        return graph.neighbours(rank);
    }

    /**
     * @return the calling process's neighbours in a distributed graph
     * ({@code MPI_Dist_graph_neighbors}).
     */
    public DistGraphNeighbors getDistGraphNeighbors() throws MPIException
    {
        final CommState state = state();
        if (state.topology instanceof Topology.DistGraph g)
        {
            return new DistGraphNeighbors(g.sources.clone(), g.sourceWeights == null ? null : g.sourceWeights.clone(),
                g.destinations.clone(), g.destWeights == null ? null : g.destWeights.clone());
        }
        throw state.fail(MPI.ERR_TOPOLOGY, "getDistGraphNeighbors: this communicator has no distributed graph " +
            "topology");
    }

    /**
     * @return the rank the calling process would have in the graph, or {@link MPI#UNDEFINED}
     * ({@code MPI_Graph_map}).
     */
    public int map(final int[] index, final int[] edges) throws MPIException
    {
        final int rank = state().communicator.rank();
        return rank < index.length ? rank : MPI.UNDEFINED;
    }

    private static Topology.Graph graph(final CommState state) throws MPIException
    {
        if (state.topology instanceof Topology.Graph graph)
        {
            return graph;
        }
        throw state.fail(MPI.ERR_TOPOLOGY, "this communicator has no graph topology");
    }
}
