package io.myrmidon.guest;

/**
 * A registered memory window: a range of this VM's guest memory the NIC may access with the given rights.
 *
 * @param key    the NIC's key, put in descriptors.
 * @param offset start in guest memory.
 * @param length bytes.
 * @param rights {@link GuestDriver#READ} and/or {@link GuestDriver#WRITE}.
 */
public record Window(int key, long offset, long length, int rights)
{
}
