package io.myrmidon.myrinet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.myrmidon.nic.wire.WireLink;
import io.myrmidon.testing.TransportConformanceTest;
import io.myrmidon.vnic.layout.CountersDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport conformance suite with its ranks spread over two hosts: two host daemons (in network namespaces
 * where the machine allows, else on loopback addresses; the cluster prints why) whose NICs are linked over UDP.
 * Ranks are threads of this JVM, each a guest of the daemon of its host (blockwise), so every message between
 * ranks on different hosts crosses the wire: tiny, eager in fragments, and rendezvous pulled across hosts.
 */
class MyrinetCrossHostConformanceTest extends TransportConformanceTest
{
    private static Path root;
    private static HostCluster cluster;

    @BeforeAll
    static void startHosts() throws IOException
    {
        root = Files.createTempDirectory(Path.of("/tmp"), "myri-x-");
        cluster = HostCluster.start(root, 2, true, WireLink.DEFAULT_MTU);
        if (cluster.fallback() != null)
        {
            System.out.println("cross-host conformance on loopback addresses, not namespaces: " + cluster.fallback());
        }
    }

    @AfterAll
    static void stopHosts() throws IOException
    {
        if (cluster != null)
        {
            try
            {
                for (int host = 0; host < 2; host++)
                {
                    final UnsafeBuffer counters = cluster.directory(host).mapCounters(false);
                    assertTrue(counters.getLongVolatile(CountersDescriptor.WIRE_SENT_OFFSET) > 0 &&
                        counters.getLongVolatile(CountersDescriptor.WIRE_RECEIVED_OFFSET) > 0,
                        "host " + host + "'s NIC neither sent nor received wire frames: nothing crossed hosts");
                }
            }
            finally
            {
                cluster.close();
            }
        }
        Files.deleteIfExists(root);
    }

    @Override
    protected String transport()
    {
        return MyrinetTransportProvider.NAME;
    }

    @Override
    protected Map<String, String> properties()
    {
        return Map.of(MyrinetConfiguration.HOST_DIRS,
            cluster.directory(0).root() + "," + cluster.directory(1).root(),
            MyrinetConfiguration.MEMORY, Long.toString(64L << 20));
    }
}
