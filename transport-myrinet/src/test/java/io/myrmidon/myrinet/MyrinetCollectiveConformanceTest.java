package io.myrmidon.myrinet;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import io.myrmidon.testing.CollectiveConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The collective suite on {@code myrinet}: each rank (a thread of the test JVM) is its own guest of one real
 * host daemon. Rank counts stop at 8: the NIC model serves at most 16 VMs.
 */
class MyrinetCollectiveConformanceTest extends CollectiveConformanceTest
{
    private static TestHost host;

    @BeforeAll
    static void startHost() throws IOException
    {
        host = TestHost.withDaemon();
    }

    @AfterAll
    static void stopHost() throws IOException
    {
        host.close();
    }

    @Override
    protected String transport()
    {
        return MyrinetTransportProvider.NAME;
    }

    @Override
    protected Map<String, String> properties()
    {
        final Map<String, String> properties = new HashMap<>(super.properties());
        properties.put(MyrinetConfiguration.HOST_DIR, host.dir().root().toString());
        properties.put(MyrinetConfiguration.MEMORY, Long.toString(64L << 20));
        return properties;
    }

    @Override
    protected int[] rankCounts()
    {
        return new int[]{ 1, 2, 3, 4, 5, 8 };
    }
}
