package io.myrmidon.testing;

import org.agrona.MutableDirectBuffer;

/**
 * Reproducible byte patterns for content checks: the same seed gives the same bytes.
 */
public final class Patterns
{
    private Patterns()
    {
    }

    public static void fill(final MutableDirectBuffer buffer, final int offset, final int length, final long seed)
    {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            buffer.putByte(offset + i, (byte)x);
        }
    }

    public static void check(final MutableDirectBuffer buffer, final int offset, final int length, final long seed)
    {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            if (buffer.getByte(offset + i) != (byte)x)
            {
                throw new AssertionError("byte " + i + " of " + length + " (seed " + seed + ") differs");
            }
        }
    }
}
