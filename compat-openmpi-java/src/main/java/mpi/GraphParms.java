package mpi;

/**
 * The graph topology of a {@link GraphComm} ({@code MPI_Graph_get}).
 */
public final class GraphParms
{
    private final int[] index;
    private final int[] edges;

    GraphParms(final int[] index, final int[] edges)
    {
        this.index = index;
        this.edges = edges;
    }

    /**
     * @return the number of nodes.
     */
    public int getIndexCount()
    {
        return index.length;
    }

    /**
     * @return the total degree of nodes 0..i.
     */
    public int getIndex(final int i)
    {
        return index[i];
    }

    /**
     * @return the number of edges.
     */
    public int getEdgeCount()
    {
        return edges.length;
    }

    /**
     * @return edge {@code i}.
     */
    public int getEdge(final int i)
    {
        return edges[i];
    }
}
