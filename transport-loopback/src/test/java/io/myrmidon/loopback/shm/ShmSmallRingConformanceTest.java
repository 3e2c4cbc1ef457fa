package io.myrmidon.loopback.shm;

import io.myrmidon.testing.TransportConformanceTest;

import java.util.Map;

/**
 * The conformance suite over {@code shm} with tiny rings (256-byte fragments, constant
 * back-pressure) and a small eager threshold, so that most messages take the pull path.
 */
class ShmSmallRingConformanceTest extends TransportConformanceTest
{
    @Override
    protected String transport()
    {
        return ShmTransportProvider.NAME;
    }

    @Override
    protected Map<String, String> properties()
    {
        return Map.of(ShmConfiguration.RING_BYTES_PROP_NAME, "2048", "myrmidon.eagerThreshold", "200");
    }
}
