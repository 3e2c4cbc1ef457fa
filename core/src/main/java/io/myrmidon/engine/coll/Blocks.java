package io.myrmidon.engine.coll;

/**
 * An even partition of {@code count} elements into {@code parts} blocks, the first
 * {@code count % parts} one element longer: block {@code i} starts at {@link #start} and holds
 * {@link #count} elements. Used by the algorithms that split a vector among ranks.
 */
final class Blocks
{
    private Blocks()
    {
    }

    static int count(final int total, final int parts, final int i)
    {
        return total / parts + (i < total % parts ? 1 : 0);
    }

    static int start(final int total, final int parts, final int i)
    {
        return i * (total / parts) + Math.min(i, total % parts);
    }

    /**
     * @return the number of elements in blocks {@code from} (inclusive) to {@code to} (exclusive).
     */
    static int span(final int total, final int parts, final int from, final int to)
    {
        return start(total, parts, to) - start(total, parts, from);
    }

    /**
     * @return the largest power of two not above {@code n} (n at least 1).
     */
    static int floorPowerOfTwo(final int n)
    {
        return Integer.highestOneBit(n);
    }
}
