package mpi;

/**
 * The struct of {@link MPI#INT2} values for {@link MPI#MINLOC} and {@link MPI#MAXLOC}: a
 * int value at byte 0, then an int index at byte 4, 8 bytes in all without padding.
 * Use {@link MPI#int2} rather than creating one.
 */
public final class Int2 extends Struct
{
    private final int valueOffset;
    private final int indexOffset;

    Int2()
    {
        valueOffset = addInt();
        indexOffset = addInt();
        usePredefined(MPI.INT2);
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
        public int getValue()
        {
            return getInt(valueOffset);
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
        public void putValue(final int v)
        {
            putInt(valueOffset, v);
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
