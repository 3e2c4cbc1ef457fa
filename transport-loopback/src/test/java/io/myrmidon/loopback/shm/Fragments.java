package io.myrmidon.loopback.shm;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The byte pattern of test fragments: every byte depends on sender, receiver, sequence number and
 * position, so that lost, reordered, duplicated or corrupted fragments are caught.
 */
final class Fragments
{
    /** Test header: sequence number then payload length. */
    static final int HEADER_LENGTH = 8;

    private Fragments()
    {
    }

    static byte expected(final int source, final int destination, final int sequence, final int index)
    {
        return (byte)(source * 31 + destination * 17 + sequence * 13 + index * 7 + (index >>> 8));
    }

    static void fill(
        final MutableDirectBuffer buffer, final int offset, final int length,
        final int source, final int destination, final int sequence)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + i, expected(source, destination, sequence, i));
        }
    }

    /**
     * @return -1 when the bytes match, otherwise the index of the first wrong byte.
     */
    static int mismatch(
        final DirectBuffer buffer, final int offset, final int length,
        final int source, final int destination, final int sequence)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != expected(source, destination, sequence, i))
            {
                return i;
            }
        }
        return -1;
    }
}
