package mpi;

/**
 * The neighbours of the calling process in a distributed graph
 * ({@code MPI_Dist_graph_neighbors}).
 */
public final class DistGraphNeighbors
{
    private final int[] sources;
    private final int[] sourceWeights;
    private final int[] destinations;
    private final int[] destWeights;

    DistGraphNeighbors(final int[] sources, final int[] sourceWeights, final int[] destinations,
        final int[] destWeights)
    {
        this.sources = sources;
        this.sourceWeights = sourceWeights;
        this.destinations = destinations;
        this.destWeights = destWeights;
    }

    /**
     * @return the number of processes this one receives from.
     */
    public int getInDegree()
    {
        return sources.length;
    }

    /**
     * @return the number of processes this one sends to.
     */
    public int getOutDegree()
    {
        return destinations.length;
    }

    /**
     * @return true when the graph has weights.
     */
    public boolean isWeighted()
    {
        return sourceWeights != null;
    }

    /**
     * @return the i-th source.
     */
    public int getSource(final int i)
    {
        return sources[i];
    }

    /**
     * @return the weight of the edge from the i-th source.
     */
    public int getSourceWeight(final int i)
    {
        return sourceWeights[i];
    }

    /**
     * @return the i-th destination.
     */
    public int getDestination(final int i)
    {
        return destinations[i];
    }

    /**
     * @return the weight of the edge to the i-th destination.
     */
    public int getDestinationWeight(final int i)
    {
        return destWeights[i];
    }
}
