package mpi;

/**
 * A failure detected by this layer, with its MPI error class, on its way to the communicator's
 * error handler (which turns it into an {@link MPIException} or ends the job). Unchecked so that
 * the internal helpers stay free of {@code throws} clauses.
 */
final class MpiError extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int errorClass;

    MpiError(final int errorClass, final String message)
    {
        super(message);
        this.errorClass = errorClass;
    }

    MpiError(final int errorClass, final String message, final Throwable cause)
    {
        super(message, cause);
        this.errorClass = errorClass;
    }

    int errorClass()
    {
        return errorClass;
    }

    static MpiError unsupported(final String what)
    {
        return new MpiError(ErrorClasses.ERR_UNSUPPORTED_OPERATION, what + " is not supported by Myrmidon's " +
            "Open MPI Java compatibility layer yet (dynamic processes, MPI-IO and one-sided communication come later)");
    }
}
