package io.myrmidon.launch;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.spi.Bootstrap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendezvous server and the socket bootstrap in one JVM, ranks as threads.
 */
@Timeout(30)
class RendezvousServerTest
{
    private static final String JOB = "jtest-1";

    private final ExecutorService ranks = Executors.newCachedThreadPool();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception
    {
        for (final AutoCloseable closeable : closeables)
        {
            closeable.close();
        }
        ranks.shutdownNow();
    }

    @Test
    void allGatherAnswersEveryRankWithEveryContributionInRankOrder() throws Exception
    {
        final int size = 5;
        final RendezvousServer server = server(size, Duration.ofSeconds(20), (r, why) -> { });
        final List<Future<List<byte[][]>>> results = new ArrayList<>();
        for (int rank = 0; rank < size; rank++)
        {
            final int myRank = rank;
            results.add(ranks.submit(() ->
            {
                try (Bootstrap bootstrap = SocketBootstrap.connect(env(myRank, size, server)))
                {
                    final List<byte[][]> rounds = new ArrayList<>();
                    for (int round = 0; round < 20; round++)
                    {
                        rounds.add(bootstrap.allGather(blob(myRank, round)));
                    }
                    rounds.add(bootstrap.allGather(new byte[0]));
                    bootstrap.barrier();
                    return rounds;
                }
            }));
        }
        for (final Future<List<byte[][]>> result : results)
        {
            final List<byte[][]> rounds = result.get();
            for (int round = 0; round < 20; round++)
            {
                assertEquals(size, rounds.get(round).length);
                for (int r = 0; r < size; r++)
                {
                    assertArrayEquals(blob(r, round), rounds.get(round)[r], "round " + round + " rank " + r);
                }
            }
            for (final byte[] empty : rounds.get(20))
            {
                assertEquals(0, empty.length);
            }
        }
        assertNull(server.failure());
    }

    @Test
    void aRoundThatTimesOutNamesTheRanksThatNeverCame() throws Exception
    {
        final RendezvousServer server = server(4, Duration.ofMillis(500), (r, why) -> { });
        final Bootstrap idle = SocketBootstrap.connect(env(1, 4, server));
        closeables.add(idle);
        final Future<byte[][]> rank0 = ranks.submit(() -> SocketBootstrap.connect(env(0, 4, server)).allGather(new byte[1]));
        final Future<byte[][]> rank2 = ranks.submit(() -> SocketBootstrap.connect(env(2, 4, server)).allGather(new byte[1]));

        for (final Future<byte[][]> waiting : List.of(rank0, rank2))
        {
            final MyrmidonException ex = failure(waiting);
            assertEquals(ErrorClass.PEER_DIED, ex.errorClass());
            assertTrue(ex.getMessage().contains("ranks 1,3 never reached the start-up exchange"), ex.getMessage());
            assertTrue(ex.getMessage().contains("ranks 0,2 waited 500 ms"), ex.getMessage());
            assertTrue(ex.getMessage().contains("rank 3 never connected to the launcher"), ex.getMessage());
        }
        final MyrmidonException late = assertThrows(MyrmidonException.class, () -> idle.allGather(new byte[1]));
        assertTrue(late.getMessage().contains("ranks 1,3 never reached"), late.getMessage());
    }

    @Test
    void aRankWhoseConnectionDropsFailsTheWaitingRanksAndIsReported() throws Exception
    {
        final LinkedBlockingQueue<String> lost = new LinkedBlockingQueue<>();
        final RendezvousServer server = server(2, Duration.ofSeconds(20), (rank, why) -> lost.add(rank + ": " + why));
        final Future<byte[][]> rank0 = ranks.submit(() -> SocketBootstrap.connect(env(0, 2, server)).allGather(new byte[1]));

        try (Socket socket = new Socket("127.0.0.1", port(server)))
        {
            final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            RendezvousProtocol.send(out, RendezvousProtocol.hello(1, 2, JOB));
            socket.getInputStream().read(new byte[64]);
        }

        final MyrmidonException ex = failure(rank0);
        assertEquals(ErrorClass.PEER_DIED, ex.errorClass());
        assertTrue(ex.getMessage().contains("rank 1 left the job"), ex.getMessage());
        final String report = lost.poll(10, TimeUnit.SECONDS);
        assertTrue(report != null && report.startsWith("1: rank 1 left the job"), String.valueOf(report));
    }

