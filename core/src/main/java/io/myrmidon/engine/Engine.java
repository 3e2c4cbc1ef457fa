package io.myrmidon.engine;

import io.myrmidon.Communicator;
import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Status;
import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportCapabilities;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.Arrays;

import static io.myrmidon.engine.FragmentHeader.*;

/**
 * The point-to-point engine of one rank: it owns matching (per context, in order), the eager and
 * rendezvous protocols, per-destination send queues (so that back-pressure never lets a message
 * overtake another) and progress. Every transport gets the same semantics because they all live
 * here.
 *
 * <h2>Protocols</h2>
 * <ul>
 *   <li>Eager (length up to {@link #eagerLimit()}): one fragment carries the whole message; a
 *   synchronous send waits for the receiver's SYNC_ACK.</li>
 *   <li>Rendezvous, pull: when the transport can {@link Transport#exposeForPull expose} the
 *   sender's buffer, an RTS carries the descriptor, the receiver pulls straight into its posted
 *   buffer and answers FIN.</li>
 *   <li>Rendezvous, streamed: otherwise the receiver answers CTS and the sender streams DATA
 *   fragments that the receiver copies into place.</li>
 * </ul>
 * Messages to self always go eagerly through a local copy.
 *
 * <h2>Threading</h2>
 * Not thread safe: one thread at a time drives a rank's engine (MPI_THREAD_SERIALIZED).
 * Progress happens only inside calls into the library (or an optional progress agent calling
 * {@link #progress()} from the same thread).
 */
public final class Engine implements FragmentHandler
{
    /** Largest pull descriptor a transport may write. */
    public static final int MAX_DESCRIPTOR_LENGTH = 64;
    /** Context ids below this are reserved: 0/1 the world's, 2 finalize, 3 group creation. */
    public static final int FIRST_USER_CONTEXT = 4;
    static final int FINALIZE_CONTEXT = 2;
    /**
     * The context of {@code MPI_Comm_create_group}'s agreement, among the members of a group
     * only (addressed by world rank, distinguished by the caller's tag).
     */
    public static final int GROUP_CREATION_CONTEXT = 3;
    private static final int POLL_LIMIT = 64;
    private static final int INITIAL_UNEXPECTED_POOL = 16;

    private final Transport transport;
    private final TransportCapabilities capabilities;
    private final int rank;
    private final int size;
    private final int eagerLimit;
    private final int dataChunk;
    private final IdleStrategy idleStrategy;

