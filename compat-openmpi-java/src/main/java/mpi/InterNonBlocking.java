package mpi;

/**
 * The non-blocking inter-communicator collectives whose blocking forms pass through a group's
 * rank 0 ({@link Intercomms}, {@link InterCollectives}): {@code iBcast}, {@code iReduce},
 * {@code iAllReduce}, {@code iAllGather}, {@code iReduceScatter} and
 * {@code iReduceScatterBlock}, with MPI's inter-communicator semantics (the roles of
 * {@link MPI#ROOT} and {@link MPI#PROC_NULL} are those of {@link InterCollectives}).
 *
 * <p>A rank 0 that forwards what it received could only do so in a later call of its own (this
 * layer has no progress of its own), so a rank 0 blocked in another call would hold up its whole
 * group. Here instead the data moves directly between the processes that have it and those that
 * need it, in one {@link InterExchange} whose messages are all posted by the call: Myrmidon moves
 * them with every later call into the library, whatever the other processes do meanwhile, and
 * the test or wait that reports the completion unpacks, and folds a reduction's inputs in the
 * remote group's rank order (MPI's order: non-commutative user functions are right).
 *
 * <p>The cost of that: a broadcast's root sends one copy to each remote process; an all-reduce
 * sends each process's vector to every remote process; a reduce-scatter with varying counts does
 * too (a process does not know how the other group splits the result), while one with equal
 * blocks sends each remote process only its block. Not a hot path: it allocates per call. Not
 * thread safe (a rank's calls are serialized).
 */
final class InterNonBlocking
{
    private static final int REDUCE_TAG = 21;
    private static final int ALL_REDUCE_TAG = 22;
    private static final int REDUCE_SCATTER_TAG = 23;

    private InterNonBlocking()
    {
    }

    /**
     * {@code MPI_Ibcast}: the root sends its buffer to each process of the other group (a
     * scatter whose blocks are all the root's buffer).
     */
    static Request iBcast(final CommState state, final Object buf, final int count, final Datatype type,
        final int root)
    {
        final int remote = state.inter.remoteSize();
        return InterCollectives.scatterv(state, "iBcast", buf, InterCollectives.uniform(count, remote),
            new int[remote], type, buf, count, type, root).start();
    }

    /**
     * {@code MPI_Iallgather}: each process gets the block of every process of the remote group,
     * in their rank order.
     */
    static Request iAllGather(final CommState state, final Object sendbuf, final int sendcount,
        final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        final int remote = state.inter.remoteSize();
        return InterCollectives.allGatherv(state, "iAllGather", sendbuf, sendcount, sendtype, recvbuf,
            InterCollectives.uniform(recvcount, remote), InterCollectives.blocks(recvcount, remote), recvtype)
            .start();
    }

    /**
     * {@code MPI_Ireduce}: each process of the other group sends its vector to the root, which
     * folds them.
     */
    static Request iReduce(final CommState state, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final int root)
    {
        final String operation = "iReduce";
        final InterExchange exchange = new InterExchange(state, operation, REDUCE_TAG);
        if (root == MPI.ROOT)
        {
            final PackedFold fold = PackedFold.of(operation, type, op, count);
            checkResult(operation, recvbuf, count, type);
            receiveFromAll(exchange, state, fold.bytes);
            exchange.then(received -> fold.into(received, recvbuf));
        }
        else if (root != MPI.PROC_NULL)
        {
            InterCollectives.checkRemoteRoot(operation, state.inter, root);
            PackedFold.of(operation, type, op, count); // checks the operation and datatype here too
            exchange.send(root, InterCollectives.packAt(operation, sendbuf, count, type, 0));
        }
        return exchange.start();
    }

    /**
     * {@code MPI_Iallreduce}: each process sends its vector to every process of the remote
     * group, and folds the remote group's vectors.
     */
    static Request iAllReduce(final CommState state, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op)
    {
        final String operation = "iAllReduce";
        final PackedFold fold = PackedFold.of(operation, type, op, count);
        checkResult(operation, recvbuf, count, type);
        final byte[] mine = InterCollectives.packAt(operation, sendbuf, count, type, 0);
        final InterExchange exchange = new InterExchange(state, operation, ALL_REDUCE_TAG);
        sendToAll(exchange, state, mine);
        receiveFromAll(exchange, state, fold.bytes);
        return exchange.then(received -> fold.into(received, recvbuf)).start();
    }

