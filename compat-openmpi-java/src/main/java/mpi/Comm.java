package mpi;

import java.nio.Buffer;

/**
 * A communicator ({@code MPI_Comm}), with point-to-point and collective communication.
 *
 * <h2>Buffers</h2>
 * Blocking calls take a primitive array or a java.nio buffer ({@code Object}); non-blocking and
 * persistent calls take a {@link Buffer}, which may also be a heap buffer (Open MPI asks for
 * direct ones; arrays are copied safely). Counts are in elements of the datatype and start at the
 * beginning of the array or buffer: use {@link MPI#slice} for an offset.
 *
 * <h2>Errors</h2>
 * A failure goes to the communicator's error handler: under the default
 * {@link MPI#ERRORS_ARE_FATAL} the job ends with a message naming the rank and the error class;
 * under {@link MPI#ERRORS_RETURN} the call throws an {@link MPIException}.
 *
 * <h2>Threads mode</h2>
 * {@code MPI.COMM_WORLD} and {@code MPI.COMM_SELF} are shared objects; each call finds the calling
 * rank's side of them. Communicators made by {@code dup}, {@code split} ... belong to the rank
 * that made them. Not thread safe: a rank's calls are serialized.
 */
public class Comm implements Freeable, Cloneable
{
    static final int NOT_PREDEFINED = 0;
    static final int WORLD = 1;
    static final int SELF = 2;

    final int predefined;
    CommState own;

    Comm(final int predefined)
    {
        this.predefined = predefined;
    }

    Comm(final CommState own)
    {
        this.predefined = NOT_PREDEFINED;
        this.own = own;
    }

    /**
     * @return the calling rank's side of this communicator.
     */
    final CommState state() throws MPIException
    {
        final RankState rank = RankState.checked();
        if (predefined == WORLD)
        {
            return rank.world;
        }
        if (predefined == SELF)
        {
            return rank.self();
        }
        if (own == null || own.freed)
        {
            throw new MPIException(MPI.ERR_COMM, MPI.ERR_COMM, "this communicator is null or was freed");
        }
        return own;
    }

    // ------------------------------------------------------------------ management

    /**
     * @return a duplicate ({@code MPI_Comm_dup}); wraps an {@link MPIException} in a RuntimeException.
     */
    @Override
    public Comm clone()
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
     * @return a duplicate with its own context ({@code MPI_Comm_dup}). Collective.
     */
    public Comm dup() throws MPIException
    {
        return new Comm(Communicators.dup(state(), "dup"));
    }

    /**
     * @return a duplicate ({@code MPI_Comm_idup}); here the duplication completes before the call
     * returns and {@link #getRequest()} answers a completed request.
     */
    public Comm iDup() throws MPIException
    {
        final Comm copy = dup();
        copy.own.dupRequest = Request.done(copy.own, new Status());
        return copy;
    }

    /**
     * @return a duplicate with the given hints ({@code MPI_Comm_dup_with_info}).
     */
    public Comm dupWithInfo(final Info info) throws MPIException
    {
        return dup();
    }

    /**
     * @return the request of an {@link #iDup()}, or null.
     */
    public final Request getRequest()
    {
        return own == null ? null : own.dupRequest;
    }

    /**
     * @return the number of processes ({@code MPI_Comm_size}).
     */
    public final int getSize() throws MPIException
    {
        final CommState state = state();
        return state.communicator.size();
    }

    /**
     * @return the calling process's rank ({@code MPI_Comm_rank}).
     */
    public final int getRank() throws MPIException
    {
        final CommState state = state();
        return state.communicator.rank();
    }

    /**
     * Compares two communicators ({@code MPI_Comm_compare}).
     *
     * @return {@link MPI#IDENT}, {@link MPI#CONGRUENT}, {@link MPI#SIMILAR} or {@link MPI#UNEQUAL}.
     */
    public static int compare(final Comm comm1, final Comm comm2) throws MPIException
    {
        final CommState a = comm1.state();
        final CommState b = comm2.state();
        if (a == b)
        {
            return MPI.IDENT;
        }
        if (a.inter != null || b.inter != null)
        {
            return Intercomms.compare(a, b);
        }
        final int groups = Group.compare(Communicators.group(a), Communicators.group(b));
        return groups == MPI.IDENT ? MPI.CONGRUENT : groups;
    }

