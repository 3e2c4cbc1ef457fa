package io.myrmidon.loopback.shm;

import io.myrmidon.testing.TransportConformanceTest;

/**
 * The transport conformance suite over {@code shm}, ranks as threads each with its own segment.
 */
class ShmConformanceTest extends TransportConformanceTest
{
    @Override
    protected String transport()
    {
        return ShmTransportProvider.NAME;
    }
}
