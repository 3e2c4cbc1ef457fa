package io.myrmidon.guest;

import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Flyweight over one completion event, valid only inside {@link EventHandler#onEvent}: the endpoint reuses it,
 * and an eager message's bytes (see {@link #payload()}) go back to the NIC when the handler returns.
 */
public final class EndpointEvent
{
    private final UnsafeBuffer pages;
    private final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private int offset;

    EndpointEvent(final UnsafeBuffer pages)
    {
        this.pages = pages;
    }

    void wrap(final int eventOffset)
    {
        offset = eventOffset;
        final int type = type();
        if (type == EventDescriptor.TYPE_RECEIVE_TINY)
        {
            payload.wrap(pages.addressOffset() + offset + EventDescriptor.INLINE_OFFSET, length());
        }
        else if (type == EventDescriptor.TYPE_RECEIVE_EAGER)
        {
            payload.wrap(pages.addressOffset() + EndpointDescriptor.eagerSlotOffset(
                pages.getInt(offset + EventDescriptor.EAGER_SLOT_OFFSET)), length());
        }
        else
        {
            payload.wrap(0, 0);
        }
    }

    /**
     * @return an {@link EventDescriptor} TYPE_* value.
     */
    public int type()
    {
        return pages.getInt(offset + EventDescriptor.TYPE_OFFSET);
    }

    /**
     * @return an {@link io.myrmidon.vnic.layout.Status} code.
     */
    public int status()
    {
        return pages.getInt(offset + EventDescriptor.STATUS_OFFSET);
    }

    /**
     * @return for completions the cookie given when posting; for a rendezvous announcement the handle to pull.
     */
    public long cookie()
    {
        return pages.getLong(offset + EventDescriptor.COOKIE_OFFSET);
    }

    /**
     * @return the 64-bit match information of a received message (the driver above matches on it).
     */
    public long matchInfo()
    {
        return pages.getLong(offset + EventDescriptor.MATCH_INFO_OFFSET);
    }

    /**
     * @return the sender's endpoint id.
     */
    public int sourceEndpoint()
    {
        return pages.getInt(offset + EventDescriptor.SOURCE_ENDPOINT_OFFSET);
    }

    /**
     * @return the sender's NIC id.
     */
    public int sourceNic()
    {
        return pages.getInt(offset + EventDescriptor.SOURCE_NIC_OFFSET);
    }

    /**
     * @return message length (receive and rendezvous) or bytes moved (completions).
     */
    public int length()
    {
        return pages.getInt(offset + EventDescriptor.LENGTH_OFFSET);
    }

    /**
     * @return the bytes of a tiny or eager message; valid only during the callback.
     */
    public DirectBuffer payload()
    {
        return payload;
    }
}
