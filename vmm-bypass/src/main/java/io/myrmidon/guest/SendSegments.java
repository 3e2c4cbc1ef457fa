package io.myrmidon.guest;

import io.myrmidon.vnic.layout.SendDescriptor;

/**
 * A reusable gather list for one send: up to {@link SendDescriptor#MAX_SEGMENTS} ranges of registered windows.
 * Owned by the caller, reused across sends (no allocation); not thread safe.
 */
public final class SendSegments
{
    final Window[] windows = new Window[SendDescriptor.MAX_SEGMENTS];
    final long[] offsets = new long[SendDescriptor.MAX_SEGMENTS];
    final int[] lengths = new int[SendDescriptor.MAX_SEGMENTS];
    int count;
    long total;

    /**
     * @return this, emptied.
     */
    public SendSegments clear()
    {
        count = 0;
        total = 0;
        return this;
    }

    /**
     * @param window a registered window with read rights.
     * @param offset start inside the window.
     * @param length bytes.
     * @return this.
     */
    public SendSegments add(final Window window, final long offset, final int length)
    {
        if (count == SendDescriptor.MAX_SEGMENTS)
        {
            throw new IllegalStateException("at most " + SendDescriptor.MAX_SEGMENTS + " segments per send");
        }
        windows[count] = window;
        offsets[count] = offset;
        lengths[count] = length;
        total += length;
        count++;
        return this;
    }

    /**
     * @return total bytes.
     */
    public long total()
    {
        return total;
    }
}
