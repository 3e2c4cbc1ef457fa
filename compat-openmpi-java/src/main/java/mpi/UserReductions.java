package mpi;

import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reductions with a {@link UserFunction}: the packed inputs are gathered to one rank, which folds
 * them in rank order ({@code ((v0 op v1) op v2) ...}, the order MPI defines, so non-commutative
 * functions are right) and sends the results back. Simple rather than fast: user-defined
 * reductions move all the data through one rank.
 *
 * <p>The function gets {@code count} elements of the program's datatype, packed (a derived
 * datatype's gaps are left out): as byte buffers in the platform's order when it overrides
 * {@link UserFunction#call(ByteBuffer, ByteBuffer, int, Datatype)}, otherwise as arrays of the
 * datatype's base type.
 *
 * <p>The non-blocking forms move the inputs with one non-blocking Myrmidon collective (gather to
 * the root for {@code iReduce}; all-gather for {@code iAllReduce} and the scans; an all-to-all of
 * the blocks for {@code iReduceScatter}) and fold in the test or wait that reports the completion:
 * every rank that needs a result folds the same inputs in the same order, so all get the same bits.
 */
final class UserReductions
{
    private static final long BYTE_ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);
    private static final io.myrmidon.Datatype BYTES = io.myrmidon.Datatype.BYTE;

    private UserReductions()
    {
    }

    static void reduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final int root, final boolean inPlace)
    {
        final byte[] mine = pack(inPlace ? recvbuf : sendbuf, count, type);
        final byte[][] all = gather(c, mine, root);
        if (all != null)
        {
            unpack(fold(all, 0, all.length, count, type, op), recvbuf, count, type);
        }
    }

    static void allReduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final boolean inPlace)
    {
        final byte[] mine = pack(inPlace ? recvbuf : sendbuf, count, type);
        final byte[][] all = gather(c, mine, 0);
        final byte[] result = all != null ? fold(all, 0, all.length, count, type, op) : new byte[mine.length];
        c.communicator.bcast(new UnsafeBuffer(result), 0, result.length, BYTES, 0);
        unpack(result, recvbuf, count, type);
    }

    static void reduceScatter(final CommState c, final Object sendbuf, final Object recvbuf, final int[] counts,
        final int total, final Datatype type, final Op op, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final byte[] mine = pack(inPlace ? recvbuf : sendbuf, total, type);
        final byte[][] all = gather(c, mine, 0);
        final byte[] result = all != null ? fold(all, 0, size, total, type, op) : new byte[0];
        final int[] byteCounts = new int[size];
        final int[] displacements = new int[size];
        int at = 0;
        for (int i = 0; i < size; i++)
        {
            byteCounts[i] = (int)type.bytes(counts[i]);
            displacements[i] = at;
            at += byteCounts[i];
        }
        final int me = c.communicator.rank();
        final byte[] block = new byte[byteCounts[me]];
        c.communicator.scatterv(all != null ? new UnsafeBuffer(result) : null, 0, byteCounts, displacements,
            new UnsafeBuffer(block), 0, block.length, BYTES, 0);
        unpack(block, recvbuf, counts[me], type);
    }

    static void scan(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final boolean inPlace, final boolean exclusive)
    {
        final int size = c.communicator.size();
        final byte[] mine = pack(inPlace ? recvbuf : sendbuf, count, type);
        final byte[][] all = gather(c, mine, 0);
        final byte[] prefixes = new byte[all != null ? mine.length * size : 0];
        if (all != null)
        {
            byte[] running = null;
            for (int r = 0; r < size; r++)
            {
                if (exclusive)
                {
                    if (running != null)
                    {
                        System.arraycopy(running, 0, prefixes, r * mine.length, mine.length);
                    }
                    running = running == null ? all[r].clone() : combine(running, all[r], count, type, op);
                }
                else
                {
                    running = running == null ? all[r].clone() : combine(running, all[r], count, type, op);
                    System.arraycopy(running, 0, prefixes, r * mine.length, mine.length);
                }
            }
        }
        final byte[] result = new byte[mine.length];
        c.communicator.scatter(all != null ? new UnsafeBuffer(prefixes) : null, 0, new UnsafeBuffer(result), 0,
            result.length, BYTES, 0);
        if (!exclusive || c.communicator.rank() > 0)
        {
            unpack(result, recvbuf, count, type);
        }
    }

    static void reduceLocal(final Object inBuf, final Object inOutBuf, final int count, final Datatype type,
        final Op op)
    {
        final byte[] in = pack(inBuf, count, type);
        final byte[] inout = pack(inOutBuf, count, type);
        apply(op, in, inout, count, type);
        unpack(inout, inOutBuf, count, type);
    }

    static Request iReduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final int root, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final boolean isRoot = c.communicator.rank() == root;
        final UnsafeBuffer mine = staged(pack(inPlace ? recvbuf : sendbuf, count, type));
        final int bytes = mine.capacity();
        final UnsafeBuffer all = isRoot ? RankState.newStaging((long)bytes * size) : null;
        final io.myrmidon.Request inner = c.communicator.iGather(mine, 0, all, 0, bytes, BYTES, root);
        return Request.started(c, inner, !isRoot ? null :
            status -> unpack(fold(split(all, bytes, size), 0, size, count, type, op), recvbuf, count, type),
            new Object[]{mine, all});
    }

    static Request iAllReduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final UnsafeBuffer mine = staged(pack(inPlace ? recvbuf : sendbuf, count, type));
        final int bytes = mine.capacity();
        final UnsafeBuffer all = RankState.newStaging((long)bytes * size);
        final io.myrmidon.Request inner = c.communicator.iAllGather(mine, 0, all, 0, bytes, BYTES);
        return Request.started(c, inner,
            status -> unpack(fold(split(all, bytes, size), 0, size, count, type, op), recvbuf, count, type),
            new Object[]{mine, all});
    }

    static Request iReduceScatter(final CommState c, final Object sendbuf, final Object recvbuf, final int[] counts,
        final int total, final Datatype type, final Op op, final boolean inPlace)
    {
        final int size = c.communicator.size();
        final int me = c.communicator.rank();
        final UnsafeBuffer mine = staged(pack(inPlace ? recvbuf : sendbuf, total, type));
        final int[] sendBytes = new int[size];
        final int[] sendDisplacements = new int[size];
        int at = 0;
        for (int i = 0; i < size; i++)
        {
            sendBytes[i] = (int)type.bytes(counts[i]);
            sendDisplacements[i] = at;
            at += sendBytes[i];
        }
        final int block = sendBytes[me];
        final int[] recvBytes = new int[size];
        final int[] recvDisplacements = new int[size];
        for (int i = 0; i < size; i++)
        {
            recvBytes[i] = block;
            recvDisplacements[i] = i * block;
        }
        final UnsafeBuffer all = RankState.newStaging((long)block * size);
        final io.myrmidon.Request inner = c.communicator.iAllToAllv(mine, 0, sendBytes, sendDisplacements, all, 0,
            recvBytes, recvDisplacements, BYTES);
        return Request.started(c, inner,
            status -> unpack(fold(split(all, block, size), 0, size, counts[me], type, op), recvbuf, counts[me], type),
            new Object[]{mine, all});
    }

    static Request iScan(final CommState c, final Object sendbuf, final Object recvbuf, final int count,
        final Datatype type, final Op op, final boolean inPlace, final boolean exclusive)
    {
        final int size = c.communicator.size();
        final int me = c.communicator.rank();
        final UnsafeBuffer mine = staged(pack(inPlace ? recvbuf : sendbuf, count, type));
        final int bytes = mine.capacity();
        final UnsafeBuffer all = RankState.newStaging((long)bytes * size);
        final io.myrmidon.Request inner = c.communicator.iAllGather(mine, 0, all, 0, bytes, BYTES);
        final int upTo = exclusive ? me : me + 1;
        return Request.started(c, inner, upTo == 0 ? null :
            status -> unpack(fold(split(all, bytes, upTo), 0, upTo, count, type, op), recvbuf, count, type),
            new Object[]{mine, all});
    }

    /**
     * @return the packed bytes in off-heap memory of their own (at least one byte long, so that
     * an empty vector still has a buffer).
     */
    private static UnsafeBuffer staged(final byte[] packed)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(RankState.newStaging(packed.length), 0, packed.length);
        buffer.putBytes(0, packed);
        return buffer;
    }

    /**
     * @return the first {@code blocks} blocks of {@code bytes} bytes each, as arrays.
     */
    private static byte[][] split(final UnsafeBuffer all, final int bytes, final int blocks)
    {
        final byte[][] split = new byte[blocks][bytes];
        for (int r = 0; r < blocks; r++)
        {
            all.getBytes(r * bytes, split[r]);
        }
        return split;
    }

    private static byte[][] gather(final CommState c, final byte[] mine, final int root)
    {
        final int size = c.communicator.size();
        final boolean isRoot = c.communicator.rank() == root;
        final byte[] all = isRoot ? new byte[mine.length * size] : null;
        c.communicator.gather(new UnsafeBuffer(mine), 0, isRoot ? new UnsafeBuffer(all) : null, 0, mine.length, BYTES,
            root);
        if (!isRoot)
        {
            return null;
        }
        final byte[][] blocks = new byte[size][];
        for (int r = 0; r < size; r++)
        {
            blocks[r] = java.util.Arrays.copyOfRange(all, r * mine.length, (r + 1) * mine.length);
        }
        return blocks;
    }

    /**
     * @return {@code inputs[from] op ... op inputs[to - 1]}, folded in that order.
     */
    static byte[] fold(final byte[][] inputs, final int from, final int to, final int count,
        final Datatype type, final Op op)
    {
        byte[] acc = inputs[from].clone();
        for (int r = from + 1; r < to; r++)
        {
            acc = combine(acc, inputs[r], count, type, op);
        }
        return acc;
    }

    /**
     * @return {@code lower op higher}, as MPI's user function computes {@code inout = in op inout}.
     */
    private static byte[] combine(final byte[] lower, final byte[] higher, final int count, final Datatype type,
        final Op op)
    {
        final byte[] inout = higher.clone();
        apply(op, lower, inout, count, type);
        return inout;
    }

    private static void apply(final Op op, final byte[] in, final byte[] inout, final int count, final Datatype type)
    {
        final UserFunction function = op.function;
        try
        {
            if (function.overridesBufferForm())
            {
                function.call(ByteBuffer.wrap(in).order(ByteOrder.nativeOrder()),
                    ByteBuffer.wrap(inout).order(ByteOrder.nativeOrder()), count, type);
                return;
            }
            final Object inArray = toArray(in, type.baseType);
            final Object inoutArray = toArray(inout, type.baseType);
            function.call(inArray, inoutArray, count, type);
            new Memory().of("reduce", inoutArray).pack(MPI.BYTE, inout.length, inout, BYTE_ARRAY_BASE);
        }
        catch (final MPIException ex)
        {
            throw new MpiError(ex.getErrorClass(), "the user function " + function.getClass().getName() + " failed: " +
                ex.getMessage(), ex);
        }
    }

    private static Object toArray(final byte[] bytes, final int baseType)
    {
        final Object array = switch (baseType)
        {
            case Datatype.CHAR -> new char[bytes.length / 2];
            case Datatype.SHORT -> new short[bytes.length / 2];
            case Datatype.BOOLEAN -> new boolean[bytes.length];
            case Datatype.INT -> new int[bytes.length / 4];
            case Datatype.LONG -> new long[bytes.length / 8];
            case Datatype.FLOAT -> new float[bytes.length / 4];
            case Datatype.DOUBLE -> new double[bytes.length / 8];
            default -> new byte[bytes.length];
        };
        new Memory().of("reduce", array).unpack(MPI.BYTE, bytes.length, bytes, BYTE_ARRAY_BASE);
        return array;
    }

    static byte[] pack(final Object buf, final int count, final Datatype type)
    {
        final byte[] packed = new byte[PointToPoint.checkedBytes("reduce", type, count)];
        if (packed.length > 0)
        {
            Collectives.memory("reduce", new Memory(), buf, count, type, false)
                .pack(type, count, packed, BYTE_ARRAY_BASE);
        }
        return packed;
    }

    static void unpack(final byte[] packed, final Object buf, final int count, final Datatype type)
    {
        if (packed.length > 0)
        {
            Collectives.memory("reduce", new Memory(), buf, count, type, true)
                .unpack(type, packed.length, packed, BYTE_ARRAY_BASE);
        }
    }
}
