package mpi;

import io.myrmidon.Communicator;
import org.agrona.UnsafeApi;

/**
 * The rooted, vector and all-to-all collectives of an inter-communicator (MPI's inter-communicator
 * semantics), beside the barrier, broadcast, all-reduce and all-gather of {@link Intercomms}.
 *
 * <ul>
 *   <li>Rooted ({@code reduce}, {@code gather(v)}, {@code scatter(v)}): in the root's group the
 *   root passes {@link MPI#ROOT} and the others {@link MPI#PROC_NULL} (they take no part); every
 *   process of the other group passes the root's rank in the remote group. The data moves between
 *   the root and each process of the other group directly; a reduction first reduces within the
 *   other group to its rank 0, which sends the result to the root.</li>
 *   <li>{@code allGatherv}, {@code allToAll(v)}: every process exchanges its blocks with every
 *   process of the remote group directly (block {@code i} of a send buffer goes to remote rank
 *   {@code i}, block {@code i} of a receive buffer comes from it).</li>
 *   <li>{@code reduceScatter(Block)}: each group reduces its vectors to its rank 0, the two rank 0s
 *   swap the results, and each scatters the other group's result over its group by its own
 *   counts (so both groups' vectors must hold the same number of elements).</li>
 * </ul>
 *
 * <p>Everything crosses between the groups on the control communicator ({@link InterState}) with
 * a tag of its own, packed in arrays, through an {@link InterExchange}: all receives of a call are
 * posted before its sends, so no order of calls among the processes can deadlock. Not a hot path:
 * it allocates per call. Not thread safe (a rank's calls are serialized).
 */
