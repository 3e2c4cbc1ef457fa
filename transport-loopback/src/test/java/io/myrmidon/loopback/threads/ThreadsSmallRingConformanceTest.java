package io.myrmidon.loopback.threads;

import io.myrmidon.testing.TransportConformanceTest;

import java.util.Map;

/**
 * The conformance suite again with a tiny ring, so that large messages take the streamed
 * rendezvous path under back-pressure from heap buffers too, and with a small eager threshold.
 */
class ThreadsSmallRingConformanceTest extends TransportConformanceTest
{
    @Override
    protected String transport()
    {
        return "threads";
    }

    @Override
    protected Map<String, String> properties()
    {
        return Map.of(ThreadsTransportProvider.RING_BYTES, "8192", "myrmidon.eagerThreshold", "200");
    }
}
