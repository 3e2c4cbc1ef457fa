package io.myrmidon.loopback.shm;

import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Random;

/**
 * One rank's part of an all-to-all exchange: it sends {@code messagesPerPeer} fragments of random
 * sizes (0 up to the largest fragment) to every rank, itself included, while it receives and checks
 * the same from every rank: order, length and every byte.
 */
final class ExchangeScenario implements FragmentHandler
{
    private final Transport transport;
    private final int rank;
    private final int size;
    private final int messagesPerPeer;
    private final int maxPayload;
    private final Random[] sendSizes;
    private final Random[] receiveSizes;
    private final int[] sent;
    private final int[] received;
    private final int[] nextSendSize;
    private final UnsafeBuffer header = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
    private final UnsafeBuffer payload;
    private String failure;
    private long receivedTotal;

    ExchangeScenario(final Transport transport, final int rank, final int size, final int messagesPerPeer, final long seed)
    {
        this.transport = transport;
        this.rank = rank;
        this.size = size;
        this.messagesPerPeer = messagesPerPeer;
        this.maxPayload = transport.capabilities().maxFragmentLength() - Fragments.HEADER_LENGTH;
        this.payload = new UnsafeBuffer(BufferUtil.allocateDirectAligned(maxPayload + 64, 64));
        sendSizes = new Random[size];
        receiveSizes = new Random[size];
        sent = new int[size];
        received = new int[size];
        nextSendSize = new int[size];
        for (int peer = 0; peer < size; peer++)
        {
            sendSizes[peer] = new Random(pairSeed(seed, rank, peer));
            receiveSizes[peer] = new Random(pairSeed(seed, peer, rank));
            nextSendSize[peer] = nextSize(sendSizes[peer]);
        }
    }

    private static long pairSeed(final long seed, final int source, final int destination)
    {
        return seed * 1_000_003L + source * 65_537L + destination;
    }

    private int nextSize(final Random random)
    {
        return random.nextBoolean() ? random.nextInt(65) : random.nextInt(maxPayload + 1);
    }

    /**
     * @return null when everything arrived intact and in order, otherwise what went wrong.
     */
    String run(final long timeoutNanos)
    {
        final Waiting waiting = new Waiting(transport);
        final long deadline = System.nanoTime() + timeoutNanos;
        final long expectedTotal = (long)messagesPerPeer * size;
        while (failure == null && (receivedTotal < expectedTotal || !allSent()))
        {
            int work = 0;
            for (int peer = 0; peer < size; peer++)
            {
                work += trySendNext(peer);
            }
            work += transport.poll(this, 64);
            waiting.idle(work);
            if (System.nanoTime() > deadline)
            {
                return "rank " + rank + " timed out: received " + receivedTotal + " of " + expectedTotal;
            }
        }
        return failure;
    }

    private boolean allSent()
    {
        for (int peer = 0; peer < size; peer++)
        {
            if (sent[peer] < messagesPerPeer)
            {
                return false;
            }
        }
        return true;
    }

    private int trySendNext(final int peer)
    {
        final int sequence = sent[peer];
        if (sequence == messagesPerPeer)
        {
            return 0;
        }
        final int length = nextSendSize[peer];
        header.putInt(0, sequence);
        header.putInt(4, length);
        Fragments.fill(payload, 0, length, rank, peer, sequence);
        if (!transport.offer(peer, header, Fragments.HEADER_LENGTH, payload, 0, length))
        {
            return 0;
        }
        sent[peer]++;
        nextSendSize[peer] = nextSize(sendSizes[peer]);
        return 1;
    }

    @Override
    public void onFragment(final int source, final DirectBuffer buffer, final int offset, final int length)
    {
        final int expectedSequence = received[source];
        final int expectedLength = nextSize(receiveSizes[source]);
        final int sequence = buffer.getInt(offset);
        final int payloadLength = buffer.getInt(offset + 4);
        if (sequence != expectedSequence || payloadLength != expectedLength ||
            length != Fragments.HEADER_LENGTH + expectedLength)
        {
            fail("rank " + rank + " from " + source + ": got sequence " + sequence + " length " + length +
                ", expected sequence " + expectedSequence + " length " + (Fragments.HEADER_LENGTH + expectedLength));
            return;
        }
        final int wrong = Fragments.mismatch(buffer, offset + Fragments.HEADER_LENGTH, payloadLength,
            source, rank, sequence);
        if (wrong >= 0)
        {
            fail("rank " + rank + " from " + source + ": fragment " + sequence + " differs at byte " + wrong);
            return;
        }
        received[source]++;
        receivedTotal++;
    }

    private void fail(final String message)
    {
        if (failure == null)
        {
            failure = message;
        }
    }

    @Override
    public void onPullComplete(final long token, final boolean success)
    {
        fail("rank " + rank + ": unexpected pull completion " + token);
    }

    @Override
    public void onPeerFailure(final int peer, final String reason)
    {
        fail("rank " + rank + ": peer " + peer + " failed: " + reason);
    }
}
