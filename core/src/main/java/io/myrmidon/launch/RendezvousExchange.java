package io.myrmidon.launch;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * The rounds of one job's start-up exchange, without sockets: which ranks joined, what each
 * contributed to the round in progress, and why the exchange failed if it did. The
 * {@link RendezvousServer} feeds it what the ranks send; it answers the ranks through their
 * {@link Channel}s.
 *
 * <p>A round completes when every rank contributed: each joined rank gets every contribution in
 * rank order. It fails, and every rank waiting in it gets an error naming the culprits, when some
 * ranks did not contribute within the timeout (counted from the round's first contribution, checked
 * by {@link #checkTimeout(long)}), when a rank was lost (its connection dropped before it said
 * goodbye), or when a rank that said goodbye is still needed. After a failure every later
 * contribution is answered with the same error.
 *
 * <p>Thread safe: every method is synchronized on the exchange, and answers are sent while holding
 * it (frames are small, and the ranks that get them are blocked reading). Lock order: exchange,
 * then channel.
 */
final class RendezvousExchange
{
    /**
     * The way back to one rank. Implementations serialize their sends and must not call back into
     * the exchange.
     */
    @FunctionalInterface
    interface Channel
    {
        /**
         * @param frame a frame of {@link RendezvousProtocol}, to be sent whole.
         */
        void send(ByteBuffer frame);
    }

    private final int size;
    private final long timeoutNanos;
    private final Channel[] channels;
    private final boolean[] departed;
    private final byte[][] contributions;
    private int round;
    private int arrived;
    private long roundStartNanos;
    private String failure;

    /**
     * @param size          the number of ranks.
     * @param timeoutMillis how long a round may wait for its last contribution; 0 for ever.
     */
    RendezvousExchange(final int size, final long timeoutMillis)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("a job needs at least one rank: " + size);
        }
        this.size = size;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.channels = new Channel[size];
        this.departed = new boolean[size];
        this.contributions = new byte[size][];
    }

    /**
     * Registers a rank's channel.
     *
     * @return null when admitted, else why not.
     */
    synchronized String join(final int rank, final Channel channel)
    {
        if (rank < 0 || rank >= size)
        {
            return "rank " + rank + " is outside 0.." + (size - 1);
        }
        if (channels[rank] != null)
        {
            return "rank " + rank + " connected twice: two processes have MYRMIDON_RANK=" + rank;
        }
        channels[rank] = channel;
        return null;
    }

    /**
     * Records a joined rank's contribution to round {@code theirRound}; completes the round when it
     * was the last one, or answers with an error when the round cannot complete.
     *
     * @param nowNanos the current {@link System#nanoTime()}.
     */
    synchronized void contribute(final int rank, final int theirRound, final byte[] blob, final long nowNanos)
    {
        if (failure == null && (theirRound != round || contributions[rank] != null))
        {
            channels[rank].send(RendezvousProtocol.error("rank " + rank + " sent exchange round " + theirRound +
                " while the job is in round " + round + ": the ranks must call allGather and barrier in the same order"));
            return;
        }
        final String departedRanks = ranks(departed);
        if (failure == null && !departedRanks.isEmpty())
        {
            fail(rankWord(departedRanks) + " closed the bootstrap and cannot join exchange round " + round + " (" +
                describe(round) + ")");
        }
        if (failure != null)
        {
            channels[rank].send(RendezvousProtocol.error(failure));
            return;
        }
        contributions[rank] = blob;
        if (arrived++ == 0)
        {
            roundStartNanos = nowNanos;
        }
        if (arrived == size)
        {
            final ByteBuffer result = RendezvousProtocol.gathered(round, contributions);
            Arrays.fill(contributions, null);
            arrived = 0;
            round++;
            for (final Channel channel : channels)
            {
                channel.send(result.duplicate());
            }
        }
    }

    /**
     * A rank said goodbye: it takes part in no more rounds.
     */
    synchronized void depart(final int rank)
    {
        departed[rank] = true;
        if (arrived > 0 && failure == null)
        {
            final String waiting = ranks(contributions);
            fail("rank " + rank + " closed the bootstrap while " + rankWord(waiting) +
                (waiting.contains(",") ? " wait" : " waits") + " for it in exchange round " + round +
                " (" + describe(round) + ")");
        }
    }

    /**
     * A rank's connection dropped before it said goodbye.
     *
     * @param why a sentence saying what happened.
     */
    synchronized void lose(final int rank, final String why)
    {
        departed[rank] = true;
        if (failure == null)
        {
            fail(why + "; exchange round " + round + " (" + describe(round) + ") cannot complete");
        }
    }

    /**
     * Fails the round in progress when it has waited longer than the timeout.
     *
     * @param nowNanos the current {@link System#nanoTime()}.
     */
    synchronized void checkTimeout(final long nowNanos)
    {
        if (failure == null && timeoutNanos > 0 && arrived > 0 && nowNanos - roundStartNanos > timeoutNanos)
        {
            fail(timeoutMessage());
        }
    }

    /**
     * @return why the exchange failed, or null while it has not.
     */
    synchronized String failure()
    {
        return failure;
    }

    /**
     * @return how many ranks contributed to the round in progress.
     */
    synchronized int arrived()
    {
        return arrived;
    }

    private void fail(final String message)
    {
        failure = message;
        final ByteBuffer frame = RendezvousProtocol.error(message);
        for (int r = 0; r < size; r++)
        {
            if (contributions[r] != null)
            {
                channels[r].send(frame.duplicate());
            }
        }
    }

    private String timeoutMessage()
    {
        final StringJoiner missing = new StringJoiner(",");
        final StringJoiner neverConnected = new StringJoiner(",");
        for (int r = 0; r < size; r++)
        {
            if (contributions[r] == null)
            {
                missing.add(Integer.toString(r));
                if (channels[r] == null)
                {
                    neverConnected.add(Integer.toString(r));
                }
            }
        }
        final long timeoutMillis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        final String waited = timeoutMillis % 1000 == 0 ? (timeoutMillis / 1000) + " s" : timeoutMillis + " ms";
        final String what = round == 0 ? "the start-up exchange" : "exchange round " + round + " (" + describe(round) + ")";
        return rankWord(missing.toString()) + " never reached " + what + " (" + rankWord(ranks(contributions)) +
            " waited " + waited + ")" + (neverConnected.length() == 0 ? "" :
            "; " + rankWord(neverConnected.toString()) + " never connected to the launcher");
    }

    private static String describe(final int round)
    {
        return round == 0 ? "the start-up exchange" : "a bootstrap barrier or allGather";
    }

    private static String ranks(final byte[][] contributions)
    {
        final StringJoiner joiner = new StringJoiner(",");
        for (int r = 0; r < contributions.length; r++)
        {
            if (contributions[r] != null)
            {
                joiner.add(Integer.toString(r));
            }
        }
        return joiner.toString();
    }

    private static String ranks(final boolean[] flags)
    {
        final StringJoiner joiner = new StringJoiner(",");
        for (int r = 0; r < flags.length; r++)
        {
            if (flags[r])
            {
                joiner.add(Integer.toString(r));
            }
        }
        return joiner.toString();
    }

    private static String rankWord(final String ranks)
    {
        return (ranks.contains(",") ? "ranks " : "rank ") + ranks;
    }
}
