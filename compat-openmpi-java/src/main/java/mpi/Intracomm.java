package mpi;

import java.nio.Buffer;

/**
 * An intra-communicator: a group of processes talking among themselves. Adds the operations
 * that make new communicators ({@code split}, {@code create}, topologies) and the prefix
 * reductions ({@code scan}, {@code exScan}). Dynamic processes (ports, name publishing,
 * {@code spawn}) are not supported yet and throw {@link MPIException} with
 * {@link MPI#ERR_UNSUPPORTED_OPERATION}.
 */
public class Intracomm extends Comm
{
    Intracomm(final int predefined)
    {
        super(predefined);
    }

    Intracomm(final CommState own)
    {
        super(own);
    }

    @Override
    public Intracomm clone()
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
    public Intracomm dup() throws MPIException
    {
        return new Intracomm(Communicators.dup(state(), "dup"));
    }

    @Override
    public Intracomm iDup() throws MPIException
    {
        final Intracomm copy = dup();
        copy.own.dupRequest = Request.done(copy.own, new Status());
        return copy;
    }

    @Override
    public Intracomm dupWithInfo(final Info info) throws MPIException
    {
        return dup();
    }

    /**
     * Splits into one communicator per colour, ranked by key ({@code MPI_Comm_split}). Collective.
     *
     * @return the new communicator, or a null one ({@link #isNull()}) for colour
     * {@link MPI#UNDEFINED}.
     */
    public final Intracomm split(final int colour, final int key) throws MPIException
    {
        return new Intracomm(Communicators.split(state(), colour, key));
    }

    /**
     * Splits by type ({@code MPI_Comm_split_type}): with {@link MPI#COMM_TYPE_SHARED} the ranks on
     * this host form a communicator; {@link MPI#UNDEFINED} gives a null one.
     */
    public final Intracomm splitType(final int splitType, final int key, final Info info) throws MPIException
    {
        return new Intracomm(Communicators.splitType(state(), splitType, key));
    }

    /**
     * Creates a communicator of a subgroup ({@code MPI_Comm_create}). Collective.
     *
     * @return the new communicator, or a null one at processes outside the group.
     */
    public final Intracomm create(final Group group) throws MPIException
    {
        return new Intracomm(Communicators.create(state(), group));
    }

    /**
     * Creates a communicator of a subgroup, collective over the group only
     * ({@code MPI_Comm_create_group}): here it is collective over this communicator.
     */
    public final Intracomm createGroup(final Group group, final int tag) throws MPIException
    {
        return create(group);
    }

    /**
     * Creates a Cartesian topology ({@code MPI_Cart_create}). Collective.
     *
     * @return the new communicator, or a null one at processes beyond the grid.
     */
    public final CartComm createCart(final int[] dims, final boolean[] periods, final boolean reorder)
        throws MPIException
    {
        return new CartComm(Communicators.cart(state(), dims, periods));
    }

    /**
     * Creates a graph topology ({@code MPI_Graph_create}). Collective.
     */
    public final GraphComm createGraph(final int[] index, final int[] edges, final boolean reorder)
        throws MPIException
    {
        return new GraphComm(Communicators.graph(state(), index, edges));
    }

    /**
     * Creates a distributed graph topology ({@code MPI_Dist_graph_create}). Collective.
     */
    public final GraphComm createDistGraph(final int[] sources, final int[] degrees, final int[] destinations,
        final int[] weights, final Info info, final boolean reorder) throws MPIException
    {
        return new GraphComm(Communicators.distGraph(state(), sources, degrees, destinations, weights));
    }

    /**
     * Creates an unweighted distributed graph topology ({@code MPI_Dist_graph_create}).
     */
    public final GraphComm createDistGraph(final int[] sources, final int[] degrees, final int[] destinations,
        final Info info, final boolean reorder) throws MPIException
    {
        return new GraphComm(Communicators.distGraph(state(), sources, degrees, destinations, null));
    }

    /**
     * Creates a distributed graph topology from each process's neighbours
     * ({@code MPI_Dist_graph_create_adjacent}).
     */
    public final GraphComm createDistGraphAdjacent(final int[] sources, final int[] sourceWeights,
        final int[] destinations, final int[] destWeights, final Info info, final boolean reorder)
        throws MPIException
    {
        return new GraphComm(Communicators.distGraphAdjacent(state(), sources, sourceWeights, destinations,
            destWeights));
    }

    /**
     * Creates an unweighted distributed graph topology from each process's neighbours
     * ({@code MPI_Dist_graph_create_adjacent}).
     */
    public final GraphComm createDistGraphAdjacent(final int[] sources, final int[] destinations, final Info info,
        final boolean reorder) throws MPIException
    {
        return new GraphComm(Communicators.distGraphAdjacent(state(), sources, null, destinations, null));
    }

    /**
     * Inclusive prefix reduction ({@code MPI_Scan}).
     */
    public final void scan(final Object sendbuf, final Object recvbuf, final int count, final Datatype type,
        final Op op) throws MPIException
    {
        run(c -> Collectives.scan(c, sendbuf, recvbuf, count, type, op, false, false));
    }

    /**
     * In-place inclusive prefix reduction ({@code MPI_Scan}).
     */
    public final void scan(final Object recvbuf, final int count, final Datatype type, final Op op)
        throws MPIException
    {
        run(c -> Collectives.scan(c, recvbuf, recvbuf, count, type, op, true, false));
    }

    /**
     * Non-blocking inclusive prefix reduction ({@code MPI_Iscan}), completed at the call.
     */
    public final Request iScan(final Buffer sendbuf, final Buffer recvbuf, final int count, final Datatype type,
        final Op op) throws MPIException
    {
        return start(c -> NonBlockingCollectives.iScan(c, sendbuf, recvbuf, count, type, op, false, false));
    }

