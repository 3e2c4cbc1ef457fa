package mpi;

/**
 * The struct of {@link MPI#DOUBLE_INT} values for {@link MPI#MINLOC} and {@link MPI#MAXLOC}: a
 * double value at byte 0, then an int index at byte 8, 12 bytes in all without padding.
 * Use {@link MPI#doubleInt} rather than creating one.
 */
public final class DoubleInt extends Struct
{
    private final int valueOffset;
    private final int indexOffset;

    DoubleInt()
    {
        valueOffset = addDouble();
        indexOffset = addInt();
        usePredefined(MPI.DOUBLE_INT);
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
        public double getValue()
        {
            return getDouble(valueOffset);
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
        public void putValue(final double v)
        {
            putDouble(valueOffset, v);
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
