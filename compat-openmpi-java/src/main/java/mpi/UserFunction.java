package mpi;

import java.nio.ByteBuffer;

/**
 * A user-defined reduction ({@code MPI_User_function}): override one of the two {@code call}
 * methods to compute {@code inout[i] = in[i] op inout[i]} for {@code count} elements of
 * {@code datatype}. The array form gets arrays of the datatype's base type (a {@code double[]}
 * for {@link MPI#DOUBLE}); the buffer form gets byte buffers in the platform's byte order. When a
 * function overrides both, the buffer form is used.
 */
public abstract class UserFunction
{
    /**
     * Combines {@code inVec} into {@code inoutVec}, which are arrays of the base type.
     */
    public void call(final Object inVec, final Object inoutVec, final int count, final Datatype datatype)
        throws MPIException
    {
        throw new MPIException(MPI.ERR_UNSUPPORTED_OPERATION, MPI.ERR_UNSUPPORTED_OPERATION,
            getClass().getName() + " overrides neither call(Object, Object, int, Datatype) nor " +
                "call(ByteBuffer, ByteBuffer, int, Datatype)");
    }

    /**
     * Combines {@code in} into {@code inOut}, byte buffers of {@code count} packed elements.
     */
    public void call(final ByteBuffer in, final ByteBuffer inOut, final int count, final Datatype datatype)
        throws MPIException
    {
        throw new MPIException(MPI.ERR_UNSUPPORTED_OPERATION, MPI.ERR_UNSUPPORTED_OPERATION,
            getClass().getName() + " overrides neither call(Object, Object, int, Datatype) nor " +
                "call(ByteBuffer, ByteBuffer, int, Datatype)");
    }

    /**
     * @return true when the subclass overrides the byte-buffer form.
     */
    final boolean overridesBufferForm()
    {
        try
        {
            return getClass().getMethod("call", ByteBuffer.class, ByteBuffer.class, int.class, Datatype.class)
                .getDeclaringClass() != UserFunction.class;
        }
        catch (final NoSuchMethodException ex)
        {
            return false;
        }
    }
}
