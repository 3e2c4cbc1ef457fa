package io.myrmidon;

import org.agrona.DirectBuffer;

/**
 * Argument checks of the collectives: each failure says what was wrong and what to do, and comes
 * before anything is sent. Counts are in elements, offsets in bytes.
 */
final class CollectiveChecks
{
    private CollectiveChecks()
    {
    }

    /**
     * @return {@code count} elements of {@code type} in bytes.
     */
    static int bytes(final String operation, final int count, final Datatype type)
    {
        if (type == null)
        {
            throw new MyrmidonException(ErrorClass.TYPE, operation + ": the datatype is null");
        }
        if (count < 0)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": count " + count + " is negative");
        }
        final long bytes = (long)count * type.size();
        if (bytes > Integer.MAX_VALUE)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": " + count + " elements of " + type +
                " are " + bytes + " bytes, more than a buffer can hold; split the operation");
        }
        return (int)bytes;
    }

    static void buffer(final String operation, final String which, final DirectBuffer buffer, final int offset,
        final long bytes)
    {
        if (buffer == null)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": the " + which + " buffer is null");
        }
        if (buffer == Communicator.IN_PLACE)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": IN_PLACE is not allowed as the " + which +
                " buffer here (see the method's documentation for where it is)");
        }
        if (offset < 0)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": " + which + " offset " + offset +
                " is negative");
        }
        if (offset + bytes > buffer.capacity())
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": the " + which + " buffer needs " + bytes +
                " bytes from offset " + offset + " but its capacity is " + buffer.capacity() + " bytes");
        }
    }

    static void root(final String operation, final int root, final int size)
    {
        if (root < 0 || root >= size)
        {
            throw new MyrmidonException(ErrorClass.ROOT, operation + ": root " + root + " is outside 0.." +
                (size - 1) + " of this communicator (size " + size + ")");
        }
    }

    static void op(final String operation, final Op op, final Datatype type)
    {
        if (op == null)
        {
            throw new MyrmidonException(ErrorClass.OP, operation + ": the operation is null");
        }
        op.check(operation, type);
    }

    static void notInPlace(final String operation, final DirectBuffer buffer, final String where)
    {
        if (buffer == Communicator.IN_PLACE)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": IN_PLACE is allowed " + where);
        }
    }

    /**
     * Checks per-rank counts and displacements (in elements; null displacements mean packed).
     *
     * @return the bytes the layout spans.
     */
    static long layout(final String operation, final String which, final int[] counts, final int[] displacements,
        final int size, final Datatype type)
    {
        if (counts == null || counts.length < size)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": " + which + " counts must have one entry " +
                "per rank (" + size + ")" + (counts == null ? " but are null" : " but have " + counts.length));
        }
        if (displacements != null && displacements.length < size)
        {
            throw new MyrmidonException(ErrorClass.ARG, operation + ": " + which + " displacements must have one " +
                "entry per rank (" + size + ") but have " + displacements.length);
        }
        long extent = 0;
        long packed = 0;
        for (int i = 0; i < size; i++)
        {
            if (counts[i] < 0)
            {
                throw new MyrmidonException(ErrorClass.COUNT, operation + ": " + which + " count of rank " + i +
                    " is negative (" + counts[i] + ")");
            }
            final long displacement = displacements == null ? packed : displacements[i];
            if (displacement < 0)
            {
                throw new MyrmidonException(ErrorClass.ARG, operation + ": " + which + " displacement of rank " + i +
                    " is negative (" + displacement + ")");
            }
            packed += counts[i];
            extent = Math.max(extent, displacement + counts[i]);
        }
        final long bytes = extent * type.size();
        if (bytes > Integer.MAX_VALUE)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": the " + which + " layout spans " + bytes +
                " bytes, more than a buffer can hold");
        }
        return bytes;
    }
}
