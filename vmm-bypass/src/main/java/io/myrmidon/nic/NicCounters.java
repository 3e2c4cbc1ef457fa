package io.myrmidon.nic;

import org.agrona.concurrent.AtomicBuffer;

import static io.myrmidon.vnic.layout.CountersDescriptor.*;

/**
 * The NIC's writer of the shared counters file. Single writer: the firmware thread. Each store is a
 * {@code putLongRelease} read by {@code host stat}'s {@code getLongVolatile}.
 */
public final class NicCounters
{
    private final AtomicBuffer buffer;

    /**
     * @param buffer the counters file, {@link io.myrmidon.vnic.layout.CountersDescriptor#TOTAL_LENGTH} bytes.
     */
    public NicCounters(final AtomicBuffer buffer)
    {
        this.buffer = buffer;
    }

    /**
     * @return the underlying buffer.
     */
    public AtomicBuffer buffer()
    {
        return buffer;
    }

    void addGlobal(final int offset, final long delta)
    {
        buffer.putLongRelease(offset, buffer.getLong(offset) + delta);
    }

    void setGlobal(final int offset, final long value)
    {
        buffer.putLongRelease(offset, value);
    }

    void addVm(final int vm, final int field, final long delta)
    {
        final int offset = vmRecord(vm) + field;
        buffer.putLongRelease(offset, buffer.getLong(offset) + delta);
    }

    void setVm(final int vm, final int field, final long value)
    {
        buffer.putLongRelease(vmRecord(vm) + field, value);
    }

    void addEndpoint(final int endpoint, final int field, final long delta)
    {
        final int offset = endpointRecord(endpoint) + field;
        buffer.putLongRelease(offset, buffer.getLong(offset) + delta);
    }

    void setEndpoint(final int endpoint, final int field, final long value)
    {
        buffer.putLongRelease(endpointRecord(endpoint) + field, value);
    }

    void clearVm(final int vm)
    {
        for (int field = 0; field < RECORD_LENGTH; field += 8)
        {
            buffer.putLongRelease(vmRecord(vm) + field, 0);
        }
    }

    void clearEndpoint(final int endpoint)
    {
        for (int field = 0; field < RECORD_LENGTH; field += 8)
        {
            buffer.putLongRelease(endpointRecord(endpoint) + field, 0);
        }
    }
}
