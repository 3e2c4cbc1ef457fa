package mpi;

import org.agrona.UnsafeApi;

/**
 * {@code MPI_Pack} and {@code MPI_Unpack} into and out of a byte array: the packed form is the
 * type map's bytes in order, in the platform's byte order.
 */
final class Packing
{
    private static final long BYTE_ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);

    private Packing()
    {
    }

    static int pack(final Object inbuf, final int incount, final Datatype type, final byte[] outbuf,
        final int position)
    {
        final int bytes = PointToPoint.checkedBytes("pack", type, incount);
        checkRoom("pack", outbuf, position, bytes, "output");
        if (bytes == 0)
        {
            return position;
        }
        final Memory memory = new Memory().of("pack", inbuf);
        memory.checkFits("pack", type, incount);
        memory.pack(type, incount, outbuf, BYTE_ARRAY_BASE + position);
        return position + bytes;
    }

    static int unpack(final byte[] inbuf, final int position, final Object outbuf, final int outcount,
        final Datatype type)
    {
        final int bytes = PointToPoint.checkedBytes("unpack", type, outcount);
        checkRoom("unpack", inbuf, position, bytes, "input");
        if (bytes == 0)
        {
            return position;
        }
        final Memory memory = new Memory().of("unpack", outbuf);
        memory.checkWritable("unpack");
        memory.checkFits("unpack", type, outcount);
        memory.unpack(type, bytes, inbuf, BYTE_ARRAY_BASE + position);
        return position + bytes;
    }

    private static void checkRoom(final String operation, final byte[] packed, final int position, final int bytes,
        final String which)
    {
        if (packed == null)
        {
            throw new MpiError(MPI.ERR_BUFFER, operation + ": the " + which + " byte array is null");
        }
        if (position < 0 || (long)position + bytes > packed.length)
        {
            throw new MpiError(MPI.ERR_TRUNCATE, operation + ": " + bytes + " bytes at position " + position +
                " do not fit the " + which + " array of " + packed.length + " bytes");
        }
    }
}
