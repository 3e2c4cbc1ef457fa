package io.myrmidon.nic;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.sys.Futex;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.layout.EndpointDescriptor.*;

/**
 * The NIC's side of one endpoint: its mapped pages plus the NIC's private cursors. The NIC never trusts the
 * indices the guest writes: it keeps its own copy of everything it produces and validates what the guest
 * produces or consumes before using it. Firmware thread only.
 */
final class EndpointContext
{
    static final int FREE = 0;
    static final int OPEN = 1;
    static final int FAULTED = 2;
    static final long CORRUPT = -1;

    final int id;
    int state = FREE;
    int vm = -1;
    int key;
    int mode;
    MemorySegment pages;
    MemorySegment sequenceWord;
    final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    long sendConsumer;
    long eventProducer;
    long eagerAllocated;
    boolean blocked;
    /** Slots the last successful {@link #reserveEager(int)} took, skipped tail included. */
    int lastSlotCount;

    EndpointContext(final int id)
    {
        this.id = id;
    }

    void open(final int owner, final int endpointKey, final int endpointMode, final MemorySegment endpointPages)
    {
        vm = owner;
        key = endpointKey;
        mode = endpointMode;
        pages = endpointPages;
        sequenceWord = endpointPages.asSlice(EVENT_SEQUENCE_OFFSET, 4);
        buffer.wrap(endpointPages.address(), (int)endpointPages.byteSize());
        sendConsumer = 0;
        eventProducer = 0;
        eagerAllocated = 0;
        blocked = false;
        state = OPEN;
    }

    void free()
    {
        state = FREE;
        vm = -1;
        pages = null;
        sequenceWord = null;
        buffer.wrap(0, 0);
    }

    boolean isOpen()
    {
        return state == OPEN;
    }

    /**
     * @return descriptors the guest has posted and the NIC not yet taken, or {@link #CORRUPT}.
     */
    long pendingDescriptors()
    {
        final long producer = buffer.getLongAcquire(SEND_PRODUCER_OFFSET); // pairs with the guest's putLongRelease
        final long pending = producer - sendConsumer;
        return pending < 0 || pending > SEND_RING_CAPACITY ? CORRUPT : pending;
    }

    void consumeDescriptor()
    {
        sendConsumer++;
        buffer.putLongRelease(SEND_CONSUMER_OFFSET, sendConsumer); // read by the guest's getLongAcquire
    }

    /**
     * @return free event entries, or {@link #CORRUPT} when the guest's consumer index is impossible.
     */
    long eventSpace()
    {
        final long consumer = buffer.getLongAcquire(EVENT_CONSUMER_OFFSET); // pairs with the guest's release
        final long used = eventProducer - consumer;
        return used < 0 || used > EVENT_QUEUE_CAPACITY ? CORRUPT : EVENT_QUEUE_CAPACITY - used;
    }

    /**
     * Reserve a contiguous run of eager slots for {@code bytes}.
     *
     * @param bytes message length.
     * @return first slot, -1 when there is no room now, -2 when the guest's release index is impossible.
     *         On success {@link #lastSlotCount} holds the slots to release (skipped tail included).
     */
    int reserveEager(final int bytes)
    {
        final long released = buffer.getLongAcquire(EAGER_RELEASED_OFFSET); // pairs with the guest's release
        final long inUse = eagerAllocated - released;
        if (inUse < 0 || inUse > EAGER_SLOT_COUNT)
        {
            return -2;
        }
        final int needed = Math.max(1, (bytes + EAGER_SLOT_LENGTH - 1) / EAGER_SLOT_LENGTH);
        final int first = (int)(eagerAllocated & (EAGER_SLOT_COUNT - 1));
        final int skip = first + needed > EAGER_SLOT_COUNT ? EAGER_SLOT_COUNT - first : 0;
        if (inUse + skip + needed > EAGER_SLOT_COUNT)
        {
            return -1;
        }
        lastSlotCount = skip + needed;
        eagerAllocated += lastSlotCount;
        return skip > 0 ? 0 : first;
    }

    /**
     * @return offset of the next event entry to fill; call {@link #publishEvent(Futex)} after writing it.
     */
    int nextEventOffset()
    {
        final int offset = EndpointDescriptor.eventOffset(eventProducer);
        buffer.setMemory(offset, EventDescriptor.INLINE_OFFSET, (byte)0);
        return offset;
    }

    /**
     * Publish the event written at {@link #nextEventOffset()} and wake the guest if it sleeps.
     *
     * @param futex the firmware thread's futex helper.
     */
    void publishEvent(final Futex futex)
    {
        eventProducer++;
        buffer.putLongRelease(EVENT_PRODUCER_OFFSET, eventProducer); // read by the guest's getLongAcquire
        VarHandle.fullFence(); // Dekker pair with the guest: store producer, load its sleeping flag
        if (buffer.getIntVolatile(GUEST_SLEEPING_OFFSET) != 0)
        {
            buffer.getAndAddInt(EVENT_SEQUENCE_OFFSET, 1);
            futex.wakeAll(sequenceWord);
        }
    }
}
