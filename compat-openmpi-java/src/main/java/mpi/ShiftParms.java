package mpi;

/**
 * The result of {@link CartComm#shift}: where to receive from and where to send to
 * ({@code MPI_Cart_shift}); {@link MPI#PROC_NULL} off the edge of a non-periodic grid.
 */
public final class ShiftParms
{
    private final int source;
    private final int dest;

    ShiftParms(final int source, final int dest)
    {
        this.source = source;
        this.dest = dest;
    }

    /**
     * @return the rank to receive from.
     */
    public int getRankSource()
    {
        return source;
    }

    /**
     * @return the rank to send to.
     */
    public int getRankDest()
    {
        return dest;
    }
}
