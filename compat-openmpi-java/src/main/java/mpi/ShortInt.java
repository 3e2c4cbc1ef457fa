package mpi;

/**
 * The struct of {@link MPI#SHORT_INT} values for {@link MPI#MINLOC} and {@link MPI#MAXLOC}: a
 * short value at byte 0, then an int index at byte 2, 6 bytes in all without padding.
 * Use {@link MPI#shortInt} rather than creating one.
 */
public final class ShortInt extends Struct
{
    private final int valueOffset;
    private final int indexOffset;

    ShortInt()
    {
        valueOffset = addShort();
        indexOffset = addInt();
        usePredefined(MPI.SHORT_INT);
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
        public short getValue()
        {
            return getShort(valueOffset);
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
        public void putValue(final short v)
        {
            putShort(valueOffset, v);
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
