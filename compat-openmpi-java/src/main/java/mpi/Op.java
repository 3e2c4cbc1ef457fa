package mpi;

/**
 * A reduction operation ({@code MPI_Op}): one of the predefined ({@link MPI#SUM} ...) or a
 * {@link UserFunction}. Immutable.
 */
public final class Op implements Freeable
{
    final String name;
    final UserFunction function;
    private final boolean commute;
    private boolean freed;

    /**
     * Creates a user-defined operation ({@code MPI_Op_create}).
     *
     * @param function the reduction.
     * @param commute  true when it is commutative (it must always be associative).
     */
    public Op(final UserFunction function, final boolean commute) throws MPIException
    {
        MPI.check();
        if (function == null)
        {
            throw new MPIException(MPI.ERR_OP, MPI.ERR_OP, "new Op: the user function is null");
        }
        this.name = "user-defined " + function.getClass().getName();
        this.function = function;
        this.commute = commute;
    }

    private Op(final String name)
    {
        this.name = name;
        this.function = null;
        this.commute = true;
    }

    static Op predefined(final String name)
    {
        return new Op(name);
    }

    /**
     * @return true when the operation is commutative ({@code MPI_Op_commutative}).
     */
    public boolean isCommutative() throws MPIException
    {
        MPI.check();
        return commute;
    }

    /**
     * Frees a user-defined operation ({@code MPI_Op_free}).
     */
    @Override
    public void free() throws MPIException
    {
        MPI.check();
        if (function == null)
        {
            throw new MPIException(MPI.ERR_OP, MPI.ERR_OP, "Op.free: " + name + " is predefined");
        }
        freed = true;
    }

    /**
     * @return true when freed.
     */
    public boolean isNull()
    {
        return freed;
    }

    boolean isFreed()
    {
        return freed;
    }

    @Override
    public String toString()
    {
        return name;
    }
}
