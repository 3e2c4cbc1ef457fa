package io.myrmidon.vnic.layout;

/**
 * Layout of one endpoint's pages: a memory file the VMM creates per endpoint and hands to both the guest and
 * the NIC. Nothing in it is trusted by the NIC: every index the guest writes is validated before use.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0 header page (4 KiB, one 64-byte line per index)
 *  |                SEND_PRODUCER (64 bits, guest writes)          |  0: descriptors posted (the doorbell)
 *  |                SEND_CONSUMER (64 bits, NIC writes)            |  64: descriptors taken by the NIC
 *  |                EVENT_PRODUCER (64 bits, NIC writes)           |  128: events written
 *  |                EVENT_CONSUMER (64 bits, guest writes)         |  192: events consumed
 *  |                EAGER_RELEASED (64 bits, guest writes)         |  256: eager slots given back
 *  |   NIC_SLEEPING (32, NIC writes)                               |  320: 1 while the firmware may block
 *  |   GUEST_SLEEPING (32, guest writes) |  EVENT_SEQUENCE (32)    |  384 / 388: futex word the guest sleeps on
 *  |   ENDPOINT_ID | KEY | VM_ID | NIC_ID (32 each, VMM writes)     |  448..463: informational
 *  +---------------------------------------------------------------+  4096 send ring
 *  |   SEND_RING_CAPACITY x 128-byte descriptors ({@link SendDescriptor})
 *  +---------------------------------------------------------------+  EVENT_QUEUE_OFFSET
 *  |   EVENT_QUEUE_CAPACITY x 128-byte events ({@link EventDescriptor})
 *  +---------------------------------------------------------------+  EAGER_RING_OFFSET
 *  |   EAGER_SLOT_COUNT x 4 KiB slots; a medium message takes a contiguous run of slots
 *  +---------------------------------------------------------------+  TOTAL_LENGTH
 * </pre>
 * Memory ordering, each release store named with the acquire that reads it:
 * <ul>
 *   <li>guest {@code putLongRelease(SEND_PRODUCER)} after writing a descriptor, read by the NIC's
 *       {@code getLongAcquire(SEND_PRODUCER)} before reading descriptors;</li>
 *   <li>NIC {@code putLongRelease(SEND_CONSUMER)}, read by the guest's {@code getLongAcquire(SEND_CONSUMER)}
 *       to learn that ring slots may be reused;</li>
 *   <li>NIC {@code putLongRelease(EVENT_PRODUCER)} after writing an event (and its eager data), read by the
 *       guest's {@code getLongAcquire(EVENT_PRODUCER)};</li>
 *   <li>guest {@code putLongRelease(EVENT_CONSUMER)} and {@code putLongRelease(EAGER_RELEASED)} after it has
 *       finished reading, read by the NIC's {@code getLongAcquire} of the same fields before overwriting;</li>
 *   <li>the sleeping flags are Dekker pairs: each side does a volatile store of its flag, then a volatile load
 *       of the other side's index (a full fence between), so a doorbell or an event is never missed.</li>
 * </ul>
 */
public final class EndpointDescriptor
{
    /** Offset of the count of descriptors the guest has posted. */
    public static final int SEND_PRODUCER_OFFSET = 0;
    /** Offset of the count of descriptors the NIC has taken. */
    public static final int SEND_CONSUMER_OFFSET = 64;
    /** Offset of the count of events the NIC has written. */
    public static final int EVENT_PRODUCER_OFFSET = 128;
    /** Offset of the count of events the guest has consumed. */
    public static final int EVENT_CONSUMER_OFFSET = 192;
    /** Offset of the count of eager slots the guest has released. */
    public static final int EAGER_RELEASED_OFFSET = 256;
    /** Offset of the NIC's sleeping flag: when 1, a guest that rings the doorbell must also signal the NIC. */
    public static final int NIC_SLEEPING_OFFSET = 320;
    /** Offset of the guest's sleeping flag: when 1, the NIC bumps the event sequence and wakes the futex. */
    public static final int GUEST_SLEEPING_OFFSET = 384;
    /** Offset of the futex word guests sleep on. */
    public static final int EVENT_SEQUENCE_OFFSET = 388;
    /** Offset of the endpoint id (informational, written by the VMM at open). */
    public static final int ENDPOINT_ID_OFFSET = 448;
    /** Offset of the endpoint key. */
    public static final int KEY_OFFSET = 452;
    /** Offset of the owning VM id. */
    public static final int VM_ID_OFFSET = 456;
    /** Offset of the NIC id. */
    public static final int NIC_ID_OFFSET = 460;

    /** Descriptors in the send ring (a power of two). */
    public static final int SEND_RING_CAPACITY = 256;
    /** Events in the event queue (a power of two). */
    public static final int EVENT_QUEUE_CAPACITY = 1024;
    /** Bytes per eager slot. */
    public static final int EAGER_SLOT_LENGTH = 4096;
    /** Slots in the eager ring (a power of two). */
    public static final int EAGER_SLOT_COUNT = 256;

    /** Start of the send ring. */
    public static final int SEND_RING_OFFSET = 4096;
    /** Start of the event queue. */
    public static final int EVENT_QUEUE_OFFSET = SEND_RING_OFFSET + SEND_RING_CAPACITY * SendDescriptor.LENGTH;
    /** Start of the eager ring. */
    public static final int EAGER_RING_OFFSET = EVENT_QUEUE_OFFSET + EVENT_QUEUE_CAPACITY * EventDescriptor.LENGTH;
    /** Size of an endpoint's memory file. */
    public static final int TOTAL_LENGTH = EAGER_RING_OFFSET + EAGER_SLOT_COUNT * EAGER_SLOT_LENGTH;

    private EndpointDescriptor()
    {
    }

    /**
     * @param sequence a send-ring position.
     * @return the offset of that descriptor.
     */
    public static int sendDescriptorOffset(final long sequence)
    {
        return SEND_RING_OFFSET + (int)(sequence & (SEND_RING_CAPACITY - 1)) * SendDescriptor.LENGTH;
    }

    /**
     * @param sequence an event-queue position.
     * @return the offset of that event.
     */
    public static int eventOffset(final long sequence)
    {
        return EVENT_QUEUE_OFFSET + (int)(sequence & (EVENT_QUEUE_CAPACITY - 1)) * EventDescriptor.LENGTH;
    }

    /**
     * @param slot an eager slot index, {@code 0 <= slot < EAGER_SLOT_COUNT}.
     * @return the offset of the slot.
     */
    public static int eagerSlotOffset(final int slot)
    {
        return EAGER_RING_OFFSET + slot * EAGER_SLOT_LENGTH;
    }
}
