package io.myrmidon.launch;

import io.myrmidon.testing.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Four real JVMs exchange through a {@link RendezvousServer} of this JVM with
 * {@link Bootstraps#forThisRank()}, as the launcher's ranks do.
 */
class SocketBootstrapProcessTest
{
    @Test
    @Timeout(60)
    void fourJvmsAllGatherAndBarrierThroughTheRendezvous() throws Exception
    {
        final int size = 4;
        final String jobId = "jtest-" + ProcessHandle.current().pid();
        final List<ChildJvm> jvms = new ArrayList<>();
        try (RendezvousServer server = RendezvousServer.start(jobId, size, Duration.ofSeconds(30), (r, why) -> { }))
        {
            for (int rank = 0; rank < size; rank++)
            {
                jvms.add(ChildJvm.start(Map.of(
                    BootstrapEnvironment.RANK, Integer.toString(rank),
                    BootstrapEnvironment.SIZE, Integer.toString(size),
                    BootstrapEnvironment.JOB_ID, jobId,
                    BootstrapEnvironment.TRANSPORT, "tcp-test",
                    BootstrapEnvironment.RENDEZVOUS, server.address()),
                    System.getProperty("java.class.path"), GatherRank.class.getName(), "5"));
            }
            for (int rank = 0; rank < size; rank++)
            {
                final ChildJvm jvm = jvms.get(rank);
                assertEquals(0, jvm.awaitExit(Duration.ofSeconds(45)), "rank " + rank + ": " + jvm.stderr());
                assertEquals(List.of("rank " + rank + " of 4 gathered 5 rounds over tcp-test in job " + jobId),
                    jvm.stdout());
            }
            assertNull(server.failure());
        }
        finally
        {
            jvms.forEach(ChildJvm::close);
        }
    }
}
