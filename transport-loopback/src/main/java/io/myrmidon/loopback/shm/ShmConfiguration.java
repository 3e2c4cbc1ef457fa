package io.myrmidon.loopback.shm;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.spi.TransportContext;
import org.agrona.BitUtil;

/**
 * Configuration of the {@code shm} transport: property names, defaults and validation, resolved
 * once at open through {@link TransportContext#property(String, String)}.
 *
 * @param directory    where segments are created (a tmpfs), {@value #DIRECTORY_PROP_NAME}.
 * @param ringCapacity data capacity of each inbound ring, {@value #RING_BYTES_PROP_NAME}.
 * @param peerCheckNanos longest sleep in {@code await} between two checks of the peers' processes,
 *                       {@value #PEER_CHECK_NANOS_PROP_NAME}.
 */
public record ShmConfiguration(String directory, int ringCapacity, long peerCheckNanos)
{
    /** Directory of the segment files; must be a tmpfs such as {@code /dev/shm}. */
    public static final String DIRECTORY_PROP_NAME = "myrmidon.shm.dir";
    /** Capacity in bytes of each ring (a power of two); default scales with the job size. */
    public static final String RING_BYTES_PROP_NAME = "myrmidon.shm.ringBytes";

    /** Longest sleep in {@code await} before the peers' processes are checked again. */
    public static final String PEER_CHECK_NANOS_PROP_NAME = "myrmidon.shm.peerCheckNanos";

    public static final String DIRECTORY_DEFAULT = "/dev/shm";
    /** A dead peer is noticed within about this long by a rank that waits. */
    public static final long PEER_CHECK_NANOS_DEFAULT = 100_000_000L;
    /** Largest default ring, used for small jobs. */
    public static final int MAX_DEFAULT_RING_CAPACITY = 256 * 1024;
    /** Smallest default ring: keeps fragments of 8 KiB. */
    public static final int MIN_DEFAULT_RING_CAPACITY = 64 * 1024;
    /** Default budget for all the rings of one segment, so that N * N rings stay reasonable. */
    public static final long SEGMENT_RING_BUDGET = 8L * 1024 * 1024;
    /** Smallest ring accepted: its fragments ({@code capacity / 8}) must hold 256 bytes. */
    public static final int MIN_RING_CAPACITY = 2048;
    /** Largest ring accepted. */
    public static final int MAX_RING_CAPACITY = 64 * 1024 * 1024;

    /**
     * Reads and validates the configuration.
     *
     * @throws MyrmidonException ({@link ErrorClass#TRANSPORT}) naming the bad property.
     */
    public static ShmConfiguration from(final TransportContext context)
    {
        final String directory = context.property(DIRECTORY_PROP_NAME, DIRECTORY_DEFAULT);
        final String ringBytes = context.property(RING_BYTES_PROP_NAME, null);
        final int ringCapacity = ringBytes == null ? defaultRingCapacity(context.size()) : parseRingBytes(ringBytes);
        final long peerCheckNanos = parsePositiveLong(
            PEER_CHECK_NANOS_PROP_NAME, context.property(PEER_CHECK_NANOS_PROP_NAME, null), PEER_CHECK_NANOS_DEFAULT);
        return new ShmConfiguration(directory, ringCapacity, peerCheckNanos);
    }

    /**
     * @return 256 KiB per ring for jobs up to 32 ranks, then halving so that one segment's rings
     * stay within {@link #SEGMENT_RING_BUDGET}, never below 64 KiB.
     */
    public static int defaultRingCapacity(final int jobSize)
    {
        final long share = SEGMENT_RING_BUDGET / Math.max(1, jobSize);
        final int floor = share >= MAX_DEFAULT_RING_CAPACITY ? MAX_DEFAULT_RING_CAPACITY : Integer.highestOneBit((int)share);
        return Math.max(MIN_DEFAULT_RING_CAPACITY, Math.min(MAX_DEFAULT_RING_CAPACITY, floor));
    }

    private static long parsePositiveLong(final String name, final String value, final long defaultValue)
    {
        if (value == null)
        {
            return defaultValue;
        }
        try
        {
            final long parsed = Long.parseLong(value.trim());
            if (parsed > 0)
            {
                return parsed;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // Reported below with the expected form.
        }
        throw new MyrmidonException(ErrorClass.TRANSPORT,
            name + " must be a positive whole number, got '" + value + "'; the default is " + defaultValue);
    }

    private static int parseRingBytes(final String value)
    {
        final int capacity;
        try
        {
            capacity = Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new MyrmidonException(ErrorClass.TRANSPORT,
                RING_BYTES_PROP_NAME + " must be a number of bytes, got '" + value + "'", ex);
        }
        if (capacity < MIN_RING_CAPACITY || capacity > MAX_RING_CAPACITY || !BitUtil.isPowerOfTwo(capacity))
        {
            throw new MyrmidonException(ErrorClass.TRANSPORT,
                RING_BYTES_PROP_NAME + " must be a power of two between " + MIN_RING_CAPACITY + " and " +
                MAX_RING_CAPACITY + ", got " + capacity + "; for example 262144");
        }
        return capacity;
    }
}
