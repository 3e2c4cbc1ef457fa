package io.myrmidon.coll;

import io.myrmidon.testing.CommunicatorConformanceTest;

/**
 * The communicator suite on the shm transport: each rank (a thread of the test JVM) has its own
 * shared-memory segment, futex and process_vm_readv pulls, as between processes.
 */
class ShmCommunicatorConformanceTest extends CommunicatorConformanceTest
{
    @Override
    protected String transport()
    {
        return "shm";
    }
}
