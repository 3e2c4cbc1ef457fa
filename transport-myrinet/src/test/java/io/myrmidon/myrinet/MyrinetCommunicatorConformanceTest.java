package io.myrmidon.myrinet;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import io.myrmidon.testing.CommunicatorConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The communicator suite on {@code myrinet}: each rank (a thread of the test JVM) is its own guest of one real
 * host daemon.
 */
class MyrinetCommunicatorConformanceTest extends CommunicatorConformanceTest
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
}
