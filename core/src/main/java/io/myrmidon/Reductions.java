package io.myrmidon;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

/**
 * The loops behind the predefined {@link Op}s: {@code out[i] = first[i] op second[i]}, read and
 * written in native byte order. Each element is read before its slot in {@code out} is written,
 * so {@code out} may be either input.
 */
final class Reductions
{
    private Reductions()
    {
    }

    /**
     * The hot loop of the allreduce benchmark: one bounds check per buffer, then raw memory
     * accesses (heap or off-heap alike, through each buffer's array and address).
     */
    static void sumDoubles(final DirectBuffer first, final int firstOffset, final DirectBuffer second,
        final int secondOffset, final MutableDirectBuffer out, final int outOffset, final int count)
    {
        final int bytes = count << 3;
        first.boundsCheck(firstOffset, bytes);
        second.boundsCheck(secondOffset, bytes);
        out.boundsCheck(outOffset, bytes);
        final byte[] a = first.byteArray();
        final long aAddress = first.addressOffset() + firstOffset;
        final byte[] b = second.byteArray();
        final long bAddress = second.addressOffset() + secondOffset;
        final byte[] o = out.byteArray();
        final long oAddress = out.addressOffset() + outOffset;
        for (long at = 0; at < bytes; at += 8)
        {
            UnsafeApi.putDouble(o, oAddress + at,
                UnsafeApi.getDouble(a, aAddress + at) + UnsafeApi.getDouble(b, bAddress + at));
        }
    }

    /**
     * FLOAT is computed in double and rounded once: for +, * of two floats that gives exactly the
     * float result (double holds more than twice the float's precision plus two bits).
     */
    static void floating(final int code, final DirectBuffer first, final int firstOffset, final DirectBuffer second,
        final int secondOffset, final MutableDirectBuffer out, final int outOffset, final int count,
        final Datatype type)
    {
        final int size = type.size();
        final boolean isFloat = type == Datatype.FLOAT;
        for (int i = 0; i < count; i++)
        {
            final int at = i * size;
            final double x = isFloat ? first.getFloat(firstOffset + at) : first.getDouble(firstOffset + at);
            final double y = isFloat ? second.getFloat(secondOffset + at) : second.getDouble(secondOffset + at);
            final double r;
            if (code == Op.SUM_CODE)
            {
                r = x + y;
            }
            else if (code == Op.PROD_CODE)
            {
                r = x * y;
            }
            else if (code == Op.MIN_CODE)
            {
                r = Math.min(x, y);
            }
            else
            {
                r = Math.max(x, y);
            }
            if (isFloat)
            {
                out.putFloat(outOffset + at, (float)r);
            }
            else
            {
                out.putDouble(outOffset + at, r);
            }
        }
    }

    static void integers(final int code, final DirectBuffer first, final int firstOffset, final DirectBuffer second,
        final int secondOffset, final MutableDirectBuffer out, final int outOffset, final int count,
        final Datatype type)
    {
        final int size = type.size();
        for (int i = 0; i < count; i++)
        {
            final int at = i * size;
            final long x = read(type, first, firstOffset + at);
            final long y = read(type, second, secondOffset + at);
            final long r;
            if (code == Op.SUM_CODE)
            {
                r = x + y;
            }
            else if (code == Op.PROD_CODE)
            {
                r = x * y;
            }
            else if (code == Op.MIN_CODE)
            {
                r = Math.min(x, y);
            }
            else if (code == Op.MAX_CODE)
            {
                r = Math.max(x, y);
            }
            else if (code == Op.LAND_CODE)
            {
                r = x != 0 && y != 0 ? 1 : 0;
            }
            else if (code == Op.LOR_CODE)
            {
                r = x != 0 || y != 0 ? 1 : 0;
            }
            else if (code == Op.LXOR_CODE)
            {
                r = (x != 0) != (y != 0) ? 1 : 0;
            }
            else if (code == Op.BAND_CODE)
            {
                r = x & y;
            }
            else if (code == Op.BOR_CODE)
            {
                r = x | y;
            }
            else
            {
                r = x ^ y;
            }
            write(type, out, outOffset + at, r);
        }
    }

    /**
     * MINLOC/MAXLOC: the better value wins; on a tie (or unordered NaNs) the smaller index, with
     * its value.
     */
    static void pairs(final boolean min, final DirectBuffer first, final int firstOffset, final DirectBuffer second,
        final int secondOffset, final MutableDirectBuffer out, final int outOffset, final int count,
        final Datatype type)
    {
        final int size = type.size();
        final int valueSize = type.valueSize();
        final boolean floating = type.isFloatingValue();
        for (int i = 0; i < count; i++)
        {
            final int a = firstOffset + i * size;
            final int b = secondOffset + i * size;
            final int indexA = first.getInt(a + valueSize);
            final int indexB = second.getInt(b + valueSize);
            final int order;
            if (floating)
            {
                final double x = valueSize == 4 ? first.getFloat(a) : first.getDouble(a);
                final double y = valueSize == 4 ? second.getFloat(b) : second.getDouble(b);
                order = x < y ? -1 : (y < x ? 1 : 0);
            }
            else
            {
                order = Long.compare(readValue(valueSize, first, a), readValue(valueSize, second, b));
            }
            final boolean takeFirst = order == 0 ? indexA <= indexB : (min ? order < 0 : order > 0);
            final int o = outOffset + i * size;
            if (takeFirst)
            {
                if (out != first || o != a)
                {
                    out.putBytes(o, first, a, size);
                }
            }
            else if (out != second || o != b)
            {
                out.putBytes(o, second, b, size);
            }
        }
    }

    private static long readValue(final int valueSize, final DirectBuffer buffer, final int index)
    {
        return switch (valueSize)
        {
            case 2 -> buffer.getShort(index);
            case 4 -> buffer.getInt(index);
            default -> buffer.getLong(index);
        };
    }

    private static long read(final Datatype type, final DirectBuffer buffer, final int index)
    {
        return switch (type)
        {
            case BYTE -> buffer.getByte(index);
            case SHORT -> buffer.getShort(index);
            case CHAR -> buffer.getChar(index);
            case INT -> buffer.getInt(index);
            default -> buffer.getLong(index);
        };
    }

    private static void write(final Datatype type, final MutableDirectBuffer buffer, final int index, final long value)
    {
        switch (type)
        {
            case BYTE -> buffer.putByte(index, (byte)value);
            case SHORT -> buffer.putShort(index, (short)value);
            case CHAR -> buffer.putChar(index, (char)value);
            case INT -> buffer.putInt(index, (int)value);
            default -> buffer.putLong(index, value);
        }
    }
}
