package io.myrmidon;

import org.agrona.DirectBuffer;

/**
 * Argument checks shared by the API: each failure says what was wrong and what to do. They run
 * before anything is sent, so a rejected call has no effect.
 */
final class Checks
{
    private Checks()
    {
    }

    static void buffer(final String operation, final DirectBuffer buffer, final int offset, final int length)
    {
        if (buffer == null)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": the buffer is null");
        }
        if (length < 0)
        {
            throw new MyrmidonException(ErrorClass.COUNT, operation + ": length " + length + " is negative");
        }
        if (offset < 0)
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": offset " + offset + " is negative");
        }
        if ((long)offset + length > buffer.capacity())
        {
            throw new MyrmidonException(ErrorClass.BUFFER, operation + ": offset " + offset + " + length " + length +
                " overruns the buffer's capacity of " + buffer.capacity() + " bytes");
        }
    }

    static void destination(final String operation, final int rank, final int size)
    {
        if (rank != Communicator.PROC_NULL && (rank < 0 || rank >= size))
        {
            throw new MyrmidonException(ErrorClass.RANK, operation + ": destination rank " + rank +
                " is outside 0.." + (size - 1) + " of this communicator (size " + size + ")");
        }
    }

    static void source(final String operation, final int rank, final int size)
    {
        if (rank != Communicator.PROC_NULL && rank != Communicator.ANY_SOURCE && (rank < 0 || rank >= size))
        {
            throw new MyrmidonException(ErrorClass.RANK, operation + ": source rank " + rank +
                " is outside 0.." + (size - 1) + " of this communicator (size " + size + "); use ANY_SOURCE for any");
        }
    }

    static void sendTag(final String operation, final int tag)
    {
        if (tag < 0)
        {
            throw new MyrmidonException(ErrorClass.TAG, operation + ": tag " + tag +
                " is negative; send tags are 0.." + Communicator.TAG_UB + " (ANY_TAG is for receives)");
        }
    }

    static void recvTag(final String operation, final int tag)
    {
        if (tag < 0 && tag != Communicator.ANY_TAG)
        {
            throw new MyrmidonException(ErrorClass.TAG, operation + ": tag " + tag +
                " is negative; receive tags are 0.." + Communicator.TAG_UB + " or ANY_TAG");
        }
    }
}