    /**
     * {@code MPI_Ireduce_scatter_block}: this process's vector ({@code recvcount} times the
     * local group's size elements) splits into one equal block per remote process; each process
     * folds the blocks the remote processes send it.
     */
    static Request iReduceScatterBlock(final CommState state, final Object sendbuf, final Object recvbuf,
        final int recvcount, final Datatype type, final Op op)
    {
        final String operation = "iReduceScatterBlock";
        final int remote = state.inter.remoteSize();
        final int total = Math.multiplyExact(recvcount, state.communicator.size());
        if (total % remote != 0)
        {
            throw new MpiError(MPI.ERR_COUNT, operation + ": the vector of " + total + " elements (recvcount " +
                recvcount + " times the local group's " + state.communicator.size() + " processes) does not split " +
                "into equal blocks for the remote group's " + remote + " processes; both groups' vectors must hold " +
                "the same number of elements");
        }
        final PackedFold fold = PackedFold.of(operation, type, op, recvcount);
        checkResult(operation, recvbuf, recvcount, type);
        final InterExchange exchange = new InterExchange(state, operation, REDUCE_SCATTER_TAG);
        final int block = total / remote;
        for (int i = 0; i < remote; i++)
        {
            exchange.send(i, InterCollectives.packAt(operation, sendbuf, block, type, (long)i * block));
        }
        receiveFromAll(exchange, state, fold.bytes);
        return exchange.then(received -> fold.into(received, recvbuf)).start();
    }

    /**
     * {@code MPI_Ireduce_scatter}: each process sends its whole vector to every remote process
     * (the other group's {@code recvcounts} are not known here), and folds the remote vectors'
     * elements of its own block.
     */
    static Request iReduceScatter(final CommState state, final Object sendbuf, final Object recvbuf,
        final int[] recvcounts, final Datatype type, final Op op)
    {
        final String operation = "iReduceScatter";
        final int size = state.communicator.size();
        final int[] offsets = InterCollectives.offsets(operation, recvcounts, size);
        final int me = state.communicator.rank();
        final PackedFold fold = PackedFold.of(operation, type, op, recvcounts[me]);
        checkResult(operation, recvbuf, recvcounts[me], type);
        final int total = offsets[size];
        final byte[] mine = InterCollectives.packAt(operation, sendbuf, total, type, 0);
        final int from = PointToPoint.checkedBytes(operation, type, offsets[me]);
        final InterExchange exchange = new InterExchange(state, operation, REDUCE_SCATTER_TAG);
        sendToAll(exchange, state, mine);
        receiveFromAll(exchange, state, mine.length);
        return exchange.then(received -> fold.into(slices(received, from, fold.bytes), recvbuf)).start();
    }

    // ------------------------------------------------------------------ helpers

    private static void sendToAll(final InterExchange exchange, final CommState state, final byte[] packed)
    {
        for (int i = 0; i < state.inter.remoteSize(); i++)
        {
            exchange.send(i, packed);
        }
    }

    private static void receiveFromAll(final InterExchange exchange, final CommState state, final int bytes)
    {
        for (int i = 0; i < state.inter.remoteSize(); i++)
        {
            exchange.receivePacked(i, bytes);
        }
    }

    /**
     * Checks, at the call, that {@code buf} can take the result ({@code count} elements of
     * {@code type}), which is unpacked there when the request completes.
     */
    private static void checkResult(final String operation, final Object buf, final int count, final Datatype type)
    {
        Collectives.memory(operation, new Memory(), buf, count, type, true);
    }

    /**
     * @return {@code bytes} bytes of each array, {@code from} bytes in.
     */
    private static byte[][] slices(final byte[][] arrays, final int from, final int bytes)
    {
        final byte[][] slices = new byte[arrays.length][];
        for (int i = 0; i < arrays.length; i++)
        {
            slices[i] = java.util.Arrays.copyOfRange(arrays[i], from, from + bytes);
        }
        return slices;
    }
}
