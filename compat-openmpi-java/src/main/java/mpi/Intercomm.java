package mpi;

/**
 * An inter-communicator ({@code MPI_Comm} between two disjoint groups), made by
 * {@link Comm#createIntercomm}. {@link #getSize()}, {@link #getRank()} and {@link #getGroup()}
 * describe the local group; ranks given to point-to-point calls, and the sources of statuses, name
 * processes of the remote group. The collectives work across the groups with MPI's
 * inter-communicator semantics (see {@link InterCollectives}): the rooted ones take
 * {@link MPI#ROOT} / {@link MPI#PROC_NULL} in the root's group and the root's rank in the other;
 * the all-to-all and all-gather kinds give each group the other group's data; every collective
 * has its non-blocking form ({@link InterNonBlocking}). The in-place forms fail with
 * {@link MPI#ERR_ARG} (MPI forbids {@code MPI_IN_PLACE} on inter-communicators) and the
 * neighbourhood collectives with {@link MPI#ERR_TOPOLOGY} (use {@link #merge} and make a topology
 * from the intra-communicator). The dynamic-process calls that would make one
 * ({@link #getParent()}) give a null one.
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

    /**
     * @return a duplicate with its own contexts, over the same two groups ({@code MPI_Comm_dup}).
     * Collective over both groups.
     */
    @Override
    public Intercomm dup() throws MPIException
    {
        return new Intercomm(Intercomms.dup(state()));
    }

    /**
     * @return a duplicate ({@code MPI_Comm_idup}); here the duplication completes before the call
     * returns and {@link #getRequest()} answers a completed request.
     */
    @Override
    public Intercomm iDup() throws MPIException
    {
        final Intercomm copy = dup();
        copy.own.dupRequest = Request.done(copy.own, new Status());
        return copy;
    }

    /**
     * @return the size of the remote group ({@code MPI_Comm_remote_size}).
     */
    public int getRemoteSize() throws MPIException
    {
        return state().inter.remoteSize();
    }

    /**
     * @return the remote group ({@code MPI_Comm_remote_group}).
     */
    public Group getRemoteGroup() throws MPIException
    {
        return new Group(state().inter.remoteWorldRanks.clone());
    }

    /**
     * @return an intra-communicator of both groups ({@code MPI_Intercomm_merge}): the group whose
     * processes passed {@code high = false} comes first; when both passed the same value, the
     * group whose rank 0 has the lower rank in {@code MPI.COMM_WORLD} does. Collective over both
     * groups; every process of a group passes the same {@code high}.
     */
    public Intracomm merge(final boolean high) throws MPIException
    {
        return new Intracomm(Intercomms.merge(state(), high));
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
