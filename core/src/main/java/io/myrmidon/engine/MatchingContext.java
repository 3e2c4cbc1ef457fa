package io.myrmidon.engine;

import io.myrmidon.Communicator;

/**
 * The matching state of one communication context: the posted-receive queue and the
 * unexpected-message queue, both in order (posting order, arrival order), matched on
 * (source, tag) with wildcards. Sources are world ranks here; {@link #commRankOf(int)} turns them
 * into the communicator's ranks for statuses.
 *
 * <p>A context can exist before its communicator does on this rank (a peer that created the
 * communicator first may already send on it): such messages wait in the unexpected queue.
 *
 * <p>Not thread safe: owned by the engine's thread.
 */
final class MatchingContext
{
    final int id;
    private int[] worldToComm;

    private Operation postedHead;
    private Operation postedTail;
    private UnexpectedMessage unexpectedHead;
    private UnexpectedMessage unexpectedTail;
    private int unexpectedCount;

    MatchingContext(final int id)
    {
        this.id = id;
    }

    /**
     * Attaches the communicator's group: {@code worldToComm[w]} is the communicator rank of world
     * rank {@code w}, or -1.
     */
    void group(final int[] worldToComm)
    {
        this.worldToComm = worldToComm;
    }

    boolean hasGroup()
    {
        return worldToComm != null;
    }

    int commRankOf(final int worldRank)
    {
        if (worldRank < 0 || worldToComm == null)
        {
            return worldRank;
        }
        return worldToComm[worldRank];
    }

    // ----- posted receives -----

    void appendPosted(final Operation receive)
    {
        receive.next = null;
        receive.previous = postedTail;
        if (postedTail == null)
        {
            postedHead = receive;
        }
        else
        {
            postedTail.next = receive;
        }
        postedTail = receive;
    }

    /**
     * Removes and returns the first posted receive that matches a message from {@code source}
     * with {@code tag}, or null.
     */
    Operation takePosted(final int source, final int tag)
    {
        for (Operation op = postedHead; op != null; op = op.next)
        {
            if ((op.peer == Communicator.ANY_SOURCE || op.peer == source) &&
                (op.tag == Communicator.ANY_TAG || op.tag == tag))
            {
                removePosted(op);
                return op;
            }
        }
        return null;
    }

    void removePosted(final Operation op)
    {
        if (op.previous == null)
        {
            postedHead = op.next;
        }
        else
        {
            op.previous.next = op.next;
        }
        if (op.next == null)
        {
            postedTail = op.previous;
        }
        else
        {
            op.next.previous = op.previous;
        }
        op.next = null;
        op.previous = null;
    }

    Operation firstPosted()
    {
        return postedHead;
    }

    // ----- unexpected messages -----

    void appendUnexpected(final UnexpectedMessage message)
    {
        message.next = null;
        if (unexpectedTail == null)
        {
            unexpectedHead = message;
        }
        else
        {
            unexpectedTail.next = message;
        }
        unexpectedTail = message;
        unexpectedCount++;
    }

    /**
     * @return the first unexpected message that matches, without removing it, or null.
     */
    UnexpectedMessage peekUnexpected(final int source, final int tag)
    {
        for (UnexpectedMessage m = unexpectedHead; m != null; m = m.next)
        {
            if (m.matches(source, tag))
            {
                return m;
            }
        }
        return null;
    }

    /**
     * Removes and returns the first unexpected message that matches, or null.
     */
    UnexpectedMessage takeUnexpected(final int source, final int tag)
    {
        UnexpectedMessage previous = null;
        for (UnexpectedMessage m = unexpectedHead; m != null; previous = m, m = m.next)
        {
            if (m.matches(source, tag))
            {
                if (previous == null)
                {
                    unexpectedHead = m.next;
                }
                else
                {
                    previous.next = m.next;
                }
                if (m == unexpectedTail)
                {
                    unexpectedTail = previous;
                }
                m.next = null;
                unexpectedCount--;
                return m;
            }
        }
        return null;
    }

    int unexpectedCount()
    {
        return unexpectedCount;
    }
}
