package io.myrmidon;

import io.myrmidon.engine.Engine;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The context ids of one rank: which pairs (point-to-point id {@code 2p}, collective id
 * {@code 2p + 1}) its communicators use. A new communicator's pair is agreed by the ranks of the
 * parent communicator with an allreduce BAND of their free-pair bitmaps: the lowest pair free on
 * every one of them wins, so ids never collide however many communicators are created and freed,
 * and a freed pair is used again.
 *
 * <p>Not thread safe: one per rank.
 */
final class ContextIds
{
    /** Pairs available: 2048, contexts up to 4095. */
    static final int WORDS = 32;

    private final long[] free = new long[WORDS];
    private final UnsafeBuffer agreement = new UnsafeBuffer(new byte[WORDS * Long.BYTES]);

    ContextIds()
    {
        java.util.Arrays.fill(free, -1L);
        for (int context = 0; context < Engine.FIRST_USER_CONTEXT; context += 2)
        {
            claim(context);
        }
    }

    /**
     * Agrees on a pair free at every rank of {@code parent}. Collective over the parent; claims
     * nothing (the members of the new communicator {@link #claim} it).
     *
     * @return the point-to-point context id of the pair.
     */
    int agree(final Communicator parent)
    {
        for (int i = 0; i < WORDS; i++)
        {
            agreement.putLong(i * Long.BYTES, free[i]);
        }
        parent.allReduce(Communicator.IN_PLACE, 0, agreement, 0, WORDS, Datatype.LONG, Op.BAND);
        return lowestFree(parent.size());
    }

    private int lowestFree(final int ranks)
    {
        for (int i = 0; i < WORDS; i++)
        {
            final long word = agreement.getLong(i * Long.BYTES);
            if (word != 0)
            {
                return 2 * (i * 64 + Long.numberOfTrailingZeros(word));
            }
        }
        throw new MyrmidonException(ErrorClass.COMM, "no context id is free on every one of " + ranks +
            " ranks (" + WORDS * 64 + " communicators exist): free the communicators you no longer need");
    }

    /**
     * Agrees on a pair free at every member of a group, with messages among the members only
     * (on {@link Engine#GROUP_CREATION_CONTEXT} with {@code tag}): the first member gathers the
     * bitmaps, combines them and sends the result back. Collective over the members; claims
     * nothing.
     *
     * @param members world ranks of the group, in group order.
     * @param me      this rank's position in {@code members}.
     * @return the point-to-point context id of the pair.
     */
    int agreeAmong(final Engine engine, final int[] members, final int me, final int tag)
    {
        for (int i = 0; i < WORDS; i++)
        {
            agreement.putLong(i * Long.BYTES, free[i]);
        }
        engine.registerContext(Engine.GROUP_CREATION_CONTEXT, null);
        final int bytes = WORDS * Long.BYTES;
        if (me == 0)
        {
            final UnsafeBuffer incoming = new UnsafeBuffer(new byte[bytes]);
            for (int m = 1; m < members.length; m++)
            {
                receive(engine, incoming, members[m], tag);
                for (int i = 0; i < WORDS; i++)
                {
                    final int at = i * Long.BYTES;
                    agreement.putLong(at, agreement.getLong(at) & incoming.getLong(at));
                }
            }
            for (int m = 1; m < members.length; m++)
            {
                engine.sendBlocking(Engine.GROUP_CREATION_CONTEXT, agreement, 0, bytes, members[m], tag);
            }
        }
        else
        {
            engine.sendBlocking(Engine.GROUP_CREATION_CONTEXT, agreement, 0, bytes, members[0], tag);
            receive(engine, agreement, members[0], tag);
        }
        return lowestFree(members.length);
    }

    void claim(final int contextId)
    {
        final int pair = contextId >> 1;
        free[pair >> 6] &= ~(1L << (pair & 63));
    }

    void release(final int contextId)
    {
        final int pair = contextId >> 1;
        free[pair >> 6] |= 1L << (pair & 63);
    }

    private static void receive(final Engine engine, final UnsafeBuffer into, final int source, final int tag)
    {
        final io.myrmidon.engine.Operation receive = engine.startRecv(Engine.GROUP_CREATION_CONTEXT, into, 0,
            into.capacity(), source, tag);
        engine.awaitCompletion(receive);
        receive.waitFor(null);
    }
}
