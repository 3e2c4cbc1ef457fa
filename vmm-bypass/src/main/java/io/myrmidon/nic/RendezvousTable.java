package io.myrmidon.nic;

import io.myrmidon.vnic.layout.SendDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Large messages announced to a receiver and not yet pulled: the sender's validated segments, kept until the
 * receiver's pull names the handle. Across hosts an entry is kept on both NICs: the sender's (with
 * {@code dstNic} the receiver's NIC) holds the segments, the receiver's ({@code remoteNic} the sender's NIC) the
 * announcement and, while a pull is in flight, where the data goes. Handles carry a generation, so a stale or forged handle does not match.
 * Firmware thread only.
 */
final class RendezvousTable
{
    private static final int INDEX_BITS = 12;
    private static final int INDEX_MASK = (1 << INDEX_BITS) - 1;

    final boolean[] used = new boolean[NicConfiguration.MAX_RENDEZVOUS];
    final int[] generation = new int[NicConfiguration.MAX_RENDEZVOUS];
    final int[] srcVm = new int[NicConfiguration.MAX_RENDEZVOUS];
    final int[] srcEndpoint = new int[NicConfiguration.MAX_RENDEZVOUS];
    final long[] srcCookie = new long[NicConfiguration.MAX_RENDEZVOUS];
    final int[] dstEndpoint = new int[NicConfiguration.MAX_RENDEZVOUS];
    final int[] dstKey = new int[NicConfiguration.MAX_RENDEZVOUS];
    final int[] length = new int[NicConfiguration.MAX_RENDEZVOUS];
    /** NIC of the receiver: this NIC, or a peer for a local sender's message to another host. */
    final int[] dstNic = new int[NicConfiguration.MAX_RENDEZVOUS];
    /** For a message announced by another host's NIC: that NIC, else -1. */
    final int[] remoteNic = new int[NicConfiguration.MAX_RENDEZVOUS];
    /** The announcing NIC's handle of a remote message. */
    final long[] remoteHandle = new long[NicConfiguration.MAX_RENDEZVOUS];
    /** A pull of a remote message is in flight (the fields below are valid). */
    final boolean[] pulling = new boolean[NicConfiguration.MAX_RENDEZVOUS];
    final long[] pullCookie = new long[NicConfiguration.MAX_RENDEZVOUS];
    final int[] pullKey = new int[NicConfiguration.MAX_RENDEZVOUS];
    final long[] pullAt = new long[NicConfiguration.MAX_RENDEZVOUS];
    final int[] pullBytes = new int[NicConfiguration.MAX_RENDEZVOUS];
    final int[] pullStatus = new int[NicConfiguration.MAX_RENDEZVOUS];
    final int[] segmentCount = new int[NicConfiguration.MAX_RENDEZVOUS];
    final int[] segmentKey = new int[NicConfiguration.MAX_RENDEZVOUS * SendDescriptor.MAX_SEGMENTS];
    final long[] segmentAt = new long[NicConfiguration.MAX_RENDEZVOUS * SendDescriptor.MAX_SEGMENTS];
    final int[] segmentBytes = new int[NicConfiguration.MAX_RENDEZVOUS * SendDescriptor.MAX_SEGMENTS];
    int count;
    private int searchStart;

    /**
     * @return an entry index, or -1 when full.
     */
    int allocate()
    {
        for (int i = 0; i < NicConfiguration.MAX_RENDEZVOUS; i++)
        {
            final int index = (searchStart + i) % NicConfiguration.MAX_RENDEZVOUS;
            if (!used[index])
            {
                searchStart = index + 1;
                used[index] = true;
                generation[index] = (generation[index] + 1) & 0x7ffff;
                remoteNic[index] = -1;
                pulling[index] = false;
                pullStatus[index] = 0;
                count++;
                return index;
            }
        }
        return -1;
    }

    /**
     * Records in entry {@code index} what a validated send descriptor announces: who sends it, to which NIC,
     * endpoint and key, how long it is, and its segments (kept for the receiver's pull).
     *
     * @param descriptor the send descriptor, already checked by the caller.
     */
    void recordSend(final int index, final EndpointContext source, final long cookie, final int toNic,
        final int toEndpoint, final int toKey, final int messageLength, final UnsafeBuffer descriptor)
    {
        final int segments = descriptor.getInt(SendDescriptor.SEGMENT_COUNT_OFFSET);
        srcVm[index] = source.vm;
        srcEndpoint[index] = source.id;
        srcCookie[index] = cookie;
        dstNic[index] = toNic;
        dstEndpoint[index] = toEndpoint;
        dstKey[index] = toKey;
        length[index] = messageLength;
        segmentCount[index] = segments;
        for (int i = 0; i < segments; i++)
        {
            final int segment = SendDescriptor.segmentOffset(i);
            final int slot = index * SendDescriptor.MAX_SEGMENTS + i;
            segmentKey[slot] = descriptor.getInt(segment + SendDescriptor.SEGMENT_KEY_OFFSET);
            segmentAt[slot] = descriptor.getLong(segment + SendDescriptor.SEGMENT_WINDOW_OFFSET_OFFSET);
            segmentBytes[slot] = descriptor.getInt(segment + SendDescriptor.SEGMENT_BYTES_OFFSET);
        }
    }

    long handle(final int index)
    {
        return (long)generation[index] << INDEX_BITS | index;
    }

    /**
     * @param handle a handle from a pull descriptor (untrusted).
     * @return its entry index, or -1.
     */
    int lookup(final long handle)
    {
        if (handle < 0)
        {
            return -1;
        }
        final int index = (int)(handle & INDEX_MASK);
        return index < NicConfiguration.MAX_RENDEZVOUS && used[index] && generation[index] == (handle >>> INDEX_BITS) ?
            index : -1;
    }

    void release(final int index)
    {
        used[index] = false;
        count--;
    }
}
