package io.myrmidon.coll;

import io.myrmidon.testing.CollectiveConformanceTest;

/**
 * The collective suite on the shm transport: each rank (a thread of the test JVM) has its own
 * shared-memory segment, futex and process_vm_readv pulls, as between processes.
 */
class ShmCollectiveConformanceTest extends CollectiveConformanceTest
{
    @Override
    protected String transport()
    {
        return "shm";
    }

    @Override
    protected int[] rankCounts()
    {
        return new int[]{ 1, 2, 3, 4, 5, 8 };
    }
}
