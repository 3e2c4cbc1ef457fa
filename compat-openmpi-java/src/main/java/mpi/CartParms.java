package mpi;

/**
 * The Cartesian topology of a {@link CartComm} as seen by the calling process
 * ({@code MPI_Cart_get}).
 */
public final class CartParms
{
    private final int[] dims;
    private final boolean[] periods;
    private final int[] coords;

    CartParms(final int[] dims, final boolean[] periods, final int[] coords)
    {
        this.dims = dims;
        this.periods = periods;
        this.coords = coords;
    }

    /**
     * @return the number of dimensions.
     */
    public int getDimCount()
    {
        return dims.length;
    }

    /**
     * @return the number of processes in dimension {@code i}.
     */
    public int getDim(final int i)
    {
        return dims[i];
    }

    /**
     * @return true when dimension {@code i} is periodic.
     */
    public boolean getPeriod(final int i)
    {
        return periods[i];
    }

    /**
     * @return the calling process's coordinate in dimension {@code i}.
     */
    public int getCoord(final int i)
    {
        return coords[i];
    }
}
