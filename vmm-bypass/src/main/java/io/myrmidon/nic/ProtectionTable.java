package io.myrmidon.nic;

import io.myrmidon.vnic.layout.Status;

/**
 * The NIC's protection table: window key to (owning VM, offset in that VM's guest memory, length, rights).
 * <p>
 * Keys carry a generation ({@code key = generation << INDEX_BITS | index}) so a key used after deregistration
 * no longer matches, even when its slot was reused. Only the firmware thread reads or writes the table; the VMM
 * changes it through {@link NicCommands}, which the firmware applies between descriptors. Not thread safe.
 */
public final class ProtectionTable
{
    /** Right to read a window (the NIC reads it: send source). */
    public static final int READ = 1;
    /** Right to write a window (the NIC writes it: pull destination). */
    public static final int WRITE = 2;

    static final int INDEX_BITS = 12;
    /** Windows per NIC. */
    public static final int CAPACITY = 1 << INDEX_BITS;
    private static final int INDEX_MASK = CAPACITY - 1;
    private static final int GENERATION_LIMIT = 1 << (31 - INDEX_BITS);

    private final int[] vm = new int[CAPACITY];
    private final long[] offset = new long[CAPACITY];
    private final long[] length = new long[CAPACITY];
    private final int[] rights = new int[CAPACITY];
    private final int[] generation = new int[CAPACITY];
    private final boolean[] used = new boolean[CAPACITY];
    private int count;
    private int searchStart;

    /**
     * Add a window. The caller (the VMM) has already checked that it lies inside the VM's memory.
     *
     * @param owner       owning VM.
     * @param windowStart offset of the window in the VM's guest memory.
     * @param windowBytes length.
     * @param windowRights {@link #READ} and/or {@link #WRITE}.
     * @return the key, or -1 when the table is full.
     */
    public int add(final int owner, final long windowStart, final long windowBytes, final int windowRights)
    {
        for (int i = 0; i < CAPACITY; i++)
        {
            final int index = (searchStart + i) & INDEX_MASK;
            if (!used[index])
            {
                searchStart = index + 1;
                used[index] = true;
                vm[index] = owner;
                offset[index] = windowStart;
                length[index] = windowBytes;
                rights[index] = windowRights;
                generation[index] = generation[index] % (GENERATION_LIMIT - 1) + 1;
                count++;
                return generation[index] << INDEX_BITS | index;
            }
        }
        return -1;
    }

    /**
     * @param key   a key.
     * @param owner the VM asking.
     * @return true when the key was valid and owned by {@code owner} and is now removed.
     */
    public boolean remove(final int key, final int owner)
    {
        final int index = indexOf(key);
        if (index < 0 || vm[index] != owner)
        {
            return false;
        }
        used[index] = false;
        count--;
        return true;
    }

    /**
     * Remove every window of a VM.
     *
     * @param owner the VM.
     * @return how many were removed.
     */
    public int removeAll(final int owner)
    {
        int removed = 0;
        for (int i = 0; i < CAPACITY; i++)
        {
            if (used[i] && vm[i] == owner)
            {
                used[i] = false;
                removed++;
            }
        }
        count -= removed;
        return removed;
    }

    /**
     * @param owner a VM.
     * @return its window count.
     */
    public int countOf(final int owner)
    {
        int n = 0;
        for (int i = 0; i < CAPACITY; i++)
        {
            if (used[i] && vm[i] == owner)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * @return windows in the table.
     */
    public int size()
    {
        return count;
    }

    /**
     * Check an access: the key is live, owned by {@code owner}, grants {@code right}, and
     * {@code [at, at + bytes)} lies inside the window (no overflow).
     *
     * @param key   window key from a descriptor (untrusted).
     * @param owner VM that owns the endpoint the descriptor came from.
     * @param at    offset inside the window (untrusted).
     * @param bytes length (untrusted).
     * @param right {@link #READ} or {@link #WRITE}.
     * @return {@link Status#OK}, {@link Status#BAD_WINDOW} or {@link Status#OUT_OF_RANGE}.
     */
    public int check(final int key, final int owner, final long at, final long bytes, final int right)
    {
        final int index = indexOf(key);
        if (index < 0 || vm[index] != owner)
        {
            return Status.BAD_WINDOW;
        }
        if ((rights[index] & right) != right || at < 0 || bytes < 0 || at > length[index] ||
            bytes > length[index] - at)
        {
            return Status.OUT_OF_RANGE;
        }
        return Status.OK;
    }

    /**
     * @param key a key that passed {@link #check}.
     * @param at  offset inside the window.
     * @return offset in the owner's guest memory.
     */
    public long memoryOffset(final int key, final long at)
    {
        return offset[key & INDEX_MASK] + at;
    }

    private int indexOf(final int key)
    {
        if (key <= 0)
        {
            return -1;
        }
        final int index = key & INDEX_MASK;
        return used[index] && generation[index] == key >>> INDEX_BITS ? index : -1;
    }
}
