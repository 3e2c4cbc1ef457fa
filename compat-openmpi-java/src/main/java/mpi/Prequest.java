package mpi;

/**
 * A persistent request ({@code MPI_Send_init} ... {@code MPI_Recv_init}): the arguments are bound
 * once, and each {@link #start()} begins one more operation with them. Completing the operation
 * makes the request inactive, not null; {@link #free()} releases it.
 */
public final class Prequest extends Request
{
    /**
     * Starts one operation with the bound arguments.
     */
    @FunctionalInterface
    interface Starter
    {
        Request start();
    }

    private final Starter starter;
    private boolean freedPersistent;

    Prequest(final CommState comm, final Starter starter)
    {
        super(comm);
        this.starter = starter;
    }

    /**
     * Starts the operation ({@code MPI_Start}).
     */
    public void start() throws MPIException
    {
        MPI.check();
        if (freedPersistent)
        {
            throw new MPIException(MPI.ERR_REQUEST, MPI.ERR_REQUEST, "Prequest.start: the request was freed");
        }
        if (active)
        {
            throw comm.fail(MPI.ERR_REQUEST, "Prequest.start: the request is still active; complete it with " +
                "waitFor() or test() before starting it again");
        }
        final Request one;
        try
        {
            one = starter.start();
        }
        catch (final RuntimeException ex)
        {
            throw comm.fail(ex);
        }
        if (one.inner == null)
        {
            active = true;
            completed = one.completed;
        }
        else
        {
            begin(one.inner, one.completion, one.keepAlive);
        }
    }

    /**
     * Starts all the requests ({@code MPI_Startall}).
     */
    public static void startAll(final Prequest[] requests) throws MPIException
    {
        for (final Prequest request : requests)
        {
            request.start();
        }
    }

    @Override
    public void free() throws MPIException
    {
        super.free();
        freedPersistent = true;
    }

    @Override
    boolean isPersistent()
    {
        return !freedPersistent;
    }
}
