package mpi;

import io.myrmidon.Communicator;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Making and using inter-communicators on Myrmidon's intra-communicators (see {@link InterState}
 * for the layout): {@code MPI_Intercomm_create}, {@code MPI_Intercomm_merge}, duplicates, and the
 * collectives that work across the two groups (barrier, broadcast, all-reduce, all-gather; the
 * others are in {@link InterCollectives}, the non-blocking forms of these four but the barrier in
 * {@link InterNonBlocking}). The data-moving ones combine a collective on each local group with
 * one exchange between the two groups' rank 0s on the control communicator.
 */
final class Intercomms
{
    /** The tag of a broadcast's data on the control communicator (its collectives are ordered). */
    private static final int BCAST_TAG = 1;
    /** The tag of the rank 0s' exchange of an all-reduce. */
    private static final int ALL_REDUCE_TAG = 2;
    /** The tag of the rank 0s' exchange of an all-gather. */
    private static final int ALL_GATHER_TAG = 3;

    private Intercomms()
    {
    }

    /**
     * {@code MPI_Intercomm_create}: the local leaders swap their groups' world ranks over the peer
     * communicator, each tells its group, then both groups make the bridge together. Collective
     * over both groups.
     *
     * @param peer the peer communicator, significant at the local leader only.
     */
    static CommState create(final Comm peer, final CommState local, final int localLeader, final int remoteLeader,
        final int tag) throws MPIException
    {
        try
        {
            final Communicator localComm = local.communicator;
            if (local.inter != null)
            {
                throw new MpiError(MPI.ERR_COMM, "createIntercomm: the local communicator is an " +
                    "inter-communicator; pass an intra-communicator of the local group");
            }
            if (localLeader < 0 || localLeader >= localComm.size())
            {
                throw new MpiError(MPI.ERR_RANK, "createIntercomm: local leader " + localLeader + " is not a rank " +
                    "of the local communicator (0.." + (localComm.size() - 1) + ")");
            }
            if (tag < 0)
            {
                throw new MpiError(MPI.ERR_TAG, "createIntercomm: tag " + tag + " is negative; use 0.." +
                    Communicator.TAG_UB);
            }
            final int localSize = localComm.size();
            final UnsafeBuffer count = new UnsafeBuffer(new byte[Integer.BYTES]);
            UnsafeBuffer remote = null;
            if (localComm.rank() == localLeader)
            {
                remote = swapGroups(peer, localComm, remoteLeader, tag);
                count.putInt(0, remote.capacity() / Integer.BYTES);
            }
            localComm.bcast(count, 0, 1, io.myrmidon.Datatype.INT, localLeader);
            final int remoteSize = count.getInt(0);
            if (remote == null)
            {
                remote = new UnsafeBuffer(new byte[remoteSize * Integer.BYTES]);
            }
            localComm.bcast(remote, 0, remoteSize, io.myrmidon.Datatype.INT, localLeader);
            final int[] remoteWorld = new int[remoteSize];
            for (int i = 0; i < remoteSize; i++)
            {
                remoteWorld[i] = remote.getInt(i * Integer.BYTES);
                for (int l = 0; l < localSize; l++)
                {
                    if (localComm.worldRank(l) == remoteWorld[i])
                    {
                        throw new MpiError(MPI.ERR_ARG, "createIntercomm: world rank " + remoteWorld[i] + " is in " +
                            "both groups; the local and remote groups must be disjoint");
                    }
                }
            }
            final boolean localFirst = localComm.worldRank(0) < remoteWorld[0];
            final int[] union = new int[localSize + remoteSize];
            for (int l = 0; l < localSize; l++)
            {
                union[localFirst ? l : remoteSize + l] = localComm.worldRank(l);
            }
            for (int r = 0; r < remoteSize; r++)
            {
                union[localFirst ? localSize + r : r] = remoteWorld[r];
            }
            final Communicator world = local.rank.worldCommunicator();
            final Communicator bridge = world.createGroup(world.group().include(union), tag);
            final Communicator control = bridge.dup();
            final Communicator localCopy = localComm.dup();
            return inter(local, localCopy, new InterState(bridge, control, remoteWorld, localFirst, localSize));
        }
        catch (final RuntimeException ex)
        {
            throw local.fail(ex);
        }
    }

