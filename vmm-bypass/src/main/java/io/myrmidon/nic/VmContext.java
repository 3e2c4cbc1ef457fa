package io.myrmidon.nic;

import java.lang.foreign.MemorySegment;

/**
 * The NIC's view of one attached VM: its mapped guest memory, its arbitration weight and deficit, its endpoints.
 * Firmware thread only.
 */
final class VmContext
{
    final int id;
    boolean attached;
    int weight = 1;
    long deficit;
    MemorySegment memory;
    final int[] endpoints = new int[NicConfiguration.MAX_ENDPOINTS];
    int endpointCount;
    int nextEndpoint;
    long servedThisRound;

    VmContext(final int id)
    {
        this.id = id;
    }

    void addEndpoint(final int endpoint)
    {
        endpoints[endpointCount++] = endpoint;
    }

    void removeEndpoint(final int endpoint)
    {
        for (int i = 0; i < endpointCount; i++)
        {
            if (endpoints[i] == endpoint)
            {
                endpoints[i] = endpoints[--endpointCount];
                return;
            }
        }
    }
}
