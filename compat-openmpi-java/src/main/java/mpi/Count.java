package mpi;

/**
 * A large count ({@code MPI_Count}), as returned by {@link Status#getElementsX(Datatype)}.
 */
public final class Count implements Comparable<Count>
{
    private long count;

    /**
     * @param count the value.
     */
    public Count(final long count)
    {
        this.count = count;
    }

    /**
     * @return the value.
     */
    public long getCount()
    {
        return count;
    }

    /**
     * @param count the new value.
     */
    public void setCount(final long count)
    {
        this.count = count;
    }

    @Override
    public int compareTo(final Count other)
    {
        return Long.compare(count, other.count);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Count c && c.count == count;
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(count);
    }

    @Override
    public String toString()
    {
        return Long.toString(count);
    }
}
