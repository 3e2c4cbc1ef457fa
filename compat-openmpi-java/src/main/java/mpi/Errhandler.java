package mpi;

/**
 * What happens when a call on a communicator fails ({@code MPI_Errhandler}): the predefined
 * {@link MPI#ERRORS_ARE_FATAL} (the default: a message naming the rank and the error class, then the
 * job ends), {@link MPI#ERRORS_ABORT} (the same) and {@link MPI#ERRORS_RETURN} (the call throws an
 * {@link MPIException}). Immutable.
 */
public final class Errhandler implements Freeable
{
    static final int FATAL = 1;
    static final int RETURN = 2;
    static final int ABORT = 3;

    private final int kind;

    Errhandler(final int kind)
    {
        this.kind = kind;
    }

    boolean isFatal()
    {
        return kind != RETURN;
    }

    /**
     * Predefined handlers cannot be freed; this does nothing ({@code MPI_Errhandler_free}).
     */
    @Override
    public void free() throws MPIException
    {
        MPI.check();
    }

    @Override
    public String toString()
    {
        return switch (kind)
        {
            case FATAL -> "ERRORS_ARE_FATAL";
            case RETURN -> "ERRORS_RETURN";
            default -> "ERRORS_ABORT";
        };
    }
}