    /**
     * Non-blocking in-place inclusive prefix reduction ({@code MPI_Iscan}), completed at the call.
     */
    public final Request iScan(final Buffer buf, final int count, final Datatype type, final Op op)
        throws MPIException
    {
        return start(c -> NonBlockingCollectives.iScan(c, buf, buf, count, type, op, true, false));
    }

    /**
     * Exclusive prefix reduction ({@code MPI_Exscan}); rank 0's result is left unchanged.
     */
    public final void exScan(final Object sendbuf, final Object recvbuf, final int count, final Datatype type,
        final Op op) throws MPIException
    {
        run(c -> Collectives.scan(c, sendbuf, recvbuf, count, type, op, false, true));
    }

    /**
     * In-place exclusive prefix reduction ({@code MPI_Exscan}).
     */
    public final void exScan(final Object buf, final int count, final Datatype type, final Op op)
        throws MPIException
    {
        run(c -> Collectives.scan(c, buf, buf, count, type, op, true, true));
    }

    /**
     * Non-blocking exclusive prefix reduction ({@code MPI_Iexscan}), completed at the call.
     */
    public final Request iExScan(final Buffer sendbuf, final Buffer recvbuf, final int count, final Datatype type,
        final Op op) throws MPIException
    {
        return start(c -> NonBlockingCollectives.iScan(c, sendbuf, recvbuf, count, type, op, false, true));
    }

    /**
     * Non-blocking in-place exclusive prefix reduction ({@code MPI_Iexscan}), completed at the call.
     */
    public final Request iExScan(final Buffer buf, final int count, final Datatype type, final Op op)
        throws MPIException
    {
        return start(c -> NonBlockingCollectives.iScan(c, buf, buf, count, type, op, true, true));
    }

    // ------------------------------------------------------------------ dynamic processes (not yet)

    /**
     * Not supported yet ({@code MPI_Open_port}).
     */
    public static String openPort() throws MPIException
    {
        throw unsupported("openPort (dynamic processes)");
    }

    /**
     * Not supported yet ({@code MPI_Open_port}).
     */
    public static String openPort(final Info info) throws MPIException
    {
        throw unsupported("openPort (dynamic processes)");
    }

    /**
     * Not supported yet ({@code MPI_Close_port}).
     */
    public static void closePort(final String name) throws MPIException
    {
        throw unsupported("closePort (dynamic processes)");
    }

    /**
     * Not supported yet ({@code MPI_Comm_accept}).
     */
    public final Intercomm accept(final String port, final int root) throws MPIException
    {
        throw state().fail(MpiError.unsupported("accept (dynamic processes)"));
    }

    /**
     * Not supported yet ({@code MPI_Comm_accept}).
     */
    public final Intercomm accept(final String port, final Info info, final int root) throws MPIException
    {
        throw state().fail(MpiError.unsupported("accept (dynamic processes)"));
    }

    /**
     * Not supported yet ({@code MPI_Comm_connect}).
     */
    public final Intercomm connect(final String port, final int root) throws MPIException
    {
        throw state().fail(MpiError.unsupported("connect (dynamic processes)"));
    }

    /**
     * Not supported yet ({@code MPI_Comm_connect}).
     */
    public final Intercomm connect(final String port, final Info info, final int root) throws MPIException
    {
        throw state().fail(MpiError.unsupported("connect (dynamic processes)"));
    }

    /**
     * Not supported yet ({@code MPI_Publish_name}).
     */
    public static void publishName(final String service, final String port) throws MPIException
    {
        throw unsupported("publishName (dynamic processes)");
    }

    /**
     * Not supported yet ({@code MPI_Publish_name}).
     */
    public static void publishName(final String service, final Info info, final String port) throws MPIException
    {
        throw unsupported("publishName (dynamic processes)");
    }

    /**
     * Not supported yet ({@code MPI_Unpublish_name}).
     */
    public static void unpublishName(final String service, final String port) throws MPIException
    {
        throw unsupported("unpublishName (dynamic processes)");
    }

    /**
     * Not supported yet ({@code MPI_Unpublish_name}).
     */
    public static void unpublishName(final String service, final Info info, final String port) throws MPIException
    {
        throw unsupported("unpublishName (dynamic processes)");
    }

    /**
     * Not supported yet ({@code MPI_Lookup_name}).
     */
    public static String lookupName(final String service) throws MPIException
    {
        throw unsupported("lookupName (dynamic processes)");
    }

    /**
     * Not supported yet ({@code MPI_Lookup_name}).
     */
    public static String lookupName(final String service, final Info info) throws MPIException
    {
        throw unsupported("lookupName (dynamic processes)");
    }

    /**
     * Not supported yet ({@code MPI_Comm_spawn}).
     */
    public final Intercomm spawn(final String command, final String[] argv, final int maxprocs, final Info info,
        final int root, final int[] errcodes) throws MPIException
    {
        throw state().fail(MpiError.unsupported("spawn (dynamic processes)"));
    }

    /**
     * Not supported yet ({@code MPI_Comm_spawn_multiple}).
     */
    public final Intercomm spawnMultiple(final String[] commands, final String[][] argv, final int[] maxprocs,
        final Info[] info, final int root, final int[] errcodes) throws MPIException
    {
        throw state().fail(MpiError.unsupported("spawnMultiple (dynamic processes)"));
    }

    static MPIException unsupported(final String what) throws MPIException
    {
        MPI.check();
        final MpiError error = MpiError.unsupported(what);
        return new MPIException(error.errorClass(), error.getMessage(), error);
    }
}
