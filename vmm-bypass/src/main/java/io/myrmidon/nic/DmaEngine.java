package io.myrmidon.nic;

import java.lang.foreign.MemorySegment;

import io.myrmidon.vnic.layout.Status;

/**
 * The NIC's DMA engine: copies between the guest memories the NIC has mapped and endpoint pages, and only after
 * the protection table allowed the access. Two fences: {@link ProtectionTable#check} on every range, and each
 * VM's memory is a {@link MemorySegment} of exactly that VM's size, so even a wrong offset could not reach
 * another VM's memory (the segment would throw). Firmware thread only; not thread safe.
 */
public final class DmaEngine
{
    private final ProtectionTable table;
    private final MemorySegment[] memories;

    /**
     * @param table    the protection table.
     * @param maxVms   VM slots.
     */
    public DmaEngine(final ProtectionTable table, final int maxVms)
    {
        this.table = table;
        this.memories = new MemorySegment[maxVms];
    }

    /**
     * @param vm     VM slot.
     * @param memory that VM's guest memory as mapped by the NIC, or null when detached.
     */
    public void memory(final int vm, final MemorySegment memory)
    {
        memories[vm] = memory;
    }

    /**
     * @param vm VM slot.
     * @return its mapped memory, or null.
     */
    public MemorySegment memory(final int vm)
    {
        return memories[vm];
    }

    /**
     * @return the protection table the engine checks against.
     */
    public ProtectionTable table()
    {
        return table;
    }

    /**
     * Check an access by {@code owner} to {@code bytes} at {@code at} in window {@code key}.
     *
     * @param owner VM the descriptor came from.
     * @param key   window key.
     * @param at    offset in the window.
     * @param bytes length.
     * @param right {@link ProtectionTable#READ} or {@link ProtectionTable#WRITE}.
     * @return a {@link Status} code.
     */
    public int check(final int owner, final int key, final long at, final long bytes, final int right)
    {
        if (owner < 0 || owner >= memories.length || memories[owner] == null)
        {
            return Status.BAD_WINDOW;
        }
        final int status = table.check(key, owner, at, bytes, right);
        if (status == Status.OK && table.memoryOffset(key, at) + bytes > memories[owner].byteSize())
        {
            return Status.OUT_OF_RANGE;
        }
        return status;
    }

    /**
     * Copy out of a window. Call only after {@link #check} returned OK for {@link ProtectionTable#READ}.
     *
     * @param owner     VM.
     * @param key       window.
     * @param at        offset in the window.
     * @param dst       destination (endpoint pages or another VM's memory).
     * @param dstOffset offset in dst.
     * @param bytes     length.
     */
    public void read(
        final int owner, final int key, final long at, final MemorySegment dst, final long dstOffset, final long bytes)
    {
        MemorySegment.copy(memories[owner], table.memoryOffset(key, at), dst, dstOffset, bytes);
    }

    /**
     * Copy between two windows. Call only after {@link #check} returned OK for both.
     *
     * @param srcVm  VM owning the source window.
     * @param srcKey source window.
     * @param srcAt  offset in it.
     * @param dstVm  VM owning the destination window.
     * @param dstKey destination window.
     * @param dstAt  offset in it.
     * @param bytes  length.
     */
    public void copy(
        final int srcVm,
        final int srcKey,
        final long srcAt,
        final int dstVm,
        final int dstKey,
        final long dstAt,
        final long bytes)
    {
        MemorySegment.copy(
            memories[srcVm], table.memoryOffset(srcKey, srcAt),
            memories[dstVm], table.memoryOffset(dstKey, dstAt), bytes);
    }

    /**
     * Copy into a window, from memory the NIC owns (a wire frame). Call only after {@link #check} returned OK
     * for {@link ProtectionTable#WRITE}.
     *
     * @param owner     VM.
     * @param key       window.
     * @param at        offset in the window.
     * @param src       source memory.
     * @param srcOffset offset in src.
     * @param bytes     length.
     */
    public void write(
        final int owner, final int key, final long at, final MemorySegment src, final long srcOffset, final long bytes)
    {
        MemorySegment.copy(src, srcOffset, memories[owner], table.memoryOffset(key, at), bytes);
    }
}
