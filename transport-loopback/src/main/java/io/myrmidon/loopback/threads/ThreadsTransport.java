package io.myrmidon.loopback.threads;

import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportCapabilities;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The {@code threads} transport: ranks are threads of one JVM and exchange fragments through
 * off-heap SPSC rings; large messages are pulled with a single copy straight from the sender's
 * buffer.
 *
 * <p>Pull descriptor: {@code slot (int) | generation (int)} of the sender's exposure table.
 *
 * <p>Not thread safe: used by its rank's thread (see {@link Transport}).
 */
final class ThreadsTransport implements Transport, MessageHandler
{
    private final ThreadsFabric fabric;
    private final int rank;
    private final int size;
    private final TransportCapabilities capabilities;
    private final OneToOneRingBuffer[] inbound;
    private final OneToOneRingBuffer[] outbound;
    private final ThreadsFabric.Exposures exposures;
    private int cursor;

    private FragmentHandler handler;
    private int currentSource;
    private boolean peersFailed;

    ThreadsTransport(final ThreadsFabric fabric, final int rank)
    {
        this.fabric = fabric;
        this.rank = rank;
        this.size = fabric.size;
        this.inbound = new OneToOneRingBuffer[size];
        this.outbound = new OneToOneRingBuffer[size];
        for (int peer = 0; peer < size; peer++)
        {
            if (peer != rank)
            {
                inbound[peer] = fabric.ring(rank, peer);
                outbound[peer] = fabric.ring(peer, rank);
            }
        }
        this.exposures = fabric.exposures[rank];
        final int maxFragment = size > 1 ? outbound[rank == 0 ? 1 : 0].maxMsgLength() : 64 * 1024;
        this.capabilities = new TransportCapabilities("threads", maxFragment, true, true, 200, 5e9,
            Math.min(8 * 1024, maxFragment - 64));
        fabric.register(rank, Thread.currentThread());
    }

    @Override
    public TransportCapabilities capabilities()
    {
        return capabilities;
    }

    @Override
    public boolean offer(final int destination, final DirectBuffer header, final int headerLength,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        if (peersFailed)
        {
            return true; // the job was aborted and the peer reported failed: the bytes are dropped
        }
        final OneToOneRingBuffer ring = outbound[destination];
        final int index = ring.tryClaim(ThreadsFabric.MSG_TYPE, headerLength + payloadLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final AtomicBuffer buffer = ring.buffer();
        buffer.putBytes(index, header, 0, headerLength);
        if (payloadLength > 0)
        {
            buffer.putBytes(index + headerLength, payload, payloadOffset, payloadLength);
        }
        ring.commit(index);
        fabric.wake(destination);
        return true;
    }

    @Override
    public int poll(final FragmentHandler handler, final int limit)
    {
        this.handler = handler;
        int work = 0;
        for (int i = 0; i < size && work < limit; i++)
        {
            final int peer = cursor;
            cursor = cursor + 1 == size ? 0 : cursor + 1;
            if (peer != rank)
            {
                currentSource = peer;
                work += inbound[peer].read(this, limit - work);
            }
        }
        if (work == 0 && !peersFailed && fabric.abortReason() != null)
        {
            work = reportAbort(handler);
        }
        return work;
    }

    /**
     * The job was aborted: what had arrived has been delivered (this poll found nothing), so
     * every peer is reported failed once, which fails the operations that wait for them.
     */
    private int reportAbort(final FragmentHandler handler)
    {
        peersFailed = true;
        final String reason = "the job was aborted: " + fabric.abortReason();
        for (int peer = 0; peer < size; peer++)
        {
            if (peer != rank)
            {
                handler.onPeerFailure(peer, reason);
            }
        }
        return size - 1;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        handler.onFragment(currentSource, buffer, index, length);
    }

    @Override
    public int exposeForPull(final int destination, final DirectBuffer source, final int offset, final int length,
        final MutableDirectBuffer descriptor, final int descriptorOffset)
    {
        final int slot = exposures.expose(source, offset, length);
        descriptor.putInt(descriptorOffset, slot);
        descriptor.putInt(descriptorOffset + 4, exposures.generations[slot]);
        return 8;
    }

    @Override
    public void releaseExposure(final int destination, final DirectBuffer descriptor, final int descriptorOffset,
        final int descriptorLength)
    {
        exposures.release(descriptor.getInt(descriptorOffset));
    }

    @Override
    public int pull(final int source, final DirectBuffer descriptor, final int descriptorOffset,
        final int descriptorLength, final MutableDirectBuffer destination, final int destinationOffset,
        final int length, final long token)
    {
        final ThreadsFabric.Exposures remote = fabric.exposures[source];
        final int slot = descriptor.getInt(descriptorOffset);
        final int generation = descriptor.getInt(descriptorOffset + 4);
        if (descriptorLength != 8 || slot < 0 || slot >= remote.buffers.length ||
            remote.generations[slot] != generation || remote.buffers[slot] == null || remote.lengths[slot] < length)
        {
            return PULL_FAILED;
        }
        destination.putBytes(destinationOffset, remote.buffers[slot], remote.offsets[slot], length);
        return PULL_COMPLETE;
    }

    @Override
    public void await(final long timeoutNanos)
    {
        fabric.await(rank, timeoutNanos);
    }

    @Override
    public void close()
    {
        fabric.register(rank, null);
    }
}
