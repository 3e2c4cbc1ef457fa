package mpi;

/**
 * A communicator with a Cartesian topology ({@code MPI_Cart_create}): ranks are laid out on a
 * grid in row-major order, dimensions may wrap around.
 */
public final class CartComm extends Intracomm
{
    CartComm(final CommState own)
    {
        super(own);
    }

    @Override
    public CartComm clone()
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
    public CartComm dup() throws MPIException
    {
        final CommState state = state();
        final CommState copy = Communicators.dup(state, "dup");
        copy.topology = state.topology;
        return new CartComm(copy);
    }

    @Override
    public CartComm iDup() throws MPIException
    {
        final CartComm copy = dup();
        copy.own.dupRequest = Request.done(copy.own, new Status());
        return copy;
    }

    @Override
    public CartComm dupWithInfo(final Info info) throws MPIException
    {
        return dup();
    }

    /**
     * @return the dimensions, periods and the calling process's coordinates ({@code MPI_Cart_get}).
     */
    public CartParms getTopo() throws MPIException
    {
        final CommState state = state();
        final Topology.Cart cart = cart(state);
        return new CartParms(cart.dims.clone(), cart.periods.clone(), cart.coords(state.communicator.rank()));
    }

    /**
     * @return the rank at the given coordinates ({@code MPI_Cart_rank}); periodic dimensions wrap.
     */
    public int getRank(final int[] coords) throws MPIException
    {
        final CommState state = state();
        final Topology.Cart cart = cart(state);
        if (coords == null || coords.length != cart.dims.length)
        {
            throw state.fail(MPI.ERR_DIMS, "getRank: give " + cart.dims.length + " coordinates");
        }
        final int rank = cart.rank(coords);
        if (rank == MPI.PROC_NULL)
        {
            throw state.fail(MPI.ERR_RANK, "getRank: coordinates " + java.util.Arrays.toString(coords) +
                " are off the grid " + java.util.Arrays.toString(cart.dims) + " in a non-periodic dimension");
        }
        return rank;
    }

    /**
     * @return the coordinates of {@code rank} ({@code MPI_Cart_coords}).
     */
    public int[] getCoords(final int rank) throws MPIException
    {
        final CommState state = state();
        final Topology.Cart cart = cart(state);
        if (rank < 0 || rank >= state.communicator.size())
        {
            throw state.fail(MPI.ERR_RANK, "getCoords: rank " + rank + " is outside 0.." +
                (state.communicator.size() - 1));
        }
        return cart.coords(rank);
    }

    /**
     * @return the source and destination of a shift along {@code direction} by {@code disp}
     * ({@code MPI_Cart_shift}).
     */
    public ShiftParms shift(final int direction, final int disp) throws MPIException
    {
        final CommState state = state();
        final Topology.Cart cart = cart(state);
        if (direction < 0 || direction >= cart.dims.length)
        {
            throw state.fail(MPI.ERR_DIMS, "shift: direction " + direction + " is outside 0.." +
                (cart.dims.length - 1));
        }
        final int rank = state.communicator.rank();
        return new ShiftParms(cart.shift(rank, direction, -disp), cart.shift(rank, direction, disp));
    }

    /**
     * @return the sub-grid communicator keeping the dimensions marked true ({@code MPI_Cart_sub}).
     * Collective.
     */
    public CartComm sub(final boolean[] remainDims) throws MPIException
    {
        return new CartComm(Communicators.cartSub(state(), remainDims));
    }

    /**
     * @return the rank the calling process would have in a grid of {@code dims}, or
     * {@link MPI#UNDEFINED} when it lies beyond it ({@code MPI_Cart_map}).
     */
    public int map(final int[] dims, final boolean[] periods) throws MPIException
    {
        final CommState state = state();
        long cells = 1;
        for (final int d : dims)
        {
            cells *= d;
        }
        final int rank = state.communicator.rank();
        return rank < cells ? rank : MPI.UNDEFINED;
    }

    /**
     * Fills the zero entries of {@code dims} with a balanced factorisation of {@code nnodes}
     * ({@code MPI_Dims_create}).
     */
    public static void createDims(final int nnodes, final int[] dims) throws MPIException
    {
        MPI.check();
        try
        {
            Dims.create(nnodes, dims);
        }
        catch (final MpiError error)
        {
            throw new MPIException(error.errorClass(), error.getMessage(), error);
        }
    }

    private static Topology.Cart cart(final CommState state) throws MPIException
    {
        if (state.topology instanceof Topology.Cart cart)
        {
            return cart;
        }
        throw state.fail(MPI.ERR_TOPOLOGY, "this communicator has no Cartesian topology");
    }
}
