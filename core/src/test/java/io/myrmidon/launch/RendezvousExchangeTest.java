package io.myrmidon.launch;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exchange's rounds on a manual clock, with channels that record what they were sent.
 */
class RendezvousExchangeTest
{
    private static final long TIMEOUT_MILLIS = 2_000;
    private static final long TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);

    private final RendezvousExchange exchange = new RendezvousExchange(3, TIMEOUT_MILLIS);
    private final List<List<RendezvousProtocol.Frame>> sent = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    @Test
    void aRoundCompletesWhenTheLastRankContributesAndEveryoneGetsEverything()
    {
        joinAll();
        exchange.contribute(2, 0, bytes("two"), 10);
        exchange.contribute(0, 0, bytes("zero"), 20);
        assertTrue(sent.stream().allMatch(List::isEmpty), "nobody is answered before the round is complete");
        exchange.contribute(1, 0, new byte[0], 30);

        for (int rank = 0; rank < 3; rank++)
        {
            assertEquals(1, sent.get(rank).size());
            final RendezvousProtocol.Frame frame = sent.get(rank).getFirst();
            assertEquals(RendezvousProtocol.GATHERED, frame.type());
            assertEquals(0, frame.body().getInt());
            assertEquals(3, frame.body().getInt());
            assertArrayEquals(bytes("zero"), frame.blob());
            assertArrayEquals(new byte[0], frame.blob());
            assertArrayEquals(bytes("two"), frame.blob());
        }
        assertEquals(0, exchange.arrived());
        assertNull(exchange.failure());
    }

    @Test
    void theTimeoutCountsFromTheFirstContributionAndNamesTheMissingRanks()
    {
        exchange.join(0, channel(0));
        exchange.join(1, channel(1));
        final long start = 1_000_000;
        exchange.contribute(0, 0, new byte[1], start);
        exchange.checkTimeout(start + TIMEOUT_NANOS);
        assertNull(exchange.failure());

        exchange.checkTimeout(start + TIMEOUT_NANOS + 1);
        final String expected = "ranks 1,2 never reached the start-up exchange (rank 0 waited 2 s); " +
            "rank 2 never connected to the launcher";
        assertEquals(expected, exchange.failure());
        assertEquals(List.of(expected), errors(0));
        assertEquals(List.of(), errors(1));

        exchange.contribute(1, 0, new byte[1], start + TIMEOUT_NANOS + 2);
        assertEquals(List.of(expected), errors(1), "a late rank learns why the exchange failed");
    }

    @Test
    void aLaterRoundThatTimesOutSaysWhichRound()
    {
        joinAll();
        for (int rank = 0; rank < 3; rank++)
        {
            exchange.contribute(rank, 0, new byte[1], 0);
        }
        exchange.contribute(1, 1, new byte[1], 5);
        exchange.checkTimeout(5 + TIMEOUT_NANOS + 1);
        assertEquals("ranks 0,2 never reached exchange round 1 (a bootstrap barrier or allGather) (rank 1 waited 2 s)",
            exchange.failure());
    }

    @Test
    void aRoundOutOfOrderIsRefusedWithoutFailingTheJob()
    {
        joinAll();
        exchange.contribute(0, 3, new byte[1], 0);
        assertEquals(List.of("rank 0 sent exchange round 3 while the job is in round 0: the ranks must call " +
            "allGather and barrier in the same order"), errors(0));
        assertNull(exchange.failure());
    }

    @Test
    void aLostRankFailsTheWaitingRanks()
    {
        joinAll();
        exchange.contribute(0, 0, new byte[1], 0);
        exchange.contribute(2, 0, new byte[1], 0);
        exchange.lose(1, "rank 1 left the job");
        final String expected = "rank 1 left the job; exchange round 0 (the start-up exchange) cannot complete";
        assertEquals(List.of(expected), errors(0));
        assertEquals(List.of(expected), errors(2));
    }

    @Test
    void joiningTwiceOrOutsideTheJobIsRefused()
    {
        assertNull(exchange.join(1, channel(1)));
        assertEquals("rank 1 connected twice: two processes have MYRMIDON_RANK=1", exchange.join(1, channel(1)));
        assertEquals("rank 3 is outside 0..2", exchange.join(3, channel(0)));
    }

    @Test
    void withoutATimeoutARoundWaitsForEver()
    {
        final RendezvousExchange patient = new RendezvousExchange(2, 0);
        patient.join(0, channel(0));
        patient.contribute(0, 0, new byte[1], 0);
        patient.checkTimeout(Long.MAX_VALUE);
        assertNull(patient.failure());
    }

    private void joinAll()
    {
        for (int rank = 0; rank < 3; rank++)
        {
            assertNull(exchange.join(rank, channel(rank)));
        }
    }

    private RendezvousExchange.Channel channel(final int rank)
    {
        return frame ->
        {
            final ByteBuffer copy = ByteBuffer.wrap(frame.array(), 0, frame.position());
            sent.get(rank).add(new RendezvousProtocol.Frame(copy.get(), copy.slice()));
        };
    }

    private List<String> errors(final int rank)
    {
        return sent.get(rank).stream()
            .filter(frame -> frame.type() == RendezvousProtocol.ERROR)
            .map(frame -> frame.body().duplicate())
            .map(body -> new RendezvousProtocol.Frame(RendezvousProtocol.ERROR, body).string())
            .toList();
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
