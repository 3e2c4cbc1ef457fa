package mpi;

import java.nio.FloatBuffer;

/**
 * Access to a complex number stored as two floats (real, imaginary) in a float array or buffer,
 * the layout of {@link MPI#FLOAT_COMPLEX}.
 */
public final class FloatComplex
{
    private final FloatBuffer buffer;
    private final int offset;

    private FloatComplex(final FloatBuffer buffer, final int index)
    {
        this.buffer = buffer;
        this.offset = index * 2;
    }

    /**
     * @return the complex number at the start of {@code buffer}.
     */
    public static FloatComplex get(final FloatBuffer buffer)
    {
        return new FloatComplex(buffer, 0);
    }

    /**
     * @return the {@code index}-th complex number of {@code buffer}.
     */
    public static FloatComplex get(final FloatBuffer buffer, final int index)
    {
        return new FloatComplex(buffer, index);
    }

    /**
     * @return the complex number at the start of {@code array}.
     */
    public static FloatComplex get(final float[] array)
    {
        return new FloatComplex(FloatBuffer.wrap(array), 0);
    }

    /**
     * @return the {@code index}-th complex number of {@code array}.
     */
    public static FloatComplex get(final float[] array, final int index)
    {
        return new FloatComplex(FloatBuffer.wrap(array), index);
    }

    /**
     * @return the real part.
     */
    public float getReal()
    {
        return buffer.get(offset);
    }

    /**
     * @return the imaginary part.
     */
    public float getImag()
    {
        return buffer.get(offset + 1);
    }

    /**
     * Sets the real part.
     */
    public void putReal(final float real)
    {
        buffer.put(offset, real);
    }

    /**
     * Sets the imaginary part.
     */
    public void putImag(final float imag)
    {
        buffer.put(offset + 1, imag);
    }

    /**
     * @return the buffer the number lives in.
     */
    public FloatBuffer getBuffer()
    {
        return offset == 0 ? buffer : MPI.slice(buffer, offset);
    }
}
