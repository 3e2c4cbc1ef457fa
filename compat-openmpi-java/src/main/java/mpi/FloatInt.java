package mpi;

/**
 * The struct of {@link MPI#FLOAT_INT} values for {@link MPI#MINLOC} and {@link MPI#MAXLOC}: a
 * float value at byte 0, then an int index at byte 4, 8 bytes in all without padding.
 * Use {@link MPI#floatInt} rather than creating one.
 */
public final class FloatInt extends Struct
{
    private final int valueOffset;
    private final int indexOffset;

    FloatInt()
    {
        valueOffset = addFloat();
        indexOffset = addInt();
        usePredefined(MPI.FLOAT_INT);
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
        public float getValue()
        {
            return getFloat(valueOffset);
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
        public void putValue(final float v)
        {
            putFloat(valueOffset, v);
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