    /**
     * {@code MPI_Intercomm_merge}: every process tells its {@code high}; the group that passed
     * false comes first (with equal flags, the bridge's order decides). Collective over both
     * groups.
     */
    static CommState merge(final CommState state, final boolean high) throws MPIException
    {
        try
        {
            final InterState inter = state.inter;
            final Communicator bridge = inter.bridge;
            final UnsafeBuffer flags = new UnsafeBuffer(new byte[bridge.size() * Integer.BYTES]);
            flags.putInt(bridge.rank() * Integer.BYTES, high ? 1 : 0);
            inter.control.allGather(Communicator.IN_PLACE, 0, flags, 0, 1, io.myrmidon.Datatype.INT);
            final int localSize = state.communicator.size();
            final int localHigh = groupFlag(flags, inter.localToBridge(0), localSize, "local");
            final int remoteHigh = groupFlag(flags, inter.toBridge("merge", 0), inter.remoteSize(), "remote");
            final boolean localFirst = localHigh == remoteHigh ? inter.localFirst : localHigh == 0;
            final int key = (localFirst ? 0 : inter.remoteSize()) + state.communicator.rank();
            final CommState merged = new CommState(state.rank, bridge.split(0, key), null);
            merged.errhandler = state.errhandler;
            return merged;
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * {@code MPI_Comm_dup} of an inter-communicator: new contexts for the three communicators, the
     * same groups. Collective over both groups.
     */
    static CommState dup(final CommState state) throws MPIException
    {
        try
        {
            final InterState inter = state.inter;
            final Communicator bridge = inter.bridge.dup();
            final Communicator control = inter.control.dup();
            final CommState copy = inter(state, state.communicator.dup(), new InterState(bridge, control,
                inter.remoteWorldRanks, inter.localFirst, state.communicator.size()));
            if (state.attributes != null)
            {
                copy.attributes().putAll(state.attributes);
            }
            return copy;
        }
        catch (final RuntimeException ex)
        {
            throw state.fail(ex);
        }
    }

    /**
     * {@code MPI_Barrier} on an inter-communicator: returns once every process of both groups has
     * entered it.
     */
    static void barrier(final CommState state)
    {
        state.inter.control.barrier();
    }

    /**
     * @return a request of a barrier over both groups ({@code MPI_Ibarrier}).
     */
    static Request iBarrier(final CommState state)
    {
        return Request.started(state, state.inter.control.iBarrier(), null, null);
    }

    /**
     * {@code MPI_Bcast} on an inter-communicator. In the root's group the root passes
     * {@link MPI#ROOT} and the others {@link MPI#PROC_NULL}; in the other group every process passes
     * the root's rank in the remote group. The root sends to rank 0 of the other group, which
     * broadcasts on its local communicator.
     */
    static void bcast(final CommState state, final Object buf, final int count, final Datatype type, final int root)
    {
        final InterState inter = state.inter;
        if (root == MPI.PROC_NULL)
        {
            return;
        }
        final CommState control = inter.controlState;
        if (root == MPI.ROOT)
        {
            PointToPoint.send(control, PointToPoint.STANDARD, buf, count, type, inter.toBridge("bcast", 0),
                BCAST_TAG);
            return;
        }
        if (root < 0 || root >= inter.remoteSize())
        {
            throw new MpiError(MPI.ERR_ROOT, "bcast: root " + root + " is not a rank of the remote group (0.." +
                (inter.remoteSize() - 1) + "); on an inter-communicator the root passes MPI.ROOT, the rest of its " +
                "group MPI.PROC_NULL, and the other group the root's rank");
        }
        if (state.communicator.rank() == 0)
        {
            PointToPoint.recv(control, buf, count, type, inter.toBridge("bcast", root), BCAST_TAG);
        }
        Collectives.bcast(state, buf, count, type, 0);
    }

    /**
     * {@code MPI_Allreduce} on an inter-communicator: each group gets the reduction of the other
     * group's inputs. Each group reduces its own to its rank 0, the two rank 0s swap the results,
     * and each broadcasts the other group's to its group.
     */
    static void allReduce(final CommState state, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op)
    {
        final InterState inter = state.inter;
        Collectives.reduce(state, sendbuf, recvbuf, count, type, op, 0, false);
        if (state.communicator.rank() == 0)
        {
            final int remoteRoot = inter.toBridge("allReduce", 0);
            PointToPoint.sendRecvReplace(inter.controlState, recvbuf, count, type, remoteRoot, ALL_REDUCE_TAG,
                remoteRoot, ALL_REDUCE_TAG);
        }
        Collectives.bcast(state, recvbuf, count, type, 0);
    }

    /**
     * {@code MPI_Allgather} on an inter-communicator: each group gets the blocks of the other
     * group's processes, in their rank order. Each group gathers its blocks (packed) to its rank 0,
     * the two rank 0s swap them, and each broadcasts the other group's to its group.
     */
    static void allGather(final CommState state, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        final InterState inter = state.inter;
        final boolean leader = state.communicator.rank() == 0;
        final byte[] mine = UserReductions.pack(sendbuf, sendcount, sendtype);
        final byte[] local = leader ? new byte[mine.length * state.communicator.size()] : null;
        Collectives.gather(state, mine, mine.length, MPI.BYTE, local, mine.length, MPI.BYTE, 0, false);
        final int remoteCount = Math.multiplyExact(recvcount, inter.remoteSize());
        final byte[] remote = new byte[PointToPoint.checkedBytes("allGather", recvtype, remoteCount)];
        if (leader)
        {
            final int remoteRoot = inter.toBridge("allGather", 0);
            PointToPoint.sendRecv(inter.controlState, local, local.length, MPI.BYTE, remoteRoot, ALL_GATHER_TAG,
                remote, remote.length, MPI.BYTE, remoteRoot, ALL_GATHER_TAG);
        }
        Collectives.bcast(state, remote, remote.length, MPI.BYTE, 0);
        UserReductions.unpack(remote, recvbuf, remoteCount, recvtype);
    }

    /**
     * {@code MPI_Comm_compare} of two communicators one of which at least is an inter-communicator.
     */
    static int compare(final CommState a, final CommState b)
    {
        if (a.inter == null || b.inter == null)
        {
            return MPI.UNEQUAL;
        }
        final int local = compareGroups(Communicators.group(a), Communicators.group(b));
        final int remote = compareGroups(new Group(a.inter.remoteWorldRanks), new Group(b.inter.remoteWorldRanks));
        if (local == MPI.IDENT && remote == MPI.IDENT)
        {
            return MPI.CONGRUENT;
        }
        return local != MPI.UNEQUAL && remote != MPI.UNEQUAL ? MPI.SIMILAR : MPI.UNEQUAL;
    }

    static void free(final CommState state)
    {
        state.inter.free();
    }

    private static CommState inter(final CommState parent, final Communicator local, final InterState inter)
    {
        final CommState state = new CommState(parent.rank, local, null);
        state.errhandler = parent.errhandler;
        state.inter = inter;
        inter.controlState = new CommState(parent.rank, inter.control, null);
        return state;
    }

    /**
     * The leaders' exchange over the peer communicator: sizes, then world ranks.
     *
     * @return the remote group's world ranks, as ints.
     */
    private static UnsafeBuffer swapGroups(final Comm peer, final Communicator local, final int remoteLeader,
        final int tag)
    {
        final CommState peerState;
        try
        {
            peerState = peer.state();
        }
        catch (final MPIException ex)
        {
            throw new MpiError(MPI.ERR_COMM, "createIntercomm: the peer communicator is null or freed", ex);
        }
        if (peerState.inter != null)
        {
            throw new MpiError(MPI.ERR_COMM, "createIntercomm: the peer communicator is an inter-communicator; " +
                "call createIntercomm on an intra-communicator that holds both leaders (MPI.COMM_WORLD, say)");
        }
        final Communicator peerComm = peerState.communicator;
        if (remoteLeader < 0 || remoteLeader >= peerComm.size() || remoteLeader == peerComm.rank())
        {
            throw new MpiError(MPI.ERR_RANK, "createIntercomm: remote leader " + remoteLeader + " is not another " +
                "rank of the peer communicator (0.." + (peerComm.size() - 1) + ", this process is " +
                peerComm.rank() + ")");
        }
        final int localSize = local.size();
        final UnsafeBuffer sizes = new UnsafeBuffer(new byte[2 * Integer.BYTES]);
        sizes.putInt(0, localSize);
        peerComm.sendRecv(sizes, 0, Integer.BYTES, remoteLeader, tag, sizes, Integer.BYTES, Integer.BYTES,
            remoteLeader, tag, null);
        final int remoteSize = sizes.getInt(Integer.BYTES);
        final UnsafeBuffer mine = new UnsafeBuffer(new byte[localSize * Integer.BYTES]);
        for (int l = 0; l < localSize; l++)
        {
            mine.putInt(l * Integer.BYTES, local.worldRank(l));
        }
        final UnsafeBuffer theirs = new UnsafeBuffer(new byte[remoteSize * Integer.BYTES]);
        peerComm.sendRecv(mine, 0, mine.capacity(), remoteLeader, tag, theirs, 0, theirs.capacity(), remoteLeader,
            tag, null);
        return theirs;
    }

    /**
     * @return the {@code high} flag every process of a group passed, 0 or 1.
     */
    private static int groupFlag(final UnsafeBuffer flags, final int firstBridgeRank, final int size,
        final String which)
    {
        final int flag = flags.getInt(firstBridgeRank * Integer.BYTES);
        for (int i = 1; i < size; i++)
        {
            if (flags.getInt((firstBridgeRank + i) * Integer.BYTES) != flag)
            {
                throw new MpiError(MPI.ERR_ARG, "merge: the processes of the " + which + " group passed different " +
                    "values of 'high'; every process of a group must pass the same");
            }
        }
        return flag;
    }

    private static int compareGroups(final Group a, final Group b)
    {
        try
        {
            return Group.compare(a, b);
        }
        catch (final MPIException ex)
        {
            throw new MpiError(ex.getErrorClass(), ex.getMessage(), ex);
        }
    }
}
