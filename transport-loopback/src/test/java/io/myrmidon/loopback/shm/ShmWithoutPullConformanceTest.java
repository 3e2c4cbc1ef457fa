package io.myrmidon.loopback.shm;

import io.myrmidon.testing.TransportConformanceTest;

import java.util.Map;

/**
 * The conformance suite over {@code shm} as it runs where Cross Memory Attach is forbidden
 * ({@code bulkPull} false): large messages stream through the rings.
 */
class ShmWithoutPullConformanceTest extends TransportConformanceTest
{
    @Override
    protected String transport()
    {
        return ShmTransportProvider.NAME;
    }

    @Override
    protected Map<String, String> properties()
    {
        return Map.of(ShmJobConnector.BULK_PULL_PROP_NAME, "false");
    }
}