    @Test
    void aRankThatClosedItsBootstrapFailsTheNextRoundAtOnce() throws Exception
    {
        final RendezvousServer server = server(2, Duration.ofSeconds(20), (r, why) -> { });
        final Bootstrap rank0 = SocketBootstrap.connect(env(0, 2, server));
        closeables.add(rank0);
        final Future<?> rank1 = ranks.submit(() ->
        {
            try (Bootstrap bootstrap = SocketBootstrap.connect(env(1, 2, server)))
            {
                bootstrap.barrier();
            }
        });
        rank0.barrier();
        rank1.get();

        // whether the server reads rank 1's goodbye before or after rank 0's contribution, round 1 fails
        final MyrmidonException ex = assertThrows(MyrmidonException.class, () -> rank0.allGather(new byte[1]));
        assertTrue(ex.getMessage().matches("rank 0 of job jtest-1: rank 1 closed the bootstrap " +
            "(and cannot join|while rank 0 waits for it in) exchange round 1 .*"), ex.getMessage());
    }

    @Test
    void aRankThatClosesItsBootstrapWhileOthersWaitFailsTheirRound() throws Exception
    {
        final RendezvousServer server = server(2, Duration.ofSeconds(20), (r, why) -> { });
        final Bootstrap rank1 = SocketBootstrap.connect(env(1, 2, server));
        final Future<byte[][]> rank0 = ranks.submit(() -> SocketBootstrap.connect(env(0, 2, server)).allGather(new byte[1]));
        while (server.arrivedInRound() == 0)
        {
            Thread.sleep(5);
        }
        rank1.close();
        final MyrmidonException ex = failure(rank0);
        assertTrue(ex.getMessage().contains("rank 1 closed the bootstrap while rank 0 waits for it in exchange round 0"), ex.getMessage());
    }

    @Test
    void aRankOfAnotherJobIsTurnedAway() throws Exception
    {
        final RendezvousServer server = server(2, Duration.ofSeconds(20), (r, why) -> { });
        final MyrmidonException ex = assertThrows(MyrmidonException.class, () -> SocketBootstrap.connect(
            new BootstrapEnvironment(0, 2, "jother-2", null, server.address())));
        assertEquals(ErrorClass.ARG, ex.errorClass());
        assertTrue(ex.getMessage().contains("serves job " + JOB + " of 2 ranks, not job jother-2"), ex.getMessage());
    }

    @Test
    void aRankThatConnectsTwiceIsTurnedAway() throws Exception
    {
        final RendezvousServer server = server(2, Duration.ofSeconds(20), (r, why) -> { });
        closeables.add(SocketBootstrap.connect(env(1, 2, server)));
        final MyrmidonException ex = assertThrows(MyrmidonException.class, () -> SocketBootstrap.connect(env(1, 2, server)));
        assertTrue(ex.getMessage().contains("rank 1 connected twice"), ex.getMessage());
    }

    @Test
    void aMalformedRendezvousAddressIsABadArgument()
    {
        final MyrmidonException ex = assertThrows(MyrmidonException.class, () -> SocketBootstrap.connect(
            new BootstrapEnvironment(0, 2, JOB, null, "localhost:http")));
        assertEquals(ErrorClass.ARG, ex.errorClass());
        assertTrue(ex.getMessage().contains("MYRMIDON_RENDEZVOUS must be host:port"), ex.getMessage());
    }

    @Test
    void anAllGatherAfterCloseIsRefused() throws Exception
    {
        final RendezvousServer server = server(2, Duration.ofSeconds(20), (r, why) -> { });
        final Bootstrap bootstrap = SocketBootstrap.connect(env(0, 2, server));
        bootstrap.close();
        bootstrap.close();
        final MyrmidonException ex = assertThrows(MyrmidonException.class, () -> bootstrap.allGather(new byte[1]));
        assertEquals(ErrorClass.NOT_INITIALIZED, ex.errorClass());
    }

    private RendezvousServer server(final int size, final Duration timeout, final RendezvousServer.Listener listener)
        throws Exception
    {
        final RendezvousServer server = RendezvousServer.start(JOB, size, timeout, listener);
        closeables.add(server);
        assertTrue(server.address().startsWith("127.0.0.1:"), server.address());
        return server;
    }

    private static int port(final RendezvousServer server)
    {
        return Integer.parseInt(server.address().substring(server.address().lastIndexOf(':') + 1));
    }

    private static BootstrapEnvironment env(final int rank, final int size, final RendezvousServer server)
    {
        return new BootstrapEnvironment(rank, size, JOB, "test", server.address());
    }

    private static byte[] blob(final int rank, final int round)
    {
        return ("r" + rank + "/" + round + "/" + "y".repeat(rank * round)).getBytes(StandardCharsets.UTF_8);
    }

    private static MyrmidonException failure(final Future<?> future) throws InterruptedException
    {
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return assertInstanceOf(MyrmidonException.class, ex.getCause());
    }
}
