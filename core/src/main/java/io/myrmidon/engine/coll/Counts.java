package io.myrmidon.engine.coll;

/**
 * Per-rank byte counts and byte displacements of a collective, either regular (every rank the
 * same block, placed rank after rank) or given by the user's arrays (in elements, scaled by the
 * element size). A reusable flyweight over the user's arrays, so that the {@code v} collectives
 * allocate nothing. Not thread safe.
 */
final class Counts
{
    private int[] counts;
    private int[] displacements;
    private int elementSize;
    private int blockBytes;

    /**
     * Every rank {@code blockBytes}, rank i at {@code i * blockBytes}.
     */
    Counts regular(final int blockBytes)
    {
        this.counts = null;
        this.displacements = null;
        this.blockBytes = blockBytes;
        return this;
    }

    /**
     * Rank i {@code counts[i]} elements at element {@code displacements[i]}; null displacements
     * place the blocks one after another.
     */
    Counts of(final int[] counts, final int[] displacements, final int elementSize)
    {
        this.counts = counts;
        this.displacements = displacements;
        this.elementSize = elementSize;
        return this;
    }

    int count(final int rank)
    {
        return counts == null ? blockBytes : counts[rank] * elementSize;
    }

    int displacement(final int rank)
    {
        if (counts == null)
        {
            return rank * blockBytes;
        }
        if (displacements != null)
        {
            return displacements[rank] * elementSize;
        }
        int at = 0;
        for (int i = 0; i < rank; i++)
        {
            at += counts[i];
        }
        return at * elementSize;
    }

    /**
     * @return the end of the furthest block, in bytes.
     */
    long extent(final int size)
    {
        long extent = 0;
        for (int i = 0; i < size; i++)
        {
            extent = Math.max(extent, (long)displacement(i) + count(i));
        }
        return extent;
    }
}
