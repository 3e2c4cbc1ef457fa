package io.myrmidon.coll;

import io.myrmidon.loopback.threads.ThreadsTransportProvider;
import io.myrmidon.testing.CollectiveConformanceTest;

import java.util.HashMap;
import java.util.Map;

/**
 * The collective suite again with a tiny ring and a small eager threshold, so that collective
 * messages take the rendezvous paths under back-pressure; fewer rank counts to keep it short.
 */
class ThreadsSmallRingCollectiveConformanceTest extends CollectiveConformanceTest
{
    @Override
    protected String transport()
    {
        return "threads";
    }

    @Override
    protected Map<String, String> properties()
    {
        final Map<String, String> properties = new HashMap<>(super.properties());
        properties.put(ThreadsTransportProvider.RING_BYTES, "8192");
        properties.put("myrmidon.eagerThreshold", "200");
        return properties;
    }

    @Override
    protected int[] rankCounts()
    {
        return new int[]{2, 3, 6, 11};
    }
}
