package io.myrmidon.loopback.shm;

import io.myrmidon.testing.ProcessJobTest;

/**
 * The launcher's job tests (real JVMs, the socket bootstrap, the whole stack) over {@code shm},
 * including a rank killed mid-job.
 */
class ShmProcessJobTest extends ProcessJobTest
{
    @Override
    protected String transport()
    {
        return ShmTransportProvider.NAME;
    }
}
