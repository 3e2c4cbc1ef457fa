package io.myrmidon.testing;

import io.myrmidon.Datatype;
import io.myrmidon.Op;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sequential reference of the collectives' reductions, written independently of the library's
 * kernels: inputs are generated per (seed, rank) so every rank can compute every other rank's
 * input, and values are chosen so that the predefined operations are exact in any order
 * (floating-point sums of small integers, products of powers of two), so the reference may fold
 * left to right whatever bracketing an algorithm uses.
 *
 * <p>The non-commutative check uses {@link #AFFINE_COMPOSITION}: a LONG holds the affine map
 * {@code x -> m x + c} modulo 2^32 (m in the high 32 bits, c in the low ones), and the operation
 * composes maps, lower rank first: associative, not commutative, element-wise.
 */
public final class ReductionReference
{
    /** Composition of affine maps, inout = inout after in. */
    public static final Op AFFINE_COMPOSITION = Op.create(ReductionReference::compose, false);

    private ReductionReference()
    {
    }

    /**
     * @return every (datatype, operation) pair that applies, the matrix product on LONG included.
     */
    public static List<Object[]> validPairs()
    {
        final Op[] ops = {Op.SUM, Op.PROD, Op.MIN, Op.MAX, Op.LAND, Op.LOR, Op.LXOR, Op.BAND, Op.BOR, Op.BXOR,
            Op.MINLOC, Op.MAXLOC};
        final List<Object[]> pairs = new ArrayList<>();
        for (final Datatype type : Datatype.values())
        {
            for (final Op op : ops)
            {
                if (op.supports(type))
                {
                    pairs.add(new Object[]{type, op});
                }
            }
        }
        pairs.add(new Object[]{Datatype.LONG, AFFINE_COMPOSITION});
        return pairs;
    }

    /**
     * Writes rank {@code rank}'s input of {@code count} elements.
     */
    public static void input(final MutableDirectBuffer buffer, final int offset, final int count, final Datatype type,
        final Op op, final long seed, final int rank)
    {
        final SplittableRandom random = new SplittableRandom(seed * 1_000_003L + rank * 7919L + 17);
        final boolean product = op == Op.PROD;
        for (int i = 0; i < count; i++)
        {
            final int at = offset + i * type.size();
            if (op == AFFINE_COMPOSITION)
            {
                buffer.putLong(at, ((long)(random.nextInt() | 1) << 32) | (random.nextInt() & 0xFFFF_FFFFL));
                continue;
            }
            switch (type)
            {
                case BYTE -> buffer.putByte(at, (byte)(product ? random.nextInt(-2, 3) : random.nextInt(-128, 128)));
                case SHORT -> buffer.putShort(at, (short)(product ? random.nextInt(-3, 4) : random.nextInt(-32768, 32768)));
                case CHAR -> buffer.putChar(at, (char)random.nextInt(0, 65536));
                case INT -> buffer.putInt(at, product ? random.nextInt(-3, 4) : random.nextInt());
                case LONG -> buffer.putLong(at, product ? random.nextLong(-3, 4) : random.nextLong());
                case FLOAT -> buffer.putFloat(at, (float)floating(random, op));
                case DOUBLE -> buffer.putDouble(at, floating(random, op));
                case SHORT_INT -> pair(buffer, at, type, random.nextInt(-3, 4), random.nextInt(0, 4));
                case INT_INT, LONG_INT, FLOAT_INT, DOUBLE_INT ->
                    pair(buffer, at, type, random.nextInt(-3, 4), random.nextInt(0, 1 << 20));
            }
            if (op == Op.LAND || op == Op.LOR || op == Op.LXOR)
            {
                if (random.nextInt(3) == 0)
                {
                    buffer.setMemory(at, type.size(), (byte)0);
                }
            }
        }
    }

    private static double floating(final SplittableRandom random, final Op op)
    {
        if (op == Op.PROD)
        {
            final double[] exact = {-2.0, -1.0, -0.5, 0.5, 1.0, 2.0};
            return exact[random.nextInt(exact.length)];
        }
        if (op == Op.SUM)
        {
            return random.nextInt(-1000, 1001);
        }
        return random.nextDouble(-1e6, 1e6);
    }

    private static void pair(final MutableDirectBuffer buffer, final int at, final Datatype type, final int value,
        final int index)
    {
        switch (type)
        {
            case SHORT_INT -> buffer.putShort(at, (short)value);
            case INT_INT -> buffer.putInt(at, value);
            case LONG_INT -> buffer.putLong(at, value * 1_000_000_007L);
            case FLOAT_INT -> buffer.putFloat(at, value * 0.25f);
            default -> buffer.putDouble(at, value * 0.125);
        }
        buffer.putInt(at + type.valueSize(), index);
    }

    /**
     * The reduction over ranks {@code from..to-1} of their inputs, folded left to right.
     */
    public static UnsafeBuffer reduce(final int count, final Datatype type, final Op op, final long seed,
        final int from, final int to)
    {
        final UnsafeBuffer accumulator = new UnsafeBuffer(new byte[Math.max(1, count * type.size())]);
        final UnsafeBuffer next = new UnsafeBuffer(new byte[Math.max(1, count * type.size())]);
        input(accumulator, 0, count, type, op, seed, from);
        for (int r = from + 1; r < to; r++)
        {
            input(next, 0, count, type, op, seed, r);
            for (int i = 0; i < count; i++)
            {
                combine(accumulator, next, i, type, op);
            }
        }
        return accumulator;
    }

    /**
     * Element i: accumulator (the lower ranks) op next.
     */
    private static void combine(final UnsafeBuffer accumulator, final UnsafeBuffer next, final int i,
        final Datatype type, final Op op)
    {
        final int at = i * type.size();
        if (op == AFFINE_COMPOSITION)
        {
            accumulator.putLong(at, compose(accumulator.getLong(at), next.getLong(at)));
            return;
        }
        if (type.kind() == Datatype.Kind.PAIR)
        {
            final double a = pairValue(accumulator, at, type);
            final double b = pairValue(next, at, type);
            final int ia = accumulator.getInt(at + type.valueSize());
            final int ib = next.getInt(at + type.valueSize());
            final boolean takeNext = a == b ? ib < ia : (op == Op.MINLOC ? b < a : b > a);
            if (takeNext)
            {
                accumulator.putBytes(at, next, at, type.size());
            }
            return;
        }
        switch (type)
        {
            case FLOAT -> accumulator.putFloat(at, (float)floatingOp(op, accumulator.getFloat(at), next.getFloat(at)));
            case DOUBLE -> accumulator.putDouble(at, floatingOp(op, accumulator.getDouble(at), next.getDouble(at)));
            case CHAR -> accumulator.putChar(at, op == Op.MIN ?
                (char)Math.min(accumulator.getChar(at), next.getChar(at)) :
                (char)Math.max(accumulator.getChar(at), next.getChar(at)));
            case BYTE -> accumulator.putByte(at, (byte)integerOp(op, accumulator.getByte(at), next.getByte(at)));
            case SHORT -> accumulator.putShort(at, (short)integerOp(op, accumulator.getShort(at), next.getShort(at)));
            case INT -> accumulator.putInt(at, (int)integerOp(op, accumulator.getInt(at), next.getInt(at)));
            default -> accumulator.putLong(at, integerOp(op, accumulator.getLong(at), next.getLong(at)));
        }
    }

    private static double pairValue(final DirectBuffer buffer, final int at, final Datatype type)
    {
        return switch (type)
        {
            case SHORT_INT -> buffer.getShort(at);
            case INT_INT -> buffer.getInt(at);
            case LONG_INT -> buffer.getLong(at);
            case FLOAT_INT -> buffer.getFloat(at);
            default -> buffer.getDouble(at);
        };
    }

    private static double floatingOp(final Op op, final double a, final double b)
    {
        if (op == Op.SUM)
        {
            return a + b;
        }
        if (op == Op.PROD)
        {
            return a * b;
        }
        return op == Op.MIN ? Math.min(a, b) : Math.max(a, b);
    }

    private static long integerOp(final Op op, final long a, final long b)
    {
        if (op == Op.SUM)
        {
            return a + b;
        }
        if (op == Op.PROD)
        {
            return a * b;
        }
        if (op == Op.MIN)
        {
            return Math.min(a, b);
        }
        if (op == Op.MAX)
        {
            return Math.max(a, b);
        }
        if (op == Op.LAND)
        {
            return (a != 0 & b != 0) ? 1 : 0;
        }
        if (op == Op.LOR)
        {
            return (a != 0 | b != 0) ? 1 : 0;
        }
        if (op == Op.LXOR)
        {
            return (a != 0 ^ b != 0) ? 1 : 0;
        }
        if (op == Op.BAND)
        {
            return a & b;
        }
        if (op == Op.BOR)
        {
            return a | b;
        }
        return a ^ b;
    }

    /**
     * The composition as a user function: {@code inout[i] = compose(in[i], inout[i])}.
     */
    private static void compose(final DirectBuffer in, final int inOffset, final MutableDirectBuffer inout,
        final int inoutOffset, final int count, final Datatype type)
    {
        for (int i = 0; i < count; i++)
        {
            inout.putLong(inoutOffset + i * 8, compose(in.getLong(inOffset + i * 8), inout.getLong(inoutOffset + i * 8)));
        }
    }

    /**
     * @return the map "first, then second".
     */
    static long compose(final long first, final long second)
    {
        final int m1 = (int)(first >>> 32);
        final int c1 = (int)first;
        final int m2 = (int)(second >>> 32);
        final int c2 = (int)second;
        return ((long)(m1 * m2) << 32) | ((m2 * c1 + c2) & 0xFFFF_FFFFL);
    }
}