    /**
     * Frees the communicator ({@code MPI_Comm_free}); the predefined ones cannot be freed.
     */
    @Override
    public void free() throws MPIException
    {
        final CommState state = state();
        if (predefined != NOT_PREDEFINED)
        {
            throw state.fail(MPI.ERR_COMM, "free: " + state.displayName() + " is predefined and cannot be freed");
        }
        try
        {
            Communicators.free(state);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
        own = null;
    }

    /**
     * @return true when this communicator was freed or is a null result of {@code split}.
     */
    public final boolean isNull()
    {
        return predefined == NOT_PREDEFINED && (own == null || own.freed);
    }

    /**
     * Sets hints ({@code MPI_Comm_set_info}); Myrmidon reads none.
     */
    public final void setInfo(final Info info) throws MPIException
    {
        state();
    }

    /**
     * @return the hints in use ({@code MPI_Comm_get_info}): none.
     */
    public final Info getInfo() throws MPIException
    {
        state();
        return new Info();
    }

    /**
     * Frees the communicator after its pending communication ({@code MPI_Comm_disconnect}).
     */
    public final void disconnect() throws MPIException
    {
        free();
    }

    /**
     * @return the group of the communicator ({@code MPI_Comm_group}).
     */
    public final Group getGroup() throws MPIException
    {
        return Communicators.group(state());
    }

    /**
     * @return true for an {@link Intercomm} ({@code MPI_Comm_test_inter}).
     */
    public final boolean isInter() throws MPIException
    {
        state();
        return this instanceof Intercomm;
    }

    /**
     * Creates an inter-communicator between the group of {@code localComm} and another group
     * ({@code MPI_Intercomm_create}); called on the peer communicator, through which the two
     * leaders talk (significant at the local leader only). Collective over both groups.
     *
     * @param localComm    the intra-communicator of the calling process's group.
     * @param localLeader  the local leader's rank in {@code localComm}.
     * @param remoteLeader the remote leader's rank in this (peer) communicator.
     * @param tag          the tag of the leaders' exchange; concurrent creations use different ones.
     */
    public final Intercomm createIntercomm(final Comm localComm, final int localLeader, final int remoteLeader,
        final int tag) throws MPIException
    {
        if (localComm == null)
        {
            throw state().fail(MPI.ERR_COMM, "createIntercomm: the local communicator is null");
        }
        return new Intercomm(Intercomms.create(this, localComm.state(), localLeader, remoteLeader, tag));
    }

    /**
     * Sets the name ({@code MPI_Comm_set_name}).
     */
    public final void setName(final String name) throws MPIException
    {
        state().name = name;
    }

    /**
     * @return the name ({@code MPI_Comm_get_name}).
     */
    public final String getName() throws MPIException
    {
        final String name = state().name;
        return name == null ? "" : name;
    }

    /**
     * Ends the job with {@code errorcode} as exit status ({@code MPI_Abort}).
     */
    public final void abort(final int errorcode) throws MPIException
    {
        final CommState state = state();
        Fatal.end(state.rank, "MPI_ABORT was invoked on rank " + state.rank.worldRank() + " in communicator " +
            state.displayName() + " with errorcode " + errorcode, errorcode, null);
    }

    /**
     * Sets the error handler ({@code MPI_Comm_set_errhandler}).
     */
    public final void setErrhandler(final Errhandler errhandler) throws MPIException
    {
        final CommState state = state();
        if (errhandler == null)
        {
            throw state.fail(MPI.ERR_ARG, "setErrhandler: the error handler is null");
        }
        state.errhandler = errhandler;
    }

    /**
     * @return the error handler ({@code MPI_Comm_get_errhandler}).
     */
    public final Errhandler getErrhandler() throws MPIException
    {
        return state().errhandler;
    }

    /**
     * Invokes the error handler with an error code ({@code MPI_Comm_call_errhandler}): under
     * {@link MPI#ERRORS_RETURN} this throws an {@link MPIException} of that class.
     */
    public final void callErrhandler(final int errorCode) throws MPIException
    {
        final CommState state = state();
        throw state.fail(errorCode, "callErrhandler: error " + ErrorClasses.name(errorCode) +
            " raised by the program");
    }

    // ------------------------------------------------------------------ attributes

    /**
     * Creates a keyval ({@code MPI_Comm_create_keyval}).
     */
    public static int createKeyval() throws MPIException
    {
        MPI.check();
        return Keyvals.create();
    }

    /**
     * Frees a keyval ({@code MPI_Comm_free_keyval}).
     */
    public static void freeKeyval(final int keyval) throws MPIException
    {
        MPI.check();
        Keyvals.free(keyval);
    }

    /**
     * Sets an attribute ({@code MPI_Comm_set_attr}).
     */
    public final void setAttr(final int keyval, final Object value) throws MPIException
    {
        final CommState state = state();
        if (Keyvals.isPredefined(keyval))
        {
            throw state.fail(MPI.ERR_KEYVAL, "setAttr: keyval " + keyval + " is predefined and read-only");
        }
        checkKeyval(state, "setAttr", keyval);
        state.attributes().put(keyval, value);
    }

    /**
     * @return an attribute, or null when not set ({@code MPI_Comm_get_attr}); predefined keys
     * answer an Integer ({@link MPI#TAG_UB} ...) or a Boolean ({@link MPI#WTIME_IS_GLOBAL}).
     */
    public final Object getAttr(final int keyval) throws MPIException
    {
        final CommState state = state();
        if (keyval == MPI.TAG_UB)
        {
            return io.myrmidon.Communicator.TAG_UB;
        }
        if (keyval == MPI.HOST)
        {
            return MPI.PROC_NULL;
        }
        if (keyval == MPI.IO)
        {
            return MPI.ANY_SOURCE;
        }
        if (keyval == MPI.WTIME_IS_GLOBAL)
        {
            return Boolean.FALSE;
        }
        if (keyval == MPI.APPNUM)
        {
            return 0;
        }
        if (keyval == MPI.LASTUSEDCODE)
        {
            return MPI.ERR_LASTCODE;
        }
        if (keyval == MPI.UNIVERSE_SIZE)
        {
            return state.rank.myrmidon.size();
        }
        if (Keyvals.isPredefined(keyval))
        {
            return null;
        }
        checkKeyval(state, "getAttr", keyval);
        return state.attributes == null ? null : state.attributes.get(keyval);
    }

    /**
     * Deletes an attribute ({@code MPI_Comm_delete_attr}).
     */
    public final void deleteAttr(final int keyval) throws MPIException
    {
        final CommState state = state();
        checkKeyval(state, "deleteAttr", keyval);
        if (state.attributes != null)
        {
            state.attributes.remove(keyval);
        }
    }

    /**
     * @return {@link MPI#CART}, {@link MPI#GRAPH}, {@link MPI#DIST_GRAPH} or {@link MPI#UNDEFINED}
     * ({@code MPI_Topo_test}).
     */
    public final int getTopology() throws MPIException
    {
        final Topology topology = state().topology;
        return topology == null ? MPI.UNDEFINED : topology.kind();
    }

    // ------------------------------------------------------------------ point-to-point

    /**
     * Blocking send ({@code MPI_Send}).
     */
    public final void send(final Object buf, final int count, final Datatype type, final int dest, final int tag)
        throws MPIException
    {
        final CommState state = state();
        try
        {
            PointToPoint.send(state, PointToPoint.STANDARD, buf, count, type, dest, tag);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * Blocking receive ({@code MPI_Recv}).
     */
    public final Status recv(final Object buf, final int count, final Datatype type, final int source, final int tag)
        throws MPIException
    {
        final CommState state = state();
        try
        {
            PointToPoint.recv(state, buf, count, type, source, tag);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
        // made here, in a method small enough to be inlined into the program's loop: a program
        // that ignores the status lets the JIT drop the allocation (escape analysis)
        return state.status(state.rank.status);
    }

    /**
     * Sends and receives at once ({@code MPI_Sendrecv}).
     */
    public final Status sendRecv(
        final Object sendbuf, final int sendcount, final Datatype sendtype, final int dest, final int sendtag,
        final Object recvbuf, final int recvcount, final Datatype recvtype, final int source, final int recvtag)
        throws MPIException
    {
        final CommState state = state();
        try
        {
            PointToPoint.sendRecv(state, sendbuf, sendcount, sendtype, dest, sendtag, recvbuf, recvcount, recvtype,
                source, recvtag);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
        return state.status(state.rank.status); // made here, as in recv
    }

    /**
     * Sends a buffer and receives into it ({@code MPI_Sendrecv_replace}).
     */
    public final Status sendRecvReplace(final Object buf, final int count, final Datatype type, final int dest,
        final int sendtag, final int source, final int recvtag) throws MPIException
    {
        final CommState state = state();
        try
        {
            PointToPoint.sendRecvReplace(state, buf, count, type, dest, sendtag, source, recvtag);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
        return state.status(state.rank.status); // made here, as in recv
    }

    /**
     * Buffered send ({@code MPI_Bsend}): copies into space bounded by {@link MPI#attachBuffer}.
     */
    public final void bSend(final Object buf, final int count, final Datatype type, final int dest, final int tag)
        throws MPIException
    {
        sendMode(PointToPoint.BUFFERED, buf, count, type, dest, tag);
    }

    /**
     * Synchronous send ({@code MPI_Ssend}): returns once the receive has matched.
     */
    public final void sSend(final Object buf, final int count, final Datatype type, final int dest, final int tag)
        throws MPIException
    {
        sendMode(PointToPoint.SYNCHRONOUS, buf, count, type, dest, tag);
    }

    /**
     * Ready send ({@code MPI_Rsend}), run as a standard send (which MPI allows).
     */
    public final void rSend(final Object buf, final int count, final Datatype type, final int dest, final int tag)
        throws MPIException
    {
        sendMode(PointToPoint.READY, buf, count, type, dest, tag);
    }

    /**
     * Non-blocking send ({@code MPI_Isend}).
     */
    public final Request iSend(final Buffer buf, final int count, final Datatype type, final int dest, final int tag)
        throws MPIException
    {
        return iSendMode(PointToPoint.STANDARD, buf, count, type, dest, tag);
    }

    /**
     * Non-blocking send of an array, copied at the call (an extension of Open MPI's API, as in
     * MVAPICH2-J).
     */
    public final Request iSend(final Object buf, final int count, final Datatype type, final int dest, final int tag)
        throws MPIException
    {
        return iSendMode(PointToPoint.STANDARD, buf, count, type, dest, tag);
    }

    /**
     * Non-blocking buffered send ({@code MPI_Ibsend}).
     */
    public final Request ibSend(final Buffer buf, final int count, final Datatype type, final int dest, final int tag)
        throws MPIException
    {
        return iSendMode(PointToPoint.BUFFERED, buf, count, type, dest, tag);
    }

    /**
     * Non-blocking synchronous send ({@code MPI_Issend}).
     */
    public final Request isSend(final Buffer buf, final int count, final Datatype type, final int dest, final int tag)
        throws MPIException
    {
        return iSendMode(PointToPoint.SYNCHRONOUS, buf, count, type, dest, tag);
    }

    /**
     * Non-blocking ready send ({@code MPI_Irsend}), run as a standard one.
     */
    public final Request irSend(final Buffer buf, final int count, final Datatype type, final int dest, final int tag)
        throws MPIException
    {
        return iSendMode(PointToPoint.READY, buf, count, type, dest, tag);
    }

    /**
     * Non-blocking receive ({@code MPI_Irecv}).
     */
    public final Request iRecv(final Buffer buf, final int count, final Datatype type, final int source, final int tag)
        throws MPIException
    {
        return iRecvObject(buf, count, type, source, tag);
    }

    /**
     * Non-blocking receive into an array, copied into it at completion (an extension of Open
     * MPI's API, as in MVAPICH2-J).
     */
    public final Request iRecv(final Object buf, final int count, final Datatype type, final int source, final int tag)
        throws MPIException
    {
        return iRecvObject(buf, count, type, source, tag);
    }

    /**
     * Persistent standard send ({@code MPI_Send_init}).
     */
    public final Prequest sendInit(final Buffer buf, final int count, final Datatype type, final int dest,
        final int tag) throws MPIException
    {
        return persistentSend(PointToPoint.STANDARD, buf, count, type, dest, tag);
    }

    /**
     * Persistent buffered send ({@code MPI_Bsend_init}).
     */
    public final Prequest bSendInit(final Buffer buf, final int count, final Datatype type, final int dest,
        final int tag) throws MPIException
    {
        return persistentSend(PointToPoint.BUFFERED, buf, count, type, dest, tag);
    }

    /**
     * Persistent synchronous send ({@code MPI_Ssend_init}).
     */
    public final Prequest sSendInit(final Buffer buf, final int count, final Datatype type, final int dest,
        final int tag) throws MPIException
    {
        return persistentSend(PointToPoint.SYNCHRONOUS, buf, count, type, dest, tag);
    }

    /**
     * Persistent ready send ({@code MPI_Rsend_init}).
     */
    public final Prequest rSendInit(final Buffer buf, final int count, final Datatype type, final int dest,
        final int tag) throws MPIException
    {
        return persistentSend(PointToPoint.READY, buf, count, type, dest, tag);
    }

    /**
     * Persistent receive ({@code MPI_Recv_init}).
     */
    public final Prequest recvInit(final Buffer buf, final int count, final Datatype type, final int source,
        final int tag) throws MPIException
    {
        final CommState state = state();
        return new Prequest(state, () -> PointToPoint.iRecv(state, buf, count, type, source, tag));
    }

    /**
     * Packs {@code incount} elements into {@code outbuf} from {@code position} ({@code MPI_Pack}).
     *
     * @return the position after the packed bytes.
     */
    public final int pack(final Object inbuf, final int incount, final Datatype type, final byte[] outbuf,
        final int position) throws MPIException
    {
        final CommState state = state();
        try
        {
            return Packing.pack(inbuf, incount, type, outbuf, position);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * Unpacks {@code outcount} elements from {@code inbuf} at {@code position} ({@code MPI_Unpack}).
     *
     * @return the position after the unpacked bytes.
     */
    public final int unpack(final byte[] inbuf, final int position, final Object outbuf, final int outcount,
        final Datatype type) throws MPIException
    {
        final CommState state = state();
        try
        {
            return Packing.unpack(inbuf, position, outbuf, outcount, type);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * @return the bytes {@code incount} elements take when packed ({@code MPI_Pack_size}).
     */
    public final int packSize(final int incount, final Datatype type) throws MPIException
    {
        final CommState state = state();
        try
        {
            return PointToPoint.checkedBytes("packSize", type, incount);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * @return the status of a message that a receive would match now, or null ({@code MPI_Iprobe}).
     */
    public final Status iProbe(final int source, final int tag) throws MPIException
    {
        final CommState state = state();
        try
        {
            return PointToPoint.iProbe(state, source, tag);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * Waits for a message that a receive would match and returns its status ({@code MPI_Probe}).
     */
    public final Status probe(final int source, final int tag) throws MPIException
    {
        final CommState state = state();
        try
        {
            return PointToPoint.probe(state, source, tag);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    // ------------------------------------------------------------------ collectives

    /**
     * Blocks until every process has called it ({@code MPI_Barrier}).
     */
    public final void barrier() throws MPIException
    {
        run(c -> Collectives.barrier(c), Intercomms::barrier);
    }

    /**
     * Non-blocking barrier ({@code MPI_Ibarrier}).
     */
    public final Request iBarrier() throws MPIException
    {
        return start(c -> Collectives.iBarrier(c), Intercomms::iBarrier);
    }

    /**
     * Broadcast from {@code root} ({@code MPI_Bcast}). On an inter-communicator the root passes
     * {@link MPI#ROOT}, the rest of its group {@link MPI#PROC_NULL}, and the other group the root's
     * rank in it.
     */
    public final void bcast(final Object buf, final int count, final Datatype type, final int root)
        throws MPIException
    {
        run(c -> Collectives.bcast(c, buf, count, type, root), c -> Intercomms.bcast(c, buf, count, type, root));
    }

    /**
     * Non-blocking broadcast ({@code MPI_Ibcast}). On an inter-communicator the roots are as for
     * {@link #bcast}, and the root's buffer goes to each process of the other group directly.
     */
    public final Request iBcast(final Buffer buf, final int count, final Datatype type, final int root)
        throws MPIException
    {
        return start(c -> Collectives.iBcast(c, buf, count, type, root),
            c -> InterNonBlocking.iBcast(c, buf, count, type, root));
    }

    /**
     * Gathers to {@code root} ({@code MPI_Gather}).
     */
    public final void gather(final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf,
        final int recvcount, final Datatype recvtype, final int root) throws MPIException
    {
        run(c -> Collectives.gather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, false),
            c -> InterCollectives.gather(c, "gather", sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype,
                root).run());
    }

    /**
     * Gather with {@code MPI_IN_PLACE}: the root's contribution is already in its slot of
     * {@code buf}; other ranks send from {@code buf} ({@code MPI_Gather}).
     */
    public final void gather(final Object buf, final int count, final Datatype type, final int root)
        throws MPIException
    {
        runInPlace(c -> Collectives.gather(c, buf, count, type, buf, count, type, root, true));
    }

    /**
     * Non-blocking gather ({@code MPI_Igather}).
     */
    public final Request iGather(final Buffer sendbuf, final int sendcount, final Datatype sendtype,
        final Buffer recvbuf, final int recvcount, final Datatype recvtype, final int root) throws MPIException
    {
        return start(c -> NonBlockingCollectives.iGather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount,
            recvtype, root, false),
            c -> InterCollectives.gather(c, "iGather", sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype,
                root).start());
    }

    /**
     * Non-blocking in-place gather ({@code MPI_Igather}).
     */
    public final Request iGather(final Buffer buf, final int count, final Datatype type, final int root)
        throws MPIException
    {
        return startInPlace(c -> NonBlockingCollectives.iGather(c, buf, count, type, buf, count, type, root, true));
    }

    /**
     * Gather with varying counts ({@code MPI_Gatherv}).
     */
    public final void gatherv(final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype, final int root)
        throws MPIException
    {
        run(c -> Collectives.gatherv(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype, root,
            false),
            c -> InterCollectives.gatherv(c, "gatherv", sendbuf, sendcount, sendtype, recvbuf, recvcount, displs,
                recvtype, root).run());
    }

    /**
     * In-place gatherv at the root ({@code MPI_Gatherv}).
     */
    public final void gatherv(final Object recvbuf, final int[] recvcount, final int[] displs,
        final Datatype recvtype, final int root) throws MPIException
    {
        runInPlace(c -> Collectives.gatherv(c, null, 0, recvtype, recvbuf, recvcount, displs, recvtype, root, true));
    }

    /**
     * Gatherv at a non-root rank when the root gathers in place ({@code MPI_Gatherv}).
     */
    public final void gatherv(final Object sendbuf, final int sendcount, final Datatype sendtype, final int root)
        throws MPIException
    {
        run(c -> Collectives.gatherv(c, sendbuf, sendcount, sendtype, null, null, null, sendtype, root, false),
            c -> InterCollectives.gatherv(c, "gatherv", sendbuf, sendcount, sendtype, null, null, null, sendtype,
                root).run());
    }

    /**
     * Non-blocking gatherv ({@code MPI_Igatherv}).
     */
    public final Request iGatherv(final Buffer sendbuf, final int sendcount, final Datatype sendtype,
        final Buffer recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype, final int root)
        throws MPIException
    {
        return start(c -> NonBlockingCollectives.iGatherv(c, sendbuf, sendcount, sendtype, recvbuf, recvcount,
            displs, recvtype, root, false),
            c -> InterCollectives.gatherv(c, "iGatherv", sendbuf, sendcount, sendtype, recvbuf, recvcount, displs,
                recvtype, root).start());
    }

    /**
     * Non-blocking in-place gatherv at the root ({@code MPI_Igatherv}).
     */
    public final Request iGatherv(final Buffer recvbuf, final int[] recvcount, final int[] displs,
        final Datatype recvtype, final int root) throws MPIException
    {
        return startInPlace(c -> NonBlockingCollectives.iGatherv(c, null, 0, recvtype, recvbuf, recvcount, displs,
            recvtype, root, true));
    }

    /**
     * Non-blocking gatherv at a non-root rank ({@code MPI_Igatherv}).
     */
    public final Request iGatherv(final Buffer sendbuf, final int sendcount, final Datatype sendtype, final int root)
        throws MPIException
    {
        return start(c -> NonBlockingCollectives.iGatherv(c, sendbuf, sendcount, sendtype, null, null, null,
            sendtype, root, false),
            c -> InterCollectives.gatherv(c, "iGatherv", sendbuf, sendcount, sendtype, null, null, null, sendtype,
                root).start());
    }

    /**
     * Scatters from {@code root} ({@code MPI_Scatter}).
     */
    public final void scatter(final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype, final int root) throws MPIException
    {
        run(c -> Collectives.scatter(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, false),
            c -> InterCollectives.scatter(c, "scatter", sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype,
                root).run());
    }

    /**
     * In-place scatter: the root keeps its slot of {@code buf}; other ranks receive into
     * {@code buf} ({@code MPI_Scatter}).
     */
    public final void scatter(final Object buf, final int count, final Datatype type, final int root)
        throws MPIException
    {
        runInPlace(c -> Collectives.scatter(c, buf, count, type, buf, count, type, root, true));
    }

    /**
     * Non-blocking scatter ({@code MPI_Iscatter}).
     */
    public final Request iScatter(final Buffer sendbuf, final int sendcount, final Datatype sendtype,
        final Buffer recvbuf, final int recvcount, final Datatype recvtype, final int root) throws MPIException
    {
        return start(c -> NonBlockingCollectives.iScatter(c, sendbuf, sendcount, sendtype, recvbuf, recvcount,
            recvtype, root, false),
            c -> InterCollectives.scatter(c, "iScatter", sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype,
                root).start());
    }

    /**
     * Non-blocking in-place scatter ({@code MPI_Iscatter}).
     */
    public final Request iScatter(final Buffer buf, final int count, final Datatype type, final int root)
        throws MPIException
    {
        return startInPlace(c -> NonBlockingCollectives.iScatter(c, buf, count, type, buf, count, type, root, true));
    }

    /**
     * Scatter with varying counts ({@code MPI_Scatterv}).
     */
    public final void scatterv(final Object sendbuf, final int[] sendcount, final int[] displs,
        final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype, final int root)
        throws MPIException
    {
        run(c -> Collectives.scatterv(c, sendbuf, sendcount, displs, sendtype, recvbuf, recvcount, recvtype, root,
            false),
            c -> InterCollectives.scatterv(c, "scatterv", sendbuf, sendcount, displs, sendtype, recvbuf, recvcount,
                recvtype, root).run());
    }

    /**
     * In-place scatterv at the root ({@code MPI_Scatterv}).
     */
    public final void scatterv(final Object sendbuf, final int[] sendcount, final int[] displs,
        final Datatype sendtype, final int root) throws MPIException
    {
        runInPlace(c -> Collectives.scatterv(c, sendbuf, sendcount, displs, sendtype, null, 0, sendtype, root, true));
    }

    /**
     * Scatterv at a non-root rank when the root scatters in place ({@code MPI_Scatterv}).
     */
    public final void scatterv(final Object recvbuf, final int recvcount, final Datatype recvtype, final int root)
        throws MPIException
    {
        run(c -> Collectives.scatterv(c, null, null, null, recvtype, recvbuf, recvcount, recvtype, root, false),
            c -> InterCollectives.scatterv(c, "scatterv", null, null, null, recvtype, recvbuf, recvcount, recvtype,
                root).run());
    }

    /**
     * Non-blocking scatterv ({@code MPI_Iscatterv}).
     */
    public final Request iScatterv(final Buffer sendbuf, final int[] sendcount, final int[] displs,
        final Datatype sendtype, final Buffer recvbuf, final int recvcount, final Datatype recvtype, final int root)
        throws MPIException
    {
        return start(c -> NonBlockingCollectives.iScatterv(c, sendbuf, sendcount, displs, sendtype, recvbuf,
            recvcount, recvtype, root, false),
            c -> InterCollectives.scatterv(c, "iScatterv", sendbuf, sendcount, displs, sendtype, recvbuf, recvcount,
                recvtype, root).start());
    }

    /**
     * Non-blocking in-place scatterv at the root ({@code MPI_Iscatterv}).
     */
    public final Request iScatterv(final Buffer sendbuf, final int[] sendcount, final int[] displs,
        final Datatype sendtype, final int root) throws MPIException
    {
        return startInPlace(c -> NonBlockingCollectives.iScatterv(c, sendbuf, sendcount, displs, sendtype, null, 0,
            sendtype, root, true));
    }

    /**
     * Non-blocking scatterv at a non-root rank ({@code MPI_Iscatterv}).
     */
    public final Request iScatterv(final Buffer recvbuf, final int recvcount, final Datatype recvtype, final int root)
        throws MPIException
    {
        return start(c -> NonBlockingCollectives.iScatterv(c, null, null, null, recvtype, recvbuf, recvcount,
            recvtype, root, false),
            c -> InterCollectives.scatterv(c, "iScatterv", null, null, null, recvtype, recvbuf, recvcount, recvtype,
                root).start());
    }

    /**
     * Gathers to every process ({@code MPI_Allgather}).
     */
    public final void allGather(final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype) throws MPIException
    {
        run(c -> Collectives.allGather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, false),
            c -> Intercomms.allGather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype));
    }

    /**
     * In-place all-gather: each rank's contribution is already in its slot ({@code MPI_Allgather}).
     */
    public final void allGather(final Object buf, final int count, final Datatype type) throws MPIException
    {
        runInPlace(c -> Collectives.allGather(c, buf, count, type, buf, count, type, true));
    }

    /**
     * Non-blocking all-gather ({@code MPI_Iallgather}). On an inter-communicator each process gets
     * the blocks of the remote group's processes, in their rank order.
     */
    public final Request iAllGather(final Buffer sendbuf, final int sendcount, final Datatype sendtype,
        final Buffer recvbuf, final int recvcount, final Datatype recvtype) throws MPIException
    {
        return start(c -> Collectives.iAllGather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype,
            false),
            c -> InterNonBlocking.iAllGather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype));
    }

    /**
     * Non-blocking in-place all-gather ({@code MPI_Iallgather}).
     */
    public final Request iAllGather(final Buffer buf, final int count, final Datatype type) throws MPIException
    {
        return startInPlace(c -> Collectives.iAllGather(c, buf, count, type, buf, count, type, true));
    }

    /**
     * All-gather with varying counts ({@code MPI_Allgatherv}).
     */
    public final void allGatherv(final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype) throws MPIException
    {
        run(c -> Collectives.allGatherv(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype,
            false),
            c -> InterCollectives.allGatherv(c, "allGatherv", sendbuf, sendcount, sendtype, recvbuf, recvcount, displs,
                recvtype).run());
    }

    /**
     * In-place all-gatherv ({@code MPI_Allgatherv}).
     */
    public final void allGatherv(final Object recvbuf, final int[] recvcount, final int[] displs,
        final Datatype recvtype) throws MPIException
    {
        runInPlace(c -> Collectives.allGatherv(c, null, 0, recvtype, recvbuf, recvcount, displs, recvtype, true));
    }

    /**
     * Non-blocking all-gatherv ({@code MPI_Iallgatherv}).
     */
    public final Request iAllGatherv(final Buffer sendbuf, final int sendcount, final Datatype sendtype,
        final Buffer recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype) throws MPIException
    {
        return start(c -> NonBlockingCollectives.iAllGatherv(c, sendbuf, sendcount, sendtype, recvbuf, recvcount,
            displs, recvtype, false),
            c -> InterCollectives.allGatherv(c, "iAllGatherv", sendbuf, sendcount, sendtype, recvbuf, recvcount, displs,
                recvtype).start());
    }

    /**
     * Non-blocking in-place all-gatherv ({@code MPI_Iallgatherv}).
     */
    public final Request iAllGatherv(final Buffer buf, final int[] count, final int[] displs, final Datatype type)
        throws MPIException
    {
        return startInPlace(c -> NonBlockingCollectives.iAllGatherv(c, null, 0, type, buf, count, displs, type, true));
    }

    /**
     * Every process sends a distinct block to every other ({@code MPI_Alltoall}).
     */
    public final void allToAll(final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype) throws MPIException
    {
        run(c -> Collectives.allToAll(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype),
            c -> InterCollectives.allToAll(c, "allToAll", sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype)
                .run());
    }

    /**
     * Non-blocking all-to-all ({@code MPI_Ialltoall}).
     */
    public final Request iAllToAll(final Buffer sendbuf, final int sendcount, final Datatype sendtype,
        final Buffer recvbuf, final int recvcount, final Datatype recvtype) throws MPIException
    {
        return start(c -> Collectives.iAllToAll(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype),
            c -> InterCollectives.allToAll(c, "iAllToAll", sendbuf, sendcount, sendtype, recvbuf, recvcount,
                recvtype).start());
    }

    /**
     * All-to-all with varying counts ({@code MPI_Alltoallv}).
     */
    public final void allToAllv(final Object sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype recvtype) throws MPIException
    {
        run(c -> Collectives.allToAllv(c, sendbuf, sendcount, sdispls, sendtype, recvbuf, recvcount, rdispls,
            recvtype),
            c -> InterCollectives.allToAllv(c, "allToAllv", sendbuf, sendcount, sdispls, sendtype, recvbuf,
                recvcount, rdispls, recvtype).run());
    }

    /**
     * Non-blocking all-to-allv ({@code MPI_Ialltoallv}).
     */
    public final Request iAllToAllv(final Buffer sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype sendtype, final Buffer recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype recvtype) throws MPIException
    {
        return start(c -> NonBlockingCollectives.iAllToAllv(c, sendbuf, sendcount, sdispls, sendtype, recvbuf,
            recvcount, rdispls, recvtype),
            c -> InterCollectives.allToAllv(c, "iAllToAllv", sendbuf, sendcount, sdispls, sendtype, recvbuf,
                recvcount, rdispls, recvtype).start());
    }

    /**
     * All-to-all with a datatype per block and byte displacements ({@code MPI_Alltoallw}).
     */
    public final void allToAllw(final Buffer sendBuf, final int[] sendCount, final int[] sDispls,
        final Datatype[] sendTypes, final Buffer recvBuf, final int[] recvCount, final int[] rDispls,
        final Datatype[] recvTypes) throws MPIException
    {
        run(c -> Collectives.allToAllw(c, sendBuf, sendCount, sDispls, sendTypes, recvBuf, recvCount, rDispls,
            recvTypes),
            c -> InterCollectives.allToAllw(c, "allToAllw", sendBuf, sendCount, sDispls, sendTypes, recvBuf,
                recvCount, rDispls, recvTypes).run());
    }

    /**
     * Non-blocking all-to-allw ({@code MPI_Ialltoallw}).
     */
    public final Request iAllToAllw(final Buffer sendBuf, final int[] sendCount, final int[] sDispls,
        final Datatype[] sendTypes, final Buffer recvBuf, final int[] recvCount, final int[] rDispls,
        final Datatype[] recvTypes) throws MPIException
    {
        return start(c -> NonBlockingCollectives.iAllToAllw(c, sendBuf, sendCount, sDispls, sendTypes, recvBuf,
            recvCount, rDispls, recvTypes),
            c -> InterCollectives.allToAllw(c, "iAllToAllw", sendBuf, sendCount, sDispls, sendTypes, recvBuf,
                recvCount, rDispls, recvTypes).start());
    }

    /**
     * Neighbourhood all-gather on a topology ({@code MPI_Neighbor_allgather}).
     */
    public final void neighborAllGather(final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype) throws MPIException
    {
        run(c -> Neighbors.allGather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype));
    }

    /**
     * Non-blocking neighbourhood all-gather ({@code MPI_Ineighbor_allgather}).
     */
    public final Request iNeighborAllGather(final Buffer sendbuf, final int sendcount, final Datatype sendtype,
        final Buffer recvbuf, final int recvcount, final Datatype recvtype) throws MPIException
    {
        return start(c -> Neighbors.iAllGather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype));
    }

    /**
     * Neighbourhood all-gather with varying counts ({@code MPI_Neighbor_allgatherv}).
     */
    public final void neighborAllGatherv(final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype) throws MPIException
    {
        run(c -> Neighbors.allGatherv(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype));
    }

    /**
     * Non-blocking neighbourhood all-gatherv ({@code MPI_Ineighbor_allgatherv}).
     */
    public final Request iNeighborAllGatherv(final Buffer sendbuf, final int sendcount, final Datatype sendtype,
        final Buffer recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype) throws MPIException
    {
        return start(c -> Neighbors.iAllGatherv(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, displs,
            recvtype));
    }

    /**
     * Neighbourhood all-to-all ({@code MPI_Neighbor_alltoall}).
     */
    public final void neighborAllToAll(final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype) throws MPIException
    {
        run(c -> Neighbors.allToAll(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype));
    }

    /**
     * Non-blocking neighbourhood all-to-all ({@code MPI_Ineighbor_alltoall}).
     */
    public final Request iNeighborAllToAll(final Buffer sendbuf, final int sendcount, final Datatype sendtype,
        final Buffer recvbuf, final int recvcount, final Datatype recvtype) throws MPIException
    {
        return start(c -> Neighbors.iAllToAll(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype));
    }

    /**
     * Neighbourhood all-to-all with varying counts ({@code MPI_Neighbor_alltoallv}).
     */
    public final void neighborAllToAllv(final Object sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype recvtype) throws MPIException
    {
        run(c -> Neighbors.allToAllv(c, sendbuf, sendcount, sdispls, sendtype, recvbuf, recvcount, rdispls,
            recvtype));
    }

    /**
     * Non-blocking neighbourhood all-to-allv ({@code MPI_Ineighbor_alltoallv}).
     */
    public final Request iNeighborAllToAllv(final Buffer sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype sendtype, final Buffer recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype recvtype) throws MPIException
    {
        return start(c -> Neighbors.iAllToAllv(c, sendbuf, sendcount, sdispls, sendtype, recvbuf, recvcount,
            rdispls, recvtype));
    }

    /**
     * Reduction to {@code root} ({@code MPI_Reduce}).
     */
    public final void reduce(final Object sendbuf, final Object recvbuf, final int count, final Datatype type,
        final Op op, final int root) throws MPIException
    {
        run(c -> Collectives.reduce(c, sendbuf, recvbuf, count, type, op, root, false),
            c -> InterCollectives.reduce(c, sendbuf, recvbuf, count, type, op, root));
    }

    /**
     * In-place reduction: the root's input is in {@code buf} and the result replaces it; other
     * ranks send from {@code buf} ({@code MPI_Reduce}).
     */
    public final void reduce(final Object buf, final int count, final Datatype type, final Op op, final int root)
        throws MPIException
    {
        runInPlace(c -> Collectives.reduce(c, buf, buf, count, type, op, root, true));
    }

    /**
     * Non-blocking reduction ({@code MPI_Ireduce}). On an inter-communicator the roots are as for
     * {@link #bcast}, and the root gets the reduction of the other group's inputs.
     */
    public final Request iReduce(final Buffer sendbuf, final Buffer recvbuf, final int count, final Datatype type,
        final Op op, final int root) throws MPIException
    {
        return start(c -> Collectives.iReduce(c, sendbuf, recvbuf, count, type, op, root, false),
            c -> InterNonBlocking.iReduce(c, sendbuf, recvbuf, count, type, op, root));
    }

    /**
     * Non-blocking in-place reduction ({@code MPI_Ireduce}).
     */
    public final Request iReduce(final Buffer buf, final int count, final Datatype type, final Op op, final int root)
        throws MPIException
    {
        return startInPlace(c -> Collectives.iReduce(c, buf, buf, count, type, op, root, true));
    }

    /**
     * Reduction whose result every process gets ({@code MPI_Allreduce}).
     */
    public final void allReduce(final Object sendbuf, final Object recvbuf, final int count, final Datatype type,
        final Op op) throws MPIException
    {
        run(c -> Collectives.allReduce(c, sendbuf, recvbuf, count, type, op, false),
            c -> Intercomms.allReduce(c, sendbuf, recvbuf, count, type, op));
    }

    /**
     * In-place all-reduce ({@code MPI_Allreduce}).
     */
    public final void allReduce(final Object buf, final int count, final Datatype type, final Op op)
        throws MPIException
    {
        runInPlace(c -> Collectives.allReduce(c, buf, buf, count, type, op, true));
    }

    /**
     * Non-blocking all-reduce ({@code MPI_Iallreduce}). On an inter-communicator each group gets
     * the reduction of the other group's inputs.
     */
    public final Request iAllReduce(final Buffer sendbuf, final Buffer recvbuf, final int count, final Datatype type,
        final Op op) throws MPIException
    {
        return start(c -> Collectives.iAllReduce(c, sendbuf, recvbuf, count, type, op, false),
            c -> InterNonBlocking.iAllReduce(c, sendbuf, recvbuf, count, type, op));
    }

    /**
     * Non-blocking in-place all-reduce ({@code MPI_Iallreduce}).
     */
    public final Request iAllReduce(final Buffer buf, final int count, final Datatype type, final Op op)
        throws MPIException
    {
        return startInPlace(c -> Collectives.iAllReduce(c, buf, buf, count, type, op, true));
    }

    /**
     * Reduction whose result is scattered in blocks of {@code recvcounts} ({@code MPI_Reduce_scatter}).
     */
    public final void reduceScatter(final Object sendbuf, final Object recvbuf, final int[] recvcounts,
        final Datatype type, final Op op) throws MPIException
    {
        run(c -> Collectives.reduceScatter(c, sendbuf, recvbuf, recvcounts, type, op, false),
            c -> InterCollectives.reduceScatter(c, "reduceScatter", sendbuf, recvbuf, recvcounts, type, op));
    }

    /**
     * In-place reduce-scatter ({@code MPI_Reduce_scatter}).
     */
    public final void reduceScatter(final Object buf, final int[] counts, final Datatype type, final Op op)
        throws MPIException
    {
        runInPlace(c -> Collectives.reduceScatter(c, buf, buf, counts, type, op, true));
    }

    /**
     * Non-blocking reduce-scatter ({@code MPI_Ireduce_scatter}). On an inter-communicator the
     * reduction of the other group's vectors is scattered over this group by {@code recvcounts}
     * (both groups' vectors hold the same number of elements).
     */
    public final Request iReduceScatter(final Buffer sendbuf, final Buffer recvbuf, final int[] recvcounts,
        final Datatype type, final Op op) throws MPIException
    {
        return start(c -> NonBlockingCollectives.iReduceScatter(c, sendbuf, recvbuf, recvcounts, type, op, false),
            c -> InterNonBlocking.iReduceScatter(c, sendbuf, recvbuf, recvcounts, type, op));
    }

    /**
     * Non-blocking in-place reduce-scatter ({@code MPI_Ireduce_scatter}).
     */
    public final Request iReduceScatter(final Buffer buf, final int[] counts, final Datatype type, final Op op)
        throws MPIException
    {
        return startInPlace(c -> NonBlockingCollectives.iReduceScatter(c, buf, buf, counts, type, op, true));
    }

    /**
     * Reduce-scatter with equal blocks ({@code MPI_Reduce_scatter_block}).
     */
    public final void reduceScatterBlock(final Object sendbuf, final Object recvbuf, final int recvcount,
        final Datatype type, final Op op) throws MPIException
    {
        run(c -> Collectives.reduceScatterBlock(c, sendbuf, recvbuf, recvcount, type, op, false),
            c -> InterCollectives.reduceScatterBlock(c, sendbuf, recvbuf, recvcount, type, op));
    }

    /**
     * In-place reduce-scatter with equal blocks ({@code MPI_Reduce_scatter_block}).
     */
    public final void reduceScatterBlock(final Object buf, final int count, final Datatype type, final Op op)
        throws MPIException
    {
        runInPlace(c -> Collectives.reduceScatterBlock(c, buf, buf, count, type, op, true));
    }

    /**
     * Non-blocking reduce-scatter-block ({@code MPI_Ireduce_scatter_block}). On an
     * inter-communicator the reduction of the other group's vectors is scattered over this group,
     * {@code recvcount} elements per process (both groups' vectors hold the same number of
     * elements).
     */
    public final Request iReduceScatterBlock(final Buffer sendbuf, final Buffer recvbuf, final int recvcount,
        final Datatype type, final Op op) throws MPIException
    {
        return start(c -> NonBlockingCollectives.iReduceScatterBlock(c, sendbuf, recvbuf, recvcount, type, op,
            false),
            c -> InterNonBlocking.iReduceScatterBlock(c, sendbuf, recvbuf, recvcount, type, op));
    }

    /**
     * Non-blocking in-place reduce-scatter-block ({@code MPI_Ireduce_scatter_block}).
     */
    public final Request iReduceScatterBlock(final Buffer buf, final int count, final Datatype type, final Op op)
        throws MPIException
    {
        return startInPlace(c -> NonBlockingCollectives.iReduceScatterBlock(c, buf, buf, count, type, op, true));
    }

    /**
     * Applies {@code op} locally: {@code inOutBuf[i] = inBuf[i] op inOutBuf[i]} ({@code MPI_Reduce_local}).
     */
    public static void reduceLocal(final Object inBuf, final Object inOutBuf, final int count, final Datatype type,
        final Op op) throws MPIException
    {
        MPI.check();
        try
        {
            Collectives.reduceLocal(inBuf, inOutBuf, count, type, op);
        }
        catch (final RuntimeException ex)
        {
            throw new MPIException(ErrorClasses.of(ex), ex.getMessage(), ex);
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A collective body, run on the calling rank's side of this communicator.
     */
    @FunctionalInterface
    interface Action
    {
        void run(CommState state);
    }

    /**
     * A non-blocking collective body that returns its request.
     */
    @FunctionalInterface
    interface Start
    {
        Request start(CommState state);
    }

    final void run(final Action action) throws MPIException
    {
        runOn(intraOnly(false), action);
    }

    /**
     * Runs {@code intra} on an intra-communicator and {@code inter} on an inter-communicator
     * (a collective that {@link InterCollectives} implements across the groups).
     */
    final void run(final Action intra, final Action inter) throws MPIException
    {
        final CommState state = state();
        runOn(state, state.inter != null ? inter : intra);
    }

    /**
     * Runs the in-place form ({@code MPI_IN_PLACE}) of a collective, which MPI does not allow on
     * an inter-communicator.
     */
    final void runInPlace(final Action action) throws MPIException
    {
        runOn(intraOnly(true), action);
    }

    final Request start(final Start start) throws MPIException
    {
        return startOn(intraOnly(false), start);
    }

    /**
     * Starts {@code intra} on an intra-communicator and {@code inter} on an inter-communicator
     * (a non-blocking collective that {@link InterCollectives} or {@link InterNonBlocking}
     * implements across the groups).
     */
    final Request start(final Start intra, final Start inter) throws MPIException
    {
        final CommState state = state();
        return startOn(state, state.inter != null ? inter : intra);
    }

    /**
     * Starts the in-place form ({@code MPI_IN_PLACE}) of a non-blocking collective, which MPI does
     * not allow on an inter-communicator.
     */
    final Request startInPlace(final Start start) throws MPIException
    {
        return startOn(intraOnly(true), start);
    }

    /**
     * Runs {@code action} on {@code state}; a failure goes to the communicator's error handler.
     */
    private static void runOn(final CommState state, final Action action) throws MPIException
    {
        try
        {
            action.run(state);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * Starts {@code start} on {@code state}; a failure goes to the communicator's error handler.
     */
    private static Request startOn(final CommState state, final Start start) throws MPIException
    {
        try
        {
            return start.start(state);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * @param inPlace true for the in-place form of a collective.
     * @return the calling rank's state of this communicator, which must be an intra-communicator:
     * on an inter-communicator, MPI forbids the in-place forms ({@code ERR_ARG}), and the
     * neighbourhood collectives need a topology, which only an intra-communicator has
     * ({@code ERR_TOPOLOGY}). Every other collective has an inter-communicator form, dispatched
     * before it gets here.
     */
    private CommState intraOnly(final boolean inPlace) throws MPIException
    {
        final CommState state = state();
        if (state.inter != null)
        {
            final String operation = StackWalker.getInstance().walk(frames -> frames.skip(2).findFirst()
                .map(StackWalker.StackFrame::getMethodName).orElse("this collective"));
            if (inPlace)
            {
                throw state.fail(new MpiError(MPI.ERR_ARG, operation + " in place (the form without a separate " +
                    "send buffer, MPI_IN_PLACE) on an inter-communicator: MPI does not allow MPI_IN_PLACE on " +
                    "inter-communicators; pass separate send and receive buffers"));
            }
            throw state.fail(new MpiError(MPI.ERR_TOPOLOGY, operation + " on an inter-communicator: the " +
                "neighbourhood collectives need a topology (createCart, createGraph, createDistGraph), which only " +
                "an intra-communicator has; merge the inter-communicator (merge) and make one from it"));
        }
        return state;
    }

    private void sendMode(final int mode, final Object buf, final int count, final Datatype type, final int dest,
        final int tag) throws MPIException
    {
        final CommState state = state();
        try
        {
            PointToPoint.send(state, mode, buf, count, type, dest, tag);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    private Request iSendMode(final int mode, final Object buf, final int count, final Datatype type, final int dest,
        final int tag) throws MPIException
    {
        final CommState state = state();
        try
        {
            return PointToPoint.iSend(state, mode, buf, count, type, dest, tag);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    private Request iRecvObject(final Object buf, final int count, final Datatype type, final int source,
        final int tag) throws MPIException
    {
        final CommState state = state();
        try
        {
            return PointToPoint.iRecv(state, buf, count, type, source, tag);
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    private Prequest persistentSend(final int mode, final Buffer buf, final int count, final Datatype type,
        final int dest, final int tag) throws MPIException
    {
        final CommState state = state();
        return new Prequest(state, () -> PointToPoint.iSend(state, mode, buf, count, type, dest, tag));
    }

    private static void checkKeyval(final CommState state, final String operation, final int keyval)
        throws MPIException
    {
        try
        {
            Keyvals.check(keyval);
        }
        catch (final MPIException ex)
        {
            throw state.fail(MPI.ERR_KEYVAL, operation + ": " + ex.getMessage());
        }
    }

    @Override
    public String toString()
    {
        return predefined == WORLD ? "MPI.COMM_WORLD" : predefined == SELF ? "MPI.COMM_SELF" :
            "Comm{" + (own == null ? "null" : own.displayName()) + '}';
    }
}
