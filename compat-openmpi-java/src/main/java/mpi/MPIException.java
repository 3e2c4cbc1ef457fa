package mpi;

/**
 * The checked exception of the {@code mpi} API: an MPI error code and its error class
 * ({@code MPI.ERR_*}). Thrown by every call of a communicator whose error handler is
 * {@link MPI#ERRORS_RETURN}; under the default {@link MPI#ERRORS_ARE_FATAL} the job ends instead.
 * Calls before {@link MPI#Init} or after {@link MPI#Finalize} always throw it.
 */
public final class MPIException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final int errorClass;

    /**
     * @param code    the error code (here always equal to its class).
     * @param clazz   the error class, one of {@code MPI.ERR_*}.
     * @param message what went wrong.
     */
    public MPIException(final int code, final int clazz, final String message)
    {
        super(message);
        this.errorCode = code;
        this.errorClass = clazz;
    }

    /**
     * An error of class {@code MPI.ERR_OTHER}.
     */
    public MPIException(final String message)
    {
        this(ErrorClasses.ERR_OTHER, ErrorClasses.ERR_OTHER, message);
    }

    /**
     * An error of class {@code MPI.ERR_OTHER} caused by another exception.
     */
    public MPIException(final Throwable cause)
    {
        super(cause);
        this.errorCode = ErrorClasses.ERR_OTHER;
        this.errorClass = ErrorClasses.ERR_OTHER;
    }

    MPIException(final int clazz, final String message, final Throwable cause)
    {
        super(message, cause);
        this.errorCode = clazz;
        this.errorClass = clazz;
    }

    /**
     * @return the error code ({@code MPI_ERROR} of a status).
     */
    public int getErrorCode()
    {
        return errorCode;
    }

    /**
     * @return the error class ({@code MPI_Error_class}), one of {@code MPI.ERR_*}.
     */
    public int getErrorClass()
    {
        return errorClass;
    }

    @Override
    public String toString()
    {
        return "MPIException[" + ErrorClasses.name(errorClass) + "]: " + getMessage();
    }
}
