package io.myrmidon.nic.wire;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One wire frame (one UDP datagram) between two NIC models: a fixed header and up to
 * {@link WireLink#maxPayload()} bytes of payload. Fields are little endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |        SEQUENCE: per (source NIC, dest NIC) link, from 0      |  0
 *  |  ACK: cumulative, the next SEQUENCE the sender expects back   |  4
 *  |       EPOCH: the sending link's incarnation (random, != 0)    |  8
 *  |            TYPE               |   WINDOW (frames it can hold) |  12
 *  |          SOURCE_NIC           |           DEST_NIC            |  16
 *  |        SOURCE_ENDPOINT        |         DEST_ENDPOINT         |  20
 *  |       DEST_KEY (the destination endpoint's key; for PULL_*:   |  24
 *  |                     the pulling endpoint's key)               |
 *  |          SOURCE_VM            |            STATUS             |  28
 *  |                      MATCH_INFO (64)                          |  32
 *  |   HANDLE (64): the sender NIC's rendezvous handle; for ACK:   |  40
 *  |                the EPOCH being acknowledged                   |
 *  |   PULL_HANDLE (64): the puller NIC's rendezvous handle        |  48
 *  |                   MESSAGE_LENGTH (whole message)              |  56
 *  |            FRAGMENT_OFFSET (of this payload in the message)   |  60
 *  |                FRAGMENT_LENGTH (payload bytes)                |  64
 *  |                           reserved                            |  68
 *  +---------------------------------------------------------------+
 *  |                  payload (FRAGMENT_LENGTH bytes)              |  72..
 *  +---------------------------------------------------------------+
 * </pre>
 * {@link #TYPE_ACK} frames are not sequenced (their SEQUENCE is ignored); every other frame is, and carries the
 * sender's current ACK and WINDOW for the reverse direction too (piggy-backed acknowledgement).
 * <p>
 * Not thread safe; wraps one frame buffer at a time without allocating.
 */
public final class WireFrameFlyweight
{
    /** Header bytes before the payload. */
    public static final int HEADER_LENGTH = 72;

    public static final int SEQUENCE_OFFSET = 0;
    public static final int ACK_OFFSET = 4;
    public static final int EPOCH_OFFSET = 8;
    public static final int TYPE_OFFSET = 12;
    public static final int WINDOW_OFFSET = 14;
    public static final int SOURCE_NIC_OFFSET = 16;
    public static final int DEST_NIC_OFFSET = 18;
    public static final int SOURCE_ENDPOINT_OFFSET = 20;
    public static final int DEST_ENDPOINT_OFFSET = 22;
    public static final int DEST_KEY_OFFSET = 24;
    public static final int SOURCE_VM_OFFSET = 28;
    public static final int STATUS_OFFSET = 30;
    public static final int MATCH_INFO_OFFSET = 32;
    public static final int HANDLE_OFFSET = 40;
    public static final int PULL_HANDLE_OFFSET = 48;
    public static final int MESSAGE_LENGTH_OFFSET = 56;
    public static final int FRAGMENT_OFFSET_OFFSET = 60;
    public static final int FRAGMENT_LENGTH_OFFSET = 64;
    public static final int PAYLOAD_OFFSET = HEADER_LENGTH;

    /** Acknowledgement only (not sequenced). */
    public static final short TYPE_ACK = 1;
    /** A tiny message, payload = the inline bytes. */
    public static final short TYPE_TINY = 2;
    /** A fragment of a small or medium (eager) message. */
    public static final short TYPE_EAGER = 3;
    /** A large message announced; HANDLE names it at the sender's NIC. */
    public static final short TYPE_RENDEZVOUS = 4;
    /** The receiver's NIC asks for an announced message: HANDLE (sender's), PULL_HANDLE (its own). */
    public static final short TYPE_PULL_REQUEST = 5;
    /** A fragment of pulled data, for PULL_HANDLE. */
    public static final short TYPE_PULL_DATA = 6;
    /** A pull refused or broken off (STATUS says why), for PULL_HANDLE. */
    public static final short TYPE_PULL_ERROR = 7;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private MemorySegment segment;

    /**
     * @param frame the frame's memory (header and payload room).
     * @return this.
     */
    public WireFrameFlyweight wrap(final MemorySegment frame)
    {
        segment = frame;
        buffer.wrap(frame.address(), (int)frame.byteSize());
        return this;
    }

    /**
     * @return the wrapped frame's memory (payload starts at {@link #PAYLOAD_OFFSET}).
     */
    public MemorySegment segment()
    {
        return segment;
    }

    /**
     * @return the wrapped frame as a buffer.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Zero the header, so a frame reused from a pool carries nothing of the previous one.
     *
     * @return this.
     */
    public WireFrameFlyweight clearHeader()
    {
        buffer.setMemory(0, HEADER_LENGTH, (byte)0);
        return this;
    }

    public int sequence()
    {
        return buffer.getInt(SEQUENCE_OFFSET, ORDER);
    }

    public WireFrameFlyweight sequence(final int value)
    {
        buffer.putInt(SEQUENCE_OFFSET, value, ORDER);
        return this;
    }

    public int ack()
    {
        return buffer.getInt(ACK_OFFSET, ORDER);
    }

    public WireFrameFlyweight ack(final int value)
    {
        buffer.putInt(ACK_OFFSET, value, ORDER);
        return this;
    }

    public int epoch()
    {
        return buffer.getInt(EPOCH_OFFSET, ORDER);
    }

    public WireFrameFlyweight epoch(final int value)
    {
        buffer.putInt(EPOCH_OFFSET, value, ORDER);
        return this;
    }

    public short type()
    {
        return buffer.getShort(TYPE_OFFSET, ORDER);
    }

    public WireFrameFlyweight type(final short value)
    {
        buffer.putShort(TYPE_OFFSET, value, ORDER);
        return this;
    }

    public int window()
    {
        return Short.toUnsignedInt(buffer.getShort(WINDOW_OFFSET, ORDER));
    }

    public WireFrameFlyweight window(final int value)
    {
        buffer.putShort(WINDOW_OFFSET, (short)value, ORDER);
        return this;
    }

    public int sourceNic()
    {
        return Short.toUnsignedInt(buffer.getShort(SOURCE_NIC_OFFSET, ORDER));
    }

    public WireFrameFlyweight sourceNic(final int value)
    {
        buffer.putShort(SOURCE_NIC_OFFSET, (short)value, ORDER);
        return this;
    }

    public int destNic()
    {
        return Short.toUnsignedInt(buffer.getShort(DEST_NIC_OFFSET, ORDER));
    }

    public WireFrameFlyweight destNic(final int value)
    {
        buffer.putShort(DEST_NIC_OFFSET, (short)value, ORDER);
        return this;
    }

    public int sourceEndpoint()
    {
        return Short.toUnsignedInt(buffer.getShort(SOURCE_ENDPOINT_OFFSET, ORDER));
    }

    public WireFrameFlyweight sourceEndpoint(final int value)
    {
        buffer.putShort(SOURCE_ENDPOINT_OFFSET, (short)value, ORDER);
        return this;
    }

    public int destEndpoint()
    {
        return Short.toUnsignedInt(buffer.getShort(DEST_ENDPOINT_OFFSET, ORDER));
    }

    public WireFrameFlyweight destEndpoint(final int value)
    {
        buffer.putShort(DEST_ENDPOINT_OFFSET, (short)value, ORDER);
        return this;
    }

    public int destKey()
    {
        return buffer.getInt(DEST_KEY_OFFSET, ORDER);
    }

    public WireFrameFlyweight destKey(final int value)
    {
        buffer.putInt(DEST_KEY_OFFSET, value, ORDER);
        return this;
    }

    public int sourceVm()
    {
        return Short.toUnsignedInt(buffer.getShort(SOURCE_VM_OFFSET, ORDER));
    }

    public WireFrameFlyweight sourceVm(final int value)
    {
        buffer.putShort(SOURCE_VM_OFFSET, (short)value, ORDER);
        return this;
    }

    public int status()
    {
        return buffer.getShort(STATUS_OFFSET, ORDER);
    }

    public WireFrameFlyweight status(final int value)
    {
        buffer.putShort(STATUS_OFFSET, (short)value, ORDER);
        return this;
    }

    public long matchInfo()
    {
        return buffer.getLong(MATCH_INFO_OFFSET, ORDER);
    }

    public WireFrameFlyweight matchInfo(final long value)
    {
        buffer.putLong(MATCH_INFO_OFFSET, value, ORDER);
        return this;
    }

    public long handle()
    {
        return buffer.getLong(HANDLE_OFFSET, ORDER);
    }

    public WireFrameFlyweight handle(final long value)
    {
        buffer.putLong(HANDLE_OFFSET, value, ORDER);
        return this;
    }

    public long pullHandle()
    {
        return buffer.getLong(PULL_HANDLE_OFFSET, ORDER);
    }

    public WireFrameFlyweight pullHandle(final long value)
    {
        buffer.putLong(PULL_HANDLE_OFFSET, value, ORDER);
        return this;
    }

    public int messageLength()
    {
        return buffer.getInt(MESSAGE_LENGTH_OFFSET, ORDER);
    }

    public WireFrameFlyweight messageLength(final int value)
    {
        buffer.putInt(MESSAGE_LENGTH_OFFSET, value, ORDER);
        return this;
    }

    public int fragmentOffset()
    {
        return buffer.getInt(FRAGMENT_OFFSET_OFFSET, ORDER);
    }

    public WireFrameFlyweight fragmentOffset(final int value)
    {
        buffer.putInt(FRAGMENT_OFFSET_OFFSET, value, ORDER);
        return this;
    }

    public int fragmentLength()
    {
        return buffer.getInt(FRAGMENT_LENGTH_OFFSET, ORDER);
    }

    public WireFrameFlyweight fragmentLength(final int value)
    {
        buffer.putInt(FRAGMENT_LENGTH_OFFSET, value, ORDER);
        return this;
    }

    /**
     * @return the frame's length on the wire: header plus {@link #fragmentLength()}.
     */
    public int frameLength()
    {
        return HEADER_LENGTH + fragmentLength();
    }
}