    private final UnsafeBuffer header = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
    private final ExpandableDirectByteBuffer selfScratch = new ExpandableDirectByteBuffer(1024);
    private final UnsafeBuffer selfControlScratch = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));

    private Operation[] operations = new Operation[0];
    private int[] freeSlots = new int[0];
    private int freeCount;
    private final ArrayDeque<UnexpectedMessage> unexpectedPool = new ArrayDeque<>();
    private MatchingContext[] contexts = new MatchingContext[16];

    private final Operation[] queueHeads;
    private final Operation[] queueTails;
    private final int[] activeDestinations;
    private int activeDestinationCount;
    private final boolean[] inActiveSet;

    private final String[] deadPeers;
    private boolean closed;

    private ProgressTask[] tasks = new ProgressTask[4];
    private int taskCount;
    private boolean runningTasks;

    /**
     * @param transport the open transport of this rank.
     * @param rank      this rank in the world.
     * @param size      the world's size.
     * @param config    thresholds and waiting.
     */
    public Engine(final Transport transport, final int rank, final int size, final EngineConfig config)
    {
        this.transport = transport;
        this.capabilities = transport.capabilities();
        this.rank = rank;
        this.size = size;
        final int fragmentPayload = capabilities.maxFragmentLength() - FragmentHeader.LENGTH;
        final int threshold = config.eagerThreshold() >= 0 ?
            config.eagerThreshold() : capabilities.preferredRendezvousThreshold();
        this.eagerLimit = Math.min(threshold, fragmentPayload);
        this.dataChunk = fragmentPayload;
        this.idleStrategy = new IdleStrategy(transport, config);
        this.queueHeads = new Operation[size];
        this.queueTails = new Operation[size];
        this.activeDestinations = new int[size];
        this.inActiveSet = new boolean[size];
        this.deadPeers = new String[size];
        growOperations(64);
        // unexpected messages come in bursts; have some ready (and their classes loaded) before traffic
        for (int i = 0; i < INITIAL_UNEXPECTED_POOL; i++)
        {
            unexpectedPool.push(new UnexpectedMessage());
        }
    }

    public int rank()
    {
        return rank;
    }

    public int size()
    {
        return size;
    }

    /**
     * @return the largest message sent eagerly; larger ones use rendezvous.
     */
    public int eagerLimit()
    {
        return eagerLimit;
    }

    public TransportCapabilities capabilities()
    {
        return capabilities;
    }

    public Transport transport()
    {
        return transport;
    }

    // ------------------------------------------------------------------ contexts

    /**
     * Declares the group of a context, so statuses report communicator ranks.
     *
     * @param contextId   the context.
     * @param worldToComm communicator rank of each world rank, or -1.
     */
    public void registerContext(final int contextId, final int[] worldToComm)
    {
        context(contextId).group(worldToComm);
    }

    private MatchingContext context(final int id)
    {
        if (id >= contexts.length)
        {
            contexts = Arrays.copyOf(contexts, Math.max(id + 1, contexts.length * 2));
        }
        MatchingContext context = contexts[id];
        if (context == null)
        {
            context = new MatchingContext(id);
            contexts[id] = context;
        }
        return context;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Starts a send. Arguments are already checked by the caller.
     *
     * @param destination world rank, or {@link Communicator#PROC_NULL}.
     */
    public Operation startSend(final int contextId, final DirectBuffer buffer, final int offset, final int length,
        final int destination, final int tag, final boolean synchronous)
    {
        checkOpen();
        final Operation op = acquire(Operation.Kind.SEND);
        op.sendBuffer = buffer;
        op.offset = offset;
        op.length = length;
        op.messageLength = length;
        op.peer = destination;
        op.tag = tag;
        op.context = context(contextId);
        op.synchronous = synchronous;
        if (destination == Communicator.PROC_NULL)
        {
            op.complete();
            return op;
        }
        if (deadPeers[destination] != null)
        {
            op.fail(ErrorClass.PEER_DIED, deadPeers[destination]);
            return op;
        }
        enqueue(destination, op);
        drainQueue(destination);
        return op;
    }

    /**
     * Sends a small message and returns as soon as it is on its way, without a request when the
     * path is free ({@code MPI_Send} of an eager message). Falls back to a queued operation.
     */
    public void sendBlocking(final int contextId, final DirectBuffer buffer, final int offset, final int length,
        final int destination, final int tag)
    {
        checkOpen();
        if (destination != Communicator.PROC_NULL && destination != rank && length <= eagerLimit &&
            queueHeads[destination] == null && deadPeers[destination] == null)
        {
            writeHeader(EAGER, (byte)0, contextId, tag, length, 0L, 0L);
            if (transport.offer(destination, header, EAGER_LENGTH, buffer, offset, length))
            {
                return;
            }
        }
        final Operation op = startSend(contextId, buffer, offset, length, destination, tag, false);
        awaitCompletion(op);
        op.finish(null);
    }

    private void enqueue(final int destination, final Operation op)
    {
        if (op.kind == Operation.Kind.SEND && op.state != Operation.State.STREAMING)
        {
            op.state = Operation.State.QUEUED;
        }
        op.next = null;
        if (queueTails[destination] == null)
        {
            queueHeads[destination] = op;
        }
        else
        {
            queueTails[destination].next = op;
        }
        queueTails[destination] = op;
        if (!inActiveSet[destination])
        {
            inActiveSet[destination] = true;
            activeDestinations[activeDestinationCount++] = destination;
        }
    }

    private void popQueue(final int destination)
    {
        final Operation head = queueHeads[destination];
        queueHeads[destination] = head.next;
        if (head.next == null)
        {
            queueTails[destination] = null;
        }
        head.next = null;
    }

    /**
     * Offers what the destination's queue holds, in order, until back-pressure.
     *
     * @return the number of fragments offered.
     */
    private int drainQueue(final int destination)
    {
        int work = 0;
        Operation op;
        while ((op = queueHeads[destination]) != null)
        {
            if (op.kind == Operation.Kind.CONTROL)
            {
                if (!offerControl(destination, op.controlType, op.controlFlags, op.peerToken, op.receiverToken))
                {
                    return work;
                }
                popQueue(destination);
                release(op);
            }
            else if (op.state == Operation.State.STREAMING)
            {
                while (op.bytesDone < op.length)
                {
                    final int chunk = Math.min(dataChunk, op.length - op.bytesDone);
                    writeHeader(DATA, (byte)0, op.context.id, op.tag, op.bytesDone, op.token(), op.peerToken);
                    if (!transport.offer(destination, header, FragmentHeader.LENGTH, op.sendBuffer,
                        op.offset + op.bytesDone, chunk))
                    {
                        return work;
                    }
                    op.bytesDone += chunk;
                    work++;
                }
                popQueue(destination);
                op.complete();
            }
            else if (!offerFirstFragment(destination, op))
            {
                return work;
            }
            work++;
        }
        return work;
    }

    /**
     * Offers the first fragment of a queued send (EAGER, EAGER_SYNC or RTS) and moves it on.
     */
    private boolean offerFirstFragment(final int destination, final Operation op)
    {
        final boolean eager = op.length <= eagerLimit || destination == rank;
        if (eager)
        {
            final byte type = op.synchronous ? EAGER_SYNC : EAGER;
            if (!offerFragment(destination, type, (byte)0, op.context.id, op.tag, op.length, op.token(), 0L,
                op.sendBuffer, op.offset, op.length))
            {
                return false;
            }
            popQueue(destination);
            if (op.synchronous && op.state != Operation.State.COMPLETE)
            {
                op.state = Operation.State.AWAIT_REPLY;
            }
            else
            {
                op.complete();
            }
            return true;
        }

        if (op.descriptorLength == 0 && capabilities.bulkPull())
        {
            final int length = transport.exposeForPull(destination, op.sendBuffer, op.offset, op.length,
                op.descriptor, 0);
            op.descriptorLength = Math.max(length, -1);
        }
        final boolean pull = op.descriptorLength > 0;
        if (!offerFragment(destination, RTS, pull ? FLAG_PULL : 0, op.context.id, op.tag, op.length, op.token(), 0L,
            op.descriptor, 0, pull ? op.descriptorLength : 0))
        {
            return false;
        }
        popQueue(destination);
        if (op.state != Operation.State.COMPLETE)
        {
            op.state = Operation.State.AWAIT_REPLY;
        }
        return true;
    }

    private void writeHeader(final byte type, final byte flags, final int contextId, final int tag,
        final int lengthOrOffset, final long senderToken, final long receiverToken)
    {
        writeHeader(header, type, flags, contextId, tag, lengthOrOffset, senderToken, receiverToken);
    }

    private static void writeHeader(final MutableDirectBuffer buffer, final byte type, final byte flags,
        final int contextId, final int tag, final int lengthOrOffset, final long senderToken, final long receiverToken)
    {
        buffer.putByte(TYPE_OFFSET, type);
        buffer.putByte(FLAGS_OFFSET, flags);
        buffer.putInt(CONTEXT_OFFSET, contextId);
        buffer.putInt(TAG_OFFSET, tag);
        buffer.putInt(LENGTH_OFFSET, lengthOrOffset);
        buffer.putLong(SENDER_TOKEN_OFFSET, senderToken);
        buffer.putLong(RECEIVER_TOKEN_OFFSET, receiverToken);
    }

    private boolean offerFragment(final int destination, final byte type, final byte flags, final int contextId,
        final int tag, final int lengthOrOffset, final long senderToken, final long receiverToken,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        final int headerLength = FragmentHeader.lengthOf(type);
        if (destination == rank)
        {
            writeHeader(selfScratch, type, flags, contextId, tag, lengthOrOffset, senderToken, receiverToken);
            if (payloadLength > 0)
            {
                selfScratch.putBytes(headerLength, payload, payloadOffset, payloadLength);
            }
            onFragment(rank, selfScratch, 0, headerLength + payloadLength);
            return true;
        }
        writeHeader(type, flags, contextId, tag, lengthOrOffset, senderToken, receiverToken);
        return transport.offer(destination, header, headerLength, payload, payloadOffset, payloadLength);
    }

    private boolean offerControl(final int destination, final byte type, final byte flags, final long senderToken,
        final long receiverToken)
    {
        if (destination == rank)
        {
            writeHeader(selfControlScratch, type, flags, 0, 0, 0, senderToken, receiverToken);
            onFragment(rank, selfControlScratch, 0, FragmentHeader.LENGTH);
            return true;
        }
        if (deadPeers[destination] != null)
        {
            return true;
        }
        writeHeader(type, flags, 0, 0, 0, senderToken, receiverToken);
        return transport.offer(destination, header, FragmentHeader.LENGTH, header, 0, 0);
    }

    /**
     * Sends a control fragment now, or queues it behind what the destination's queue holds.
     */
    private void sendControl(final int destination, final byte type, final byte flags, final long senderToken,
        final long receiverToken)
    {
        if (queueHeads[destination] == null && offerControl(destination, type, flags, senderToken, receiverToken))
        {
            return;
        }
        final Operation control = acquire(Operation.Kind.CONTROL);
        control.controlType = type;
        control.controlFlags = flags;
        control.peerToken = senderToken;
        control.receiverToken = receiverToken;
        control.peer = destination;
        enqueue(destination, control);
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Posts a receive. Arguments are already checked by the caller.
     *
     * @param source world rank, {@link Communicator#ANY_SOURCE} or {@link Communicator#PROC_NULL}.
     */
    public Operation startRecv(final int contextId, final MutableDirectBuffer buffer, final int offset,
        final int length, final int source, final int tag)
    {
        checkOpen();
        final Operation op = acquire(Operation.Kind.RECV);
        op.recvBuffer = buffer;
        op.offset = offset;
        op.length = length;
        op.peer = source;
        op.tag = tag;
        final MatchingContext context = context(contextId);
        op.context = context;
        if (source == Communicator.PROC_NULL)
        {
            op.matchedSource = Communicator.PROC_NULL;
            op.matchedTag = Communicator.ANY_TAG;
            op.complete();
            return op;
        }
        if (source >= 0 && deadPeers[source] != null)
        {
            op.fail(ErrorClass.PEER_DIED, deadPeers[source]);
            return op;
        }
        final UnexpectedMessage message = context.takeUnexpected(source, tag);
        if (message != null)
        {
            receiveUnexpected(op, message);
        }
        else
        {
            op.state = Operation.State.POSTED;
            context.appendPosted(op);
        }
        return op;
    }

    /**
     * Looks for a message that a receive on (context, source, tag) would match now
     * ({@code MPI_Iprobe}), after one round of progress.
     *
     * @param source world rank or ANY_SOURCE.
     * @return true and the status filled (source in communicator ranks) when there is one.
     */
    public boolean iProbe(final int contextId, final int source, final int tag, final Status status)
    {
        checkOpen();
        if (source >= 0 && deadPeers[source] != null)
        {
            throw new MyrmidonException(ErrorClass.PEER_DIED, deadPeers[source]);
        }
        final MatchingContext context = context(contextId);
        UnexpectedMessage message = context.peekUnexpected(source, tag);
        if (message == null)
        {
            progress();
            message = context.peekUnexpected(source, tag);
        }
        if (message == null)
        {
            return false;
        }
        if (status != null)
        {
            status.set(context.commRankOf(message.source), message.tag, message.length, ErrorClass.SUCCESS, false);
        }
        return true;
    }

    /**
     * Matched probe ({@code MPI_Improbe}): like {@link #iProbe}, but takes the message out of
     * matching, so that no other receive can match it; only {@link #startMatchedRecv} receives
     * it.
     *
     * @param source world rank or ANY_SOURCE.
     * @return the message, its status filled (source in communicator ranks), or null.
     */
    public UnexpectedMessage imProbe(final int contextId, final int source, final int tag, final Status status)
    {
        checkOpen();
        if (source >= 0 && deadPeers[source] != null)
        {
            throw new MyrmidonException(ErrorClass.PEER_DIED, deadPeers[source]);
        }
        final MatchingContext context = context(contextId);
        UnexpectedMessage message = context.takeUnexpected(source, tag);
        if (message == null)
        {
            progress();
            message = context.takeUnexpected(source, tag);
        }
        if (message != null && status != null)
        {
            status.set(context.commRankOf(message.source), message.tag, message.length, ErrorClass.SUCCESS, false);
        }
        return message;
    }

    /**
     * Waits until {@link #imProbe} takes a message ({@code MPI_Mprobe}).
     */
    public UnexpectedMessage mProbe(final int contextId, final int source, final int tag, final Status status)
    {
        idleStrategy.reset();
        UnexpectedMessage message;
        while ((message = imProbe(contextId, source, tag, status)) == null)
        {
            idleStrategy.idle(0);
        }
        return message;
    }

    /**
     * Receives a message taken by {@link #imProbe} ({@code MPI_Imrecv}), as a receive posted on
     * its context would have; the message goes back to its pool.
     */
    public Operation startMatchedRecv(final int contextId, final UnexpectedMessage message,
        final MutableDirectBuffer buffer, final int offset, final int length)
    {
        checkOpen();
        final Operation op = acquire(Operation.Kind.RECV);
        op.recvBuffer = buffer;
        op.offset = offset;
        op.length = length;
        op.peer = message.source;
        op.tag = message.tag;
        op.context = context(contextId);
        receiveUnexpected(op, message);
        return op;
    }

    /**
     * Receives a message that arrived before its receive into {@code op}: delivers an eager one
     * (acknowledging a synchronous send), starts the transfer of a rendezvous one; the message
     * goes back to its pool.
     */
    private void receiveUnexpected(final Operation op, final UnexpectedMessage message)
    {
        if (message.type == RTS)
        {
            startRendezvousReceive(op, message.source, message.tag, message.length, message.senderToken,
                message.flags, message.payload, 0, message.payloadLength);
        }
        else
        {
            deliverEager(op, message.source, message.tag, message.length, message.payload, 0);
            if (message.type == EAGER_SYNC)
            {
                sendControl(message.source, SYNC_ACK, (byte)0, message.senderToken, 0L);
            }
        }
        recycle(message);
    }

    /**
     * Waits until {@link #iProbe} finds a message ({@code MPI_Probe}).
     */
    public void probe(final int contextId, final int source, final int tag, final Status status)
    {
        idleStrategy.reset();
        while (!iProbe(contextId, source, tag, status))
        {
            idleStrategy.idle(0);
        }
    }

    private void deliverEager(final Operation op, final int source, final int tag, final int length,
        final DirectBuffer buffer, final int payloadOffset)
    {
        op.matchedSource = source;
        op.matchedTag = tag;
        op.messageLength = length;
        if (length > op.length)
        {
            op.state = Operation.State.RECEIVING;
            op.fail(ErrorClass.TRUNCATE, truncationMessage(op, source, tag, length));
            return;
        }
        if (length > 0)
        {
            op.recvBuffer.putBytes(op.offset, buffer, payloadOffset, length);
        }
        op.complete();
    }

    private void startRendezvousReceive(final Operation op, final int source, final int tag, final int length,
        final long senderToken, final byte flags, final DirectBuffer descriptor, final int descriptorOffset,
        final int descriptorLength)
    {
        op.matchedSource = source;
        op.matchedTag = tag;
        op.messageLength = length;
        op.peerToken = senderToken;
        final boolean pull = (flags & FLAG_PULL) != 0;
        if (length > op.length)
        {
            op.state = Operation.State.RECEIVING;
            op.fail(ErrorClass.TRUNCATE, truncationMessage(op, source, tag, length));
            sendControl(source, pull ? FIN : CTS, FLAG_DISCARD, senderToken, 0L);
            return;
        }
        if (pull)
        {
            op.state = Operation.State.PULLING;
            final int result = transport.pull(source, descriptor, descriptorOffset, descriptorLength,
                op.recvBuffer, op.offset, length, op.token());
            if (result == io.myrmidon.spi.Transport.PULL_COMPLETE)
            {
                op.complete();
                sendControl(source, FIN, (byte)0, senderToken, 0L);
            }
            else if (result != io.myrmidon.spi.Transport.PULL_PENDING)
            {
                op.fail(ErrorClass.TRANSPORT, "pulling a message of " + length + " bytes from rank " +
                    op.context.commRankOf(source) + " failed in the " + capabilities.name() + " transport");
                sendControl(source, FIN, FLAG_DISCARD, senderToken, 0L);
            }
            return;
        }
        op.state = Operation.State.RECEIVING;
        op.bytesDone = 0;
        sendControl(source, CTS, (byte)0, senderToken, op.token());
    }

    private static String truncationMessage(final Operation op, final int source, final int tag, final int length)
    {
        return "message truncated: rank " + op.context.commRankOf(source) + " sent " + length +
            " bytes with tag " + tag + " but the receive buffer holds only " + op.length +
            " bytes; nothing was written. Post a larger receive (probe tells the size first)";
    }

    // ------------------------------------------------------------------ arrivals

    @Override
    public void onFragment(final int source, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte type = buffer.getByte(offset + TYPE_OFFSET);
        switch (type)
        {
            case EAGER, EAGER_SYNC, RTS -> onMessage(source, type, buffer, offset, length);
            case CTS -> onClearToSend(buffer, offset);
            case DATA -> onData(buffer, offset, length);
            case FIN -> onFinished(buffer, offset);
            case SYNC_ACK -> onSyncAck(buffer, offset);
            default -> throw new MyrmidonException(ErrorClass.INTERNAL,
                "rank " + rank + " got a fragment of unknown type " + type + " from world rank " + source);
        }
    }

    private void onMessage(final int source, final byte type, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final byte flags = buffer.getByte(offset + FLAGS_OFFSET);
        final int contextId = buffer.getInt(offset + CONTEXT_OFFSET);
        final int tag = buffer.getInt(offset + TAG_OFFSET);
        final int messageLength = buffer.getInt(offset + LENGTH_OFFSET);
        final long senderToken = type == EAGER ? 0L : buffer.getLong(offset + SENDER_TOKEN_OFFSET);
        final int headerLength = FragmentHeader.lengthOf(type);
        final int payloadOffset = offset + headerLength;
        final int payloadLength = length - headerLength;
        final MatchingContext context = context(contextId);

        final Operation op = context.takePosted(source, tag);
        if (op == null)
        {
            final UnexpectedMessage message = unexpectedPool.isEmpty() ? new UnexpectedMessage() : unexpectedPool.pop();
            message.set(type, flags, source, tag, messageLength, senderToken, buffer, payloadOffset, payloadLength);
            context.appendUnexpected(message);
            return;
        }
        if (type == RTS)
        {
            startRendezvousReceive(op, source, tag, messageLength, senderToken, flags, buffer, payloadOffset,
                payloadLength);
        }
        else
        {
            deliverEager(op, source, tag, messageLength, buffer, payloadOffset);
            if (type == EAGER_SYNC)
            {
                sendControl(source, SYNC_ACK, (byte)0, senderToken, 0L);
            }
        }
    }

    private void onClearToSend(final DirectBuffer buffer, final int offset)
    {
        final Operation op = lookup(buffer.getLong(offset + SENDER_TOKEN_OFFSET));
        if (op == null || op.kind != Operation.Kind.SEND)
        {
            return;
        }
        if ((buffer.getByte(offset + FLAGS_OFFSET) & FLAG_DISCARD) != 0)
        {
            op.complete();
            return;
        }
        op.peerToken = buffer.getLong(offset + RECEIVER_TOKEN_OFFSET);
        op.bytesDone = 0;
        op.state = Operation.State.STREAMING;
        enqueue(op.peer, op);
        drainQueue(op.peer);
    }

    private void onData(final DirectBuffer buffer, final int offset, final int length)
    {
        final Operation op = lookup(buffer.getLong(offset + RECEIVER_TOKEN_OFFSET));
        if (op == null || op.kind != Operation.Kind.RECV || op.state != Operation.State.RECEIVING)
        {
            return;
        }
        final int at = buffer.getInt(offset + LENGTH_OFFSET);
        final int chunk = length - FragmentHeader.LENGTH;
        op.recvBuffer.putBytes(op.offset + at, buffer, offset + FragmentHeader.LENGTH, chunk);
        op.bytesDone += chunk;
        if (op.bytesDone >= op.messageLength)
        {
            op.complete();
        }
    }

    private void onFinished(final DirectBuffer buffer, final int offset)
    {
        final Operation op = lookup(buffer.getLong(offset + SENDER_TOKEN_OFFSET));
        if (op == null || op.kind != Operation.Kind.SEND)
        {
            return;
        }
        if (op.descriptorLength > 0)
        {
            transport.releaseExposure(op.peer, op.descriptor, 0, op.descriptorLength);
        }
        op.complete();
    }

    private void onSyncAck(final DirectBuffer buffer, final int offset)
    {
        final Operation op = lookup(buffer.getLong(offset + SENDER_TOKEN_OFFSET));
        if (op != null && op.kind == Operation.Kind.SEND)
        {
            op.complete();
        }
    }

    @Override
    public void onPullComplete(final long token, final boolean success)
    {
        final Operation op = lookup(token);
        if (op == null || op.state != Operation.State.PULLING)
        {
            return;
        }
        if (success)
        {
            op.complete();
        }
        else
        {
            op.fail(ErrorClass.TRANSPORT, "the " + capabilities.name() + " transport could not pull " +
                op.messageLength + " bytes from rank " + op.context.commRankOf(op.matchedSource));
        }
        sendControl(op.matchedSource, FIN, success ? 0 : FLAG_DISCARD, op.peerToken, 0L);
    }

    @Override
    public void onPeerFailure(final int peer, final String reason)
    {
        if (peer < 0 || peer >= size || deadPeers[peer] != null)
        {
            return;
        }
        final String message = "rank " + peer + " is unreachable (" + reason + "); operations that involve it " +
            "cannot complete";
        deadPeers[peer] = message;
        queueHeads[peer] = null;
        queueTails[peer] = null;
        for (final Operation op : operations)
        {
            if (op.state == Operation.State.FREE || op.state == Operation.State.COMPLETE)
            {
                continue;
            }
            if (op.kind == Operation.Kind.CONTROL)
            {
                if (op.peer == peer)
                {
                    release(op);
                }
                continue;
            }
            if (op.kind == Operation.Kind.SEND && op.peer == peer)
            {
                op.fail(ErrorClass.PEER_DIED, message);
            }
            else if (op.kind == Operation.Kind.RECV)
            {
                if (op.state == Operation.State.POSTED &&
                    (op.peer == peer || op.peer == Communicator.ANY_SOURCE))
                {
                    op.context.removePosted(op);
                    op.fail(ErrorClass.PEER_DIED, message);
                }
                else if (op.state != Operation.State.POSTED && op.matchedSource == peer)
                {
                    op.fail(ErrorClass.PEER_DIED, message);
                }
            }
        }
    }

    /**
     * @return a message naming the dead rank, or null when it is alive (as far as we know).
     */
    public String deadPeer(final int worldRank)
    {
        return deadPeers[worldRank];
    }

    // ------------------------------------------------------------------ progress and waiting

    /**
     * Offers queued fragments and delivers arrivals once.
     *
     * @return the amount of work done; 0 when idle.
     */
    public int progress()
    {
        int work = 0;
        for (int i = 0; i < activeDestinationCount; )
        {
            final int destination = activeDestinations[i];
            work += drainQueue(destination);
            if (queueHeads[destination] == null)
            {
                inActiveSet[destination] = false;
                activeDestinations[i] = activeDestinations[--activeDestinationCount];
            }
            else
            {
                i++;
            }
        }
        work += transport.poll(this, POLL_LIMIT);
        if (taskCount > 0 && !runningTasks)
        {
            work += runTasks();
        }
        return work;
    }

    /**
     * Registers a task that advances with every {@link #progress()} until it reports done.
     */
    public void schedule(final ProgressTask task)
    {
        if (taskCount == tasks.length)
        {
            tasks = Arrays.copyOf(tasks, taskCount * 2);
        }
        tasks[taskCount++] = task;
    }

    private int runTasks()
    {
        runningTasks = true;
        int work = 0;
        try
        {
            for (int i = 0; i < taskCount; )
            {
                final int done = tasks[i].progress();
                if (done < 0)
                {
                    work++;
                    System.arraycopy(tasks, i + 1, tasks, i, taskCount - i - 1);
                    tasks[--taskCount] = null;
                }
                else
                {
                    work += done;
                    i++;
                }
            }
        }
        finally
        {
            runningTasks = false;
        }
        return work;
    }

    /**
     * Drives progress until {@code op} completes: spin, then back off, then block in the
     * transport.
     */
    public void awaitCompletion(final Operation op)
    {
        if (op.state == Operation.State.COMPLETE)
        {
            return;
        }
        idleStrategy.reset();
        while (op.state != Operation.State.COMPLETE)
        {
            idleStrategy.idle(progress());
        }
    }

    /**
     * One step of the waiting strategy after {@code work} units of work.
     */
    public void idle(final int work)
    {
        idleStrategy.idle(work);
    }

    /**
     * Resets the waiting strategy (before a new wait).
     */
    public void resetIdle()
    {
        idleStrategy.reset();
    }

    boolean cancel(final Operation op)
    {
        if (op.kind == Operation.Kind.RECV && op.state == Operation.State.POSTED)
        {
            op.context.removePosted(op);
            op.cancelled = true;
            op.matchedSource = Communicator.ANY_SOURCE;
            op.matchedTag = Communicator.ANY_TAG;
            op.messageLength = 0;
            op.complete();
            return true;
        }
        return false;
    }

    /**
     * A dissemination barrier on the reserved finalize context: returns once every rank has
     * entered it, progressing all the while so that peers can finish their exchanges with this
     * rank. Collective.
     */
    public void finalizeBarrier()
    {
        registerContext(FINALIZE_CONTEXT, null);
        for (int distance = 1; distance < size; distance <<= 1)
        {
            final int to = (rank + distance) % size;
            final int from = (rank - distance + size) % size;
            final Operation receive = startRecv(FINALIZE_CONTEXT, selfControlScratch, 0, 0, from, distance);
            final Operation send = startSend(FINALIZE_CONTEXT, selfControlScratch, 0, 0, to, distance, false);
            awaitCompletion(send);
            send.finish(null);
            awaitCompletion(receive);
            receive.finish(null);
        }
    }

    /**
     * Waits for queued sends to leave, then stops. The caller synchronises the ranks first.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        idleStrategy.reset();
        while (activeDestinationCount > 0)
        {
            idleStrategy.idle(progress());
        }
        closed = true;
        transport.close();
    }

    public boolean isClosed()
    {
        return closed;
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new MyrmidonException(ErrorClass.NOT_INITIALIZED,
                "this Myrmidon instance is closed; operations must come between init and close");
        }
    }

    // ------------------------------------------------------------------ pools

    private Operation acquire(final Operation.Kind kind)
    {
        if (freeCount == 0)
        {
            growOperations(operations.length * 2);
        }
        final Operation op = operations[freeSlots[--freeCount]];
        op.kind = kind;
        op.state = Operation.State.QUEUED;
        return op;
    }

    void release(final Operation op)
    {
        if (op.state == Operation.State.FREE)
        {
            return;
        }
        op.state = Operation.State.FREE;
        op.generation++;
        op.reset();
        freeSlots[freeCount++] = op.slot;
    }

    private void growOperations(final int newLength)
    {
        final int oldLength = operations.length;
        operations = Arrays.copyOf(operations, newLength);
        freeSlots = Arrays.copyOf(freeSlots, newLength);
        for (int i = newLength - 1; i >= oldLength; i--)
        {
            operations[i] = new Operation(this, i);
            freeSlots[freeCount++] = i;
        }
    }

    private Operation lookup(final long token)
    {
        final int slot = (int)token;
        if (slot < 0 || slot >= operations.length)
        {
            return null;
        }
        final Operation op = operations[slot];
        return op.generation == (int)(token >>> 32) && op.state != Operation.State.FREE ? op : null;
    }

    private void recycle(final UnexpectedMessage message)
    {
        message.next = null;
        unexpectedPool.push(message);
    }

    /**
     * @return the number of operations currently in use (for tests and leak checks).
     */
    public int operationsInUse()
    {
        return operations.length - freeCount;
    }
}