final class InterCollectives
{
    private static final int REDUCE_TAG = 11;
    private static final int GATHER_TAG = 12;
    private static final int SCATTER_TAG = 13;
    private static final int ALL_GATHERV_TAG = 14;
    private static final int ALL_TO_ALL_TAG = 15;
    private static final int REDUCE_SCATTER_TAG = 16;
    private static final long BYTE_ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);

    private InterCollectives()
    {
    }

    // ------------------------------------------------------------------ rooted

    /**
     * {@code MPI_Reduce} on an inter-communicator: the root gets the reduction of the other
     * group's inputs.
     */
    static void reduce(final CommState state, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final int root)
    {
        final InterState inter = state.inter;
        if (root == MPI.PROC_NULL)
        {
            return;
        }
        if (root == MPI.ROOT)
        {
            new InterExchange(state, "reduce", REDUCE_TAG).receive(0, recvbuf, count, type, 0).run();
            return;
        }
        checkRemoteRoot("reduce", inter, root);
        final byte[] reduced = scratch("reduce", type, count);
        Collectives.reduce(state, sendbuf, reduced, count, type, op, 0, false);
        if (state.communicator.rank() == 0)
        {
            new InterExchange(state, "reduce", REDUCE_TAG).send(root, packAt("reduce", reduced, count, type, 0))
                .run();
        }
    }

    /**
     * {@code MPI_Gather} on an inter-communicator: the root gets one block from each process of
     * the other group, in their rank order.
     */
    static InterExchange gather(final CommState state, final String operation, final Object sendbuf,
        final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype,
        final int root)
    {
        final int remote = state.inter.remoteSize();
        return gatherv(state, operation, sendbuf, sendcount, sendtype, recvbuf, uniform(recvcount, remote),
            blocks(recvcount, remote), recvtype, root);
    }

    /**
     * {@code MPI_Gatherv} on an inter-communicator: {@code recvcount} and {@code displs}, at the
     * root, are indexed by the remote group's ranks.
     */
    static InterExchange gatherv(final CommState state, final String operation, final Object sendbuf,
        final int sendcount, final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] displs,
        final Datatype recvtype, final int root)
    {
        final InterState inter = state.inter;
        final int remote = inter.remoteSize();
        final InterExchange exchange = new InterExchange(state, operation, GATHER_TAG);
        if (root == MPI.PROC_NULL)
        {
            return exchange;
        }
        if (root == MPI.ROOT)
        {
            checkVector(operation, "recvcount", recvcount, "displs", displs, remote);
            for (int i = 0; i < remote; i++)
            {
                exchange.receive(i, recvbuf, recvcount[i], recvtype, displs[i]);
            }
            return exchange;
        }
        checkRemoteRoot(operation, inter, root);
        return exchange.send(root, packAt(operation, sendbuf, sendcount, sendtype, 0));
    }

    /**
     * {@code MPI_Scatter} on an inter-communicator: the root sends block {@code i} to rank
     * {@code i} of the other group.
     */
    static InterExchange scatter(final CommState state, final String operation, final Object sendbuf,
        final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype,
        final int root)
    {
        final int remote = state.inter.remoteSize();
        return scatterv(state, operation, sendbuf, uniform(sendcount, remote), blocks(sendcount, remote), sendtype,
            recvbuf, recvcount, recvtype, root);
    }

    /**
     * {@code MPI_Scatterv} on an inter-communicator: {@code sendcount} and {@code displs}, at the
     * root, are indexed by the remote group's ranks.
     */
    static InterExchange scatterv(final CommState state, final String operation, final Object sendbuf,
        final int[] sendcount, final int[] displs, final Datatype sendtype, final Object recvbuf, final int recvcount,
        final Datatype recvtype, final int root)
    {
        final InterState inter = state.inter;
        final int remote = inter.remoteSize();
        final InterExchange exchange = new InterExchange(state, operation, SCATTER_TAG);
        if (root == MPI.PROC_NULL)
        {
            return exchange;
        }
        if (root == MPI.ROOT)
        {
            checkVector(operation, "sendcount", sendcount, "displs", displs, remote);
            for (int i = 0; i < remote; i++)
            {
                exchange.send(i, packAt(operation, sendbuf, sendcount[i], sendtype, displs[i]));
            }
            return exchange;
        }
        checkRemoteRoot(operation, inter, root);
        return exchange.receive(root, recvbuf, recvcount, recvtype, 0);
    }

    // ------------------------------------------------------------------ all-to-all

    /**
     * {@code MPI_Allgatherv} on an inter-communicator: each process gets the block of every
     * process of the remote group, {@code recvcount} and {@code displs} indexed by remote rank.
     */
    static InterExchange allGatherv(final CommState state, final String operation, final Object sendbuf,
        final int sendcount, final Datatype sendtype, final Object recvbuf, final int[] recvcount,
        final int[] displs, final Datatype recvtype)
    {
        final int remote = state.inter.remoteSize();
        checkVector(operation, "recvcount", recvcount, "displs", displs, remote);
        final byte[] mine = packAt(operation, sendbuf, sendcount, sendtype, 0);
        final InterExchange exchange = new InterExchange(state, operation, ALL_GATHERV_TAG);
        for (int i = 0; i < remote; i++)
        {
            exchange.send(i, mine).receive(i, recvbuf, recvcount[i], recvtype, displs[i]);
        }
        return exchange;
    }

    /**
     * {@code MPI_Alltoall} on an inter-communicator: block {@code i} goes to, and comes from,
     * rank {@code i} of the remote group.
     */
    static InterExchange allToAll(final CommState state, final String operation, final Object sendbuf,
        final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        final int remote = state.inter.remoteSize();
        return allToAllv(state, operation, sendbuf, uniform(sendcount, remote), blocks(sendcount, remote),
            sendtype, recvbuf, uniform(recvcount, remote), blocks(recvcount, remote), recvtype);
    }

    /**
     * {@code MPI_Alltoallv} on an inter-communicator: counts and displacements indexed by remote
     * rank.
     */
    static InterExchange allToAllv(final CommState state, final String operation, final Object sendbuf,
        final int[] sendcount, final int[] sdispls, final Datatype sendtype, final Object recvbuf,
        final int[] recvcount, final int[] rdispls, final Datatype recvtype)
    {
        final int remote = state.inter.remoteSize();
        checkVector(operation, "sendcount", sendcount, "sdispls", sdispls, remote);
        checkVector(operation, "recvcount", recvcount, "rdispls", rdispls, remote);
        final InterExchange exchange = new InterExchange(state, operation, ALL_TO_ALL_TAG);
        for (int i = 0; i < remote; i++)
        {
            exchange.send(i, packAt(operation, sendbuf, sendcount[i], sendtype, sdispls[i]))
                .receive(i, recvbuf, recvcount[i], recvtype, rdispls[i]);
        }
        return exchange;
    }

    /**
     * {@code MPI_Alltoallw} on an inter-communicator: a count, a byte displacement and a datatype
     * per remote rank, each way.
     */
    static InterExchange allToAllw(final CommState state, final String operation, final Object sendbuf,
        final int[] sendcount, final int[] sdispls, final Datatype[] sendtypes, final Object recvbuf,
        final int[] recvcount, final int[] rdispls, final Datatype[] recvtypes)
    {
        final int remote = state.inter.remoteSize();
        checkVector(operation, "sendCount", sendcount, "sDispls", sdispls, remote);
        checkVector(operation, "recvCount", recvcount, "rDispls", rdispls, remote);
        checkTypes(operation, "sendTypes", sendtypes, remote);
        checkTypes(operation, "recvTypes", recvtypes, remote);
        final InterExchange exchange = new InterExchange(state, operation, ALL_TO_ALL_TAG);
        for (int i = 0; i < remote; i++)
        {
            exchange.send(i, packShifted(operation, sendbuf, sendcount[i], sendtypes[i], sdispls[i]))
                .receiveShifted(i, recvbuf, recvcount[i], recvtypes[i], rdispls[i]);
        }
        return exchange;
    }

    // ------------------------------------------------------------------ reduce-scatter

    /**
     * {@code MPI_Reduce_scatter_block} on an inter-communicator: the reduction of the other
     * group's vectors ({@code recvcount} times this group's size elements each) is scattered over
     * this group, {@code recvcount} elements per process.
     */
    static void reduceScatterBlock(final CommState state, final Object sendbuf, final Object recvbuf,
        final int recvcount, final Datatype type, final Op op)
    {
        final int size = state.communicator.size();
        reduceScatter(state, "reduceScatterBlock", sendbuf, recvbuf, uniform(recvcount, size), type, op);
    }

    /**
     * {@code MPI_Reduce_scatter} on an inter-communicator: the reduction of the other group's
     * vectors is scattered over this group by {@code recvcounts} (indexed by local rank); both
     * groups' vectors hold the same number of elements.
     */
    static void reduceScatter(final CommState state, final String operation, final Object sendbuf,
        final Object recvbuf, final int[] recvcounts, final Datatype type, final Op op)
    {
        final Communicator local = state.communicator;
        final int[] displs = offsets(operation, recvcounts, local.size());
        final int total = displs[local.size()];
        final byte[] reduced = scratch(operation, type, total);
        Collectives.reduce(state, sendbuf, reduced, total, type, op, 0, false);
        if (local.rank() == 0)
        {
            new InterExchange(state, operation, REDUCE_SCATTER_TAG).send(0, packAt(operation, reduced, total, type, 0))
                .receive(0, reduced, total, type, 0).run();
        }
        Collectives.scatterv(state, reduced, recvcounts, displs, type, recvbuf, recvcounts[local.rank()], type, 0,
            false);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * @return where each process's block of a reduce-scatter's result starts, in elements, by
     * local rank, the blocks laid one after the other; and after them (at index {@code size})
     * the number of elements of the whole vector.
     */
    static int[] offsets(final String operation, final int[] recvcounts, final int size)
    {
        if (recvcounts == null || recvcounts.length < size)
        {
            throw new MpiError(MPI.ERR_ARG, operation + ": recvcounts needs one count per process of the local " +
                "group (" + size + "), not " + (recvcounts == null ? "null" : recvcounts.length));
        }
        final int[] offsets = new int[size + 1];
        for (int i = 0; i < size; i++)
        {
            if (recvcounts[i] < 0)
            {
                throw new MpiError(MPI.ERR_COUNT, operation + ": recvcounts[" + i + "] = " + recvcounts[i] +
                    " is negative");
            }
            offsets[i + 1] = Math.addExact(offsets[i], recvcounts[i]);
        }
        return offsets;
    }

    static void checkRemoteRoot(final String operation, final InterState inter, final int root)
    {
        if (root < 0 || root >= inter.remoteSize())
        {
            throw new MpiError(MPI.ERR_ROOT, operation + ": root " + root + " is not a rank of the remote group (0.." +
                (inter.remoteSize() - 1) + "); on an inter-communicator the root passes MPI.ROOT, the rest of its " +
                "group MPI.PROC_NULL, and the other group the root's rank");
        }
    }

    private static void checkVector(final String operation, final String countsName, final int[] counts,
        final String displsName, final int[] displs, final int remote)
    {
        if (counts == null || displs == null || counts.length < remote || displs.length < remote)
        {
            throw new MpiError(MPI.ERR_ARG, operation + ": " + countsName + " and " + displsName + " need one entry " +
                "per process of the remote group (" + remote + "); on an inter-communicator they are indexed by " +
                "remote rank");
        }
    }

    private static void checkTypes(final String operation, final String name, final Datatype[] types,
        final int remote)
    {
        if (types == null || types.length < remote)
        {
            throw new MpiError(MPI.ERR_ARG, operation + ": " + name + " needs one datatype per process of the " +
                "remote group (" + remote + "); on an inter-communicator it is indexed by remote rank");
        }
    }

    /**
     * @return {@code count} elements of {@code type} from {@code buf}, starting
     * {@code displacement} extents in, packed.
     */
    static byte[] packAt(final String operation, final Object buf, final int count, final Datatype type,
        final long displacement)
    {
        return packShifted(operation, buf, count, type, displacement * type.extent);
    }

    /**
     * @return {@code count} elements of {@code type} from {@code buf}, starting {@code shift}
     * bytes in, packed.
     */
    static byte[] packShifted(final String operation, final Object buf, final int count, final Datatype type,
        final long shift)
    {
        final byte[] packed = new byte[PointToPoint.checkedBytes(operation, type, count)];
        if (packed.length > 0)
        {
            final Memory memory = new Memory().of(operation, buf);
            memory.checkFits(operation, type, count, shift);
            memory.pack(type, count, packed, BYTE_ARRAY_BASE, shift);
        }
        return packed;
    }

    /**
     * Unpacks {@code packed} into the elements of {@code type} in {@code buf} starting
     * {@code shift} bytes in.
     */
    static void unpackShifted(final String operation, final byte[] packed, final Object buf, final int count,
        final Datatype type, final long shift)
    {
        if (packed.length > 0)
        {
            final Memory memory = new Memory().of(operation, buf);
            memory.checkWritable(operation);
            memory.checkFits(operation, type, count, shift);
            memory.unpack(type, packed.length, packed, BYTE_ARRAY_BASE, shift);
        }
    }

    /**
     * @return memory that holds {@code count} elements of {@code type} laid out as the type says
     * (a reduction's intermediate result).
     */
    private static byte[] scratch(final String operation, final Datatype type, final int count)
    {
        PointToPoint.checkedBytes(operation, type, count);
        if (count == 0)
        {
            return new byte[0];
        }
        if (type.trueLb < 0 || type.extent < 0)
        {
            throw new MpiError(ErrorClasses.ERR_UNSUPPORTED_OPERATION, operation + " on an inter-communicator: " +
                "datatypes with a negative lower bound or extent are not supported here");
        }
        final long span = (count - 1) * type.extent + type.trueLb + type.trueExtent;
        if (span > Integer.MAX_VALUE - 64)
        {
            throw new MpiError(MPI.ERR_COUNT, operation + ": " + count + " elements of " + type + " span " + span +
                " bytes, more than 2 GiB");
        }
        return new byte[(int)span];
    }

    static int[] uniform(final int count, final int size)
    {
        final int[] counts = new int[size];
        java.util.Arrays.fill(counts, count);
        return counts;
    }

    static int[] blocks(final int count, final int size)
    {
        final int[] displs = new int[size];
        for (int i = 0; i < size; i++)
        {
            displs[i] = Math.multiplyExact(i, count);
        }
        return displs;
    }
}
