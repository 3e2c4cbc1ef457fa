package mpi;

/**
 * Ends a rank thread of a {@code threads}-mode job when the job is aborted
 * ({@code MPI.ERRORS_ARE_FATAL}, {@code Comm.abort}). An {@link Error}, so that the program's
 * {@code catch (MPIException e)} and {@code catch (Exception e)} blocks let it through. A rank
 * that is a process of its own exits instead.
 */
public final class JobAbortedError extends Error
{
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    JobAbortedError(final String message, final int exitStatus, final Throwable cause)
    {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    /**
     * @return the status the rank's process would have exited with.
     */
    public int exitStatus()
    {
        return exitStatus;
    }
}
