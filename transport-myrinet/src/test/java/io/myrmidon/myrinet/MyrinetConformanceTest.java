package io.myrmidon.myrinet;

import java.io.IOException;
import java.util.Map;

import io.myrmidon.testing.TransportConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The transport conformance suite on {@code myrinet} in bypass mode: ranks are threads of this JVM, each its own
 * guest (its own {@link io.myrmidon.guest.GuestDriver}, guest memory and endpoint) of one real host daemon.
 */
class MyrinetConformanceTest extends TransportConformanceTest
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
        return Map.of(MyrinetConfiguration.HOST_DIR, host.dir().root().toString(), MyrinetConfiguration.MODE, mode(),
            MyrinetConfiguration.MEMORY, Long.toString(64L << 20));
    }

    /**
     * @return the endpoint mode under test.
     */
    protected String mode()
    {
        return "bypass";
    }
}
