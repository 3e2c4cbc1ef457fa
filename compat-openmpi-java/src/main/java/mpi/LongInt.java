package mpi;

/**
 * The struct of {@link MPI#LONG_INT} values for {@link MPI#MINLOC} and {@link MPI#MAXLOC}: a
 * long value at byte 0, then an int index at byte 8, 12 bytes in all without padding.
 * Use {@link MPI#longInt} rather than creating one.
 */
public final class LongInt extends Struct
{
    private final int valueOffset;
    private final int indexOffset;

    LongInt()
    {
        valueOffset = addLong();
        indexOffset = addInt();
        usePredefined(MPI.LONG_INT);
    }

    @Override
    protected Data newData()
    {
        return new Data();
    }

    /**
     * Reads and writes one (value, index) pair.
     */
    public final class Data extends Struct.Data
    {
        /**
         * @return the value.
         */
        public long getValue()
        {
            return getLong(valueOffset);
        }

        /**
         * @return the index.
         */
        public int getIndex()
        {
            return getInt(indexOffset);
        }

        /**
         * Sets the value.
         */
        public void putValue(final long v)
        {
            putLong(valueOffset, v);
        }

        /**
         * Sets the index.
         */
        public void putIndex(final int v)
        {
            putInt(indexOffset, v);
        }
    }
}
