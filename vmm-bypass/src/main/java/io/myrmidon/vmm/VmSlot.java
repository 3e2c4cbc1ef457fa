package io.myrmidon.vmm;

/**
 * What the VMM knows about one attached VM. Guarded by the {@link Vmm}'s lock.
 */
final class VmSlot
{
    final int id;
    boolean attached;
    int kind;
    int memoryFd = -1;
    long memoryBytes;
    int quota;
    int endpoints;

    VmSlot(final int id)
    {
        this.id = id;
    }
}
