package mpi;

import java.nio.DoubleBuffer;

/**
 * Access to a complex number stored as two doubles (real, imaginary) in a double array or buffer,
 * the layout of {@link MPI#DOUBLE_COMPLEX}.
 */
public final class DoubleComplex
{
    private final DoubleBuffer buffer;
    private final int offset;

    private DoubleComplex(final DoubleBuffer buffer, final int index)
    {
        this.buffer = buffer;
        this.offset = index * 2;
    }

    /**
     * @return the complex number at the start of {@code buffer}.
     */
    public static DoubleComplex get(final DoubleBuffer buffer)
    {
        return new DoubleComplex(buffer, 0);
    }

    /**
     * @return the {@code index}-th complex number of {@code buffer}.
     */
    public static DoubleComplex get(final DoubleBuffer buffer, final int index)
    {
        return new DoubleComplex(buffer, index);
    }

    /**
     * @return the complex number at the start of {@code array}.
     */
    public static DoubleComplex get(final double[] array)
    {
        return new DoubleComplex(DoubleBuffer.wrap(array), 0);
    }

    /**
     * @return the {@code index}-th complex number of {@code array}.
     */
    public static DoubleComplex get(final double[] array, final int index)
    {
        return new DoubleComplex(DoubleBuffer.wrap(array), index);
    }

    /**
     * @return the real part.
     */
    public double getReal()
    {
        return buffer.get(offset);
    }

    /**
     * @return the imaginary part.
     */
    public double getImag()
    {
        return buffer.get(offset + 1);
    }

    /**
     * Sets the real part.
     */
    public void putReal(final double real)
    {
        buffer.put(offset, real);
    }

    /**
     * Sets the imaginary part.
     */
    public void putImag(final double imag)
    {
        buffer.put(offset + 1, imag);
    }

    /**
     * @return the buffer the number lives in.
     */
    public DoubleBuffer getBuffer()
    {
        return offset == 0 ? buffer : MPI.slice(buffer, offset);
    }
}
