package mpi;

/**
 * An inter-communicator ({@code MPI_Comm} between two groups). Myrmidon cannot create one yet
 * ({@link Comm#createIntercomm} and the dynamic-process calls throw {@link MPIException} with
 * {@link MPI#ERR_UNSUPPORTED_OPERATION}); the class exists so that programs compile.
 */
public final class Intercomm extends Comm
{
    Intercomm(final CommState own)
    {
        super(own);
    }

    @Override
    public Intercomm clone()
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
    public Intercomm dup() throws MPIException
    {
        throw state().fail(MpiError.unsupported("Intercomm.dup (inter-communicators)"));
    }

    @Override
    public Intercomm iDup() throws MPIException
    {
        return dup();
    }

    /**
     * @return the size of the remote group ({@code MPI_Comm_remote_size}).
     */
    public int getRemoteSize() throws MPIException
    {
        throw state().fail(MpiError.unsupported("getRemoteSize (inter-communicators)"));
    }

    /**
     * @return the remote group ({@code MPI_Comm_remote_group}).
     */
    public Group getRemoteGroup() throws MPIException
    {
        throw state().fail(MpiError.unsupported("getRemoteGroup (inter-communicators)"));
    }

    /**
     * @return the intra-communicator of both groups ({@code MPI_Intercomm_merge}).
     */
    public Intracomm merge(final boolean high) throws MPIException
    {
        throw state().fail(MpiError.unsupported("merge (inter-communicators)"));
    }

    /**
     * @return the parent of a spawned process ({@code MPI_Comm_get_parent}): none, as nothing is
     * spawned here; a null communicator.
     */
    public static Intercomm getParent() throws MPIException
    {
        MPI.check();
        return new Intercomm(null);
    }
}
