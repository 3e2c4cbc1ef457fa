package io.myrmidon.engine;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * A message that arrived before a matching receive was posted: an eager message with a copy of
 * its bytes, or a rendezvous announcement with a copy of its pull descriptor. Pooled: its buffer
 * keeps its capacity across uses, so steady-state traffic does not allocate.
 *
 * <p>Public only as the opaque handle of a matched probe ({@link Engine#imProbe}): it has no
 * public members.
 */
public final class UnexpectedMessage
{
    byte type;
    byte flags;
    int source;
    int tag;
    int length;
    long senderToken;
    final ExpandableDirectByteBuffer payload = new ExpandableDirectByteBuffer(256);
    int payloadLength;
    UnexpectedMessage next;

    void set(final byte type, final byte flags, final int source, final int tag, final int length,
        final long senderToken, final DirectBuffer buffer, final int payloadOffset, final int payloadLength)
    {
        this.type = type;
        this.flags = flags;
        this.source = source;
        this.tag = tag;
        this.length = length;
        this.senderToken = senderToken;
        this.payloadLength = payloadLength;
        if (payloadLength > 0)
        {
            payload.putBytes(0, buffer, payloadOffset, payloadLength);
        }
        this.next = null;
    }

    boolean matches(final int wantedSource, final int wantedTag)
    {
        return (wantedSource == io.myrmidon.Communicator.ANY_SOURCE || wantedSource == source) &&
            (wantedTag == io.myrmidon.Communicator.ANY_TAG || wantedTag == tag);
    }
}
