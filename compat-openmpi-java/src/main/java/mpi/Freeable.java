package mpi;

/**
 * An MPI object whose resources are released explicitly ({@code MPI_*_free}).
 */
public interface Freeable
{
    /**
     * Releases the object.
     *
     * @throws MPIException when it cannot be released.
     */
    void free() throws MPIException;
}
