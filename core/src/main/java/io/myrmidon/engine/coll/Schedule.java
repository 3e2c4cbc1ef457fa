package io.myrmidon.engine.coll;

import io.myrmidon.Datatype;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Op;
import io.myrmidon.engine.Engine;
import io.myrmidon.engine.Operation;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * The steps of one collective call, as an algorithm gives them. A <em>recording</em> schedule
 * (non-blocking collectives) keeps the steps and executes them a little on every call into the
 * library ({@link #progress()}); an <em>immediate</em> schedule (blocking collectives) executes
 * each step as it is given and waits at each {@link #fence()}, so a blocking call pays for no
 * recording, and its eager sends go out without a request. One algorithm thus serves both, with
 * the same messages in the same order.
 *
 * <h2>Rounds</h2>
 * Steps run in rounds separated by {@link #fence()}. A round starts its steps in recorded order:
 * local steps ({@link #copy}, {@link #reduce}) run at once, sends and receives are started; the
 * next round begins when every send and receive of this one has completed. So a local step that
 * uses received data goes after a fence.
 *
 * <h2>Messages</h2>
 * Peers are ranks of the communicator; every message goes on the communicator's collective
 * context with the tag of this call, so it never matches user traffic, nor another collective
 * call of the same communicator.
 *
 * <h2>Immediate execution</h2>
 * Steps run as they are given: receives are posted, sends of up to the engine's eager limit are
 * offered at once (no request; the data is copied out before {@link #send} returns), larger sends
 * are started, local steps run; {@link #fence()} waits for the posted receives and started sends.
 * After a failure the remaining steps are skipped and {@link #run()} throws it.
 *
 * <h2>Memory</h2>
 * Step arrays and the scratch buffer grow to the largest call and are then reused: a schedule
 * that is reset and refilled allocates nothing in steady state. Not thread safe.
 */
public final class Schedule
{
    private static final byte SEND = 0;
    private static final byte RECV = 1;
    private static final byte REDUCE = 2;
    private static final byte COPY = 3;
    private static final byte FENCE = 4;

    private final Engine engine;
    private final int contextId;
    private final int[] commToWorld;
    private final boolean immediate;
    private int tag;

    private byte[] kinds = new byte[16];
    private DirectBuffer[] firsts = new DirectBuffer[16];
    private int[] firstOffsets = new int[16];
    private DirectBuffer[] seconds = new DirectBuffer[16];
    private int[] secondOffsets = new int[16];
    private MutableDirectBuffer[] outs = new MutableDirectBuffer[16];
    private int[] outOffsets = new int[16];
    private int[] lengths = new int[16];
    private int[] peers = new int[16];
    private Datatype[] types = new Datatype[16];
    private Op[] ops = new Op[16];
    private int stepCount;

    private Operation[] inFlight = new Operation[8];
    private int inFlightCount;
    private int nextStep;
    private MyrmidonException error;

    private UnsafeBuffer scratch = new UnsafeBuffer(0, 0);
    private UnsafeBuffer userTemp = new UnsafeBuffer(0, 0);

    /**
     * @param engine      the rank's engine.
     * @param contextId   the communicator's collective context.
     * @param commToWorld world rank of each communicator rank.
     * @param immediate   true to execute steps as they are given (blocking calls), false to
     *                    record them for {@link #progress()} (non-blocking calls).
     */
    Schedule(final Engine engine, final int contextId, final int[] commToWorld, final boolean immediate)
    {
        this.engine = engine;
        this.contextId = contextId;
        this.commToWorld = commToWorld;
        this.immediate = immediate;
    }

    /**
     * Empties the schedule for a new call.
     *
     * @param tag the call's tag, the same on every rank.
     */
    void reset(final int tag)
    {
        for (int i = 0; i < stepCount; i++)
        {
            firsts[i] = null;
            seconds[i] = null;
            outs[i] = null;
            types[i] = null;
            ops[i] = null;
        }
        this.tag = tag;
        stepCount = 0;
        nextStep = 0;
        inFlightCount = 0;
        error = null;
    }

    /**
     * Gives the scratch memory of this call: ask once per call, before recording steps on it.
     *
     * @param bytes at least this many.
     */
    MutableDirectBuffer scratch(final long bytes)
    {
        if (bytes > Integer.MAX_VALUE - 64)
        {
            throw new MyrmidonException(io.myrmidon.ErrorClass.COUNT, "a collective needs " + bytes +
                " bytes of scratch memory, more than a buffer can hold; use smaller counts");
        }
        if (scratch.capacity() < bytes)
        {
            scratch = new UnsafeBuffer(BufferUtil.allocateDirectAligned(alignedCapacity((int)bytes), 64));
        }
        return scratch;
    }

    // ------------------------------------------------------------------ recording

    void send(final DirectBuffer buffer, final int offset, final int length, final int peer)
    {
        if (immediate)
        {
            sendNow(buffer, offset, length, peer);
            return;
        }
        final int i = add(SEND);
        firsts[i] = buffer;
        firstOffsets[i] = offset;
        lengths[i] = length;
        peers[i] = peer;
    }

    void recv(final MutableDirectBuffer buffer, final int offset, final int length, final int peer)
    {
        if (immediate)
        {
            if (error == null)
            {
                track(engine.startRecv(contextId, buffer, offset, length, commToWorld[peer], tag));
            }
            return;
        }
        final int i = add(RECV);
        outs[i] = buffer;
        outOffsets[i] = offset;
        lengths[i] = length;
        peers[i] = peer;
    }

    /**
     * Records {@code out = first op second} over {@code count} elements; {@code first} holds the
     * lower ranks' values. {@code out} may be the same memory as either input.
     */
    void reduce(final DirectBuffer first, final int firstOffset, final DirectBuffer second, final int secondOffset,
        final MutableDirectBuffer out, final int outOffset, final int count, final Datatype type, final Op op)
    {
        if (count == 0)
        {
            return;
        }
        if (immediate)
        {
            if (error == null)
            {
                combine(first, firstOffset, second, secondOffset, out, outOffset, count, type, op);
            }
            return;
        }
        final int i = add(REDUCE);
        firsts[i] = first;
        firstOffsets[i] = firstOffset;
        seconds[i] = second;
        secondOffsets[i] = secondOffset;
        outs[i] = out;
        outOffsets[i] = outOffset;
        lengths[i] = count;
        types[i] = type;
        ops[i] = op;
    }

    void copy(final DirectBuffer source, final int sourceOffset, final MutableDirectBuffer target,
        final int targetOffset, final int length)
    {
        if (length == 0 || (source == target && sourceOffset == targetOffset))
        {
            return;
        }
        if (immediate)
        {
            if (error == null)
            {
                target.putBytes(targetOffset, source, sourceOffset, length);
            }
            return;
        }
        final int i = add(COPY);
        firsts[i] = source;
        firstOffsets[i] = sourceOffset;
        outs[i] = target;
        outOffsets[i] = targetOffset;
        lengths[i] = length;
    }

    /**
     * Ends a round: later steps start once this round's messages have completed.
     */
    void fence()
    {
        if (immediate)
        {
            awaitInFlight();
            return;
        }
        if (stepCount > 0 && kinds[stepCount - 1] != FENCE)
        {
            add(FENCE);
        }
    }

    // ------------------------------------------------------------------ executing

    /**
     * Executes the whole schedule, waiting as the engine waits (spin, back off, block).
     *
     * @throws MyrmidonException the first failure of a message (all of a round's messages are
     *                           waited for first).
     */
    void run()
    {
        while (nextStep < stepCount && error == null)
        {
            startRound();
            awaitInFlight();
        }
        awaitInFlight();
        if (error != null)
        {
            throw error;
        }
    }

    private void awaitInFlight()
    {
        if (inFlightCount > 0)
        {
            for (int i = 0; i < inFlightCount; i++)
            {
                engine.awaitCompletion(inFlight[i]);
            }
            finishRound();
        }
    }

    private void sendNow(final DirectBuffer buffer, final int offset, final int length, final int peer)
    {
        if (error != null)
        {
            return;
        }
        if (length > engine.eagerLimit())
        {
            track(engine.startSend(contextId, buffer, offset, length, commToWorld[peer], tag, false));
            return;
        }
        try
        {
            engine.sendBlocking(contextId, buffer, offset, length, commToWorld[peer], tag);
        }
        catch (final MyrmidonException ex)
        {
            error = ex; // the receives already posted are still waited for, at the next fence
        }
    }

    /**
     * Advances without waiting: finishes the current round if its messages are done, and starts
     * the next ones.
     *
     * @return the work done: positive when something moved.
     */
    int progress()
    {
        int work = 0;
        while (!isDone())
        {
            for (int i = 0; i < inFlightCount; i++)
            {
                if (!inFlight[i].isComplete())
                {
                    return work;
                }
            }
            if (inFlightCount > 0)
            {
                finishRound();
                work++;
            }
            if (nextStep < stepCount && error == null)
            {
                startRound();
                work++;
            }
        }
        return work;
    }

    /**
     * @return true when every step ran (or a failure stopped the schedule) and no message is in
     * flight.
     */
    boolean isDone()
    {
        return inFlightCount == 0 && (nextStep >= stepCount || error != null);
    }

    /**
     * @return the failure that stopped the schedule, or null.
     */
    MyrmidonException error()
    {
        return error;
    }

    private void startRound()
    {
        while (nextStep < stepCount)
        {
            final int i = nextStep++;
            switch (kinds[i])
            {
                case SEND -> track(engine.startSend(contextId, firsts[i], firstOffsets[i], lengths[i],
                    commToWorld[peers[i]], tag, false));
                case RECV -> track(engine.startRecv(contextId, outs[i], outOffsets[i], lengths[i],
                    commToWorld[peers[i]], tag));
                case COPY -> outs[i].putBytes(outOffsets[i], firsts[i], firstOffsets[i], lengths[i]);
                case REDUCE -> executeReduce(i);
                default ->
                {
                    return;
                }
            }
        }
    }

    private void finishRound()
    {
        for (int i = 0; i < inFlightCount; i++)
        {
            final Operation op = inFlight[i];
            inFlight[i] = null;
            try
            {
                op.waitFor(null);
            }
            catch (final MyrmidonException ex)
            {
                if (error == null)
                {
                    error = ex;
                }
            }
        }
        inFlightCount = 0;
    }

    private void executeReduce(final int i)
    {
        combine(firsts[i], firstOffsets[i], seconds[i], secondOffsets[i], outs[i], outOffsets[i], lengths[i], types[i],
            ops[i]);
    }

    private void combine(final DirectBuffer first, final int firstOffset, final DirectBuffer second,
        final int secondOffset, final MutableDirectBuffer out, final int outOffset, final int count,
        final Datatype type, final Op op)
    {
        if (op.isUserDefined() && out == first && outOffset == firstOffset)
        {
            final int bytes = count * type.size();
            if (userTemp.capacity() < bytes)
            {
                userTemp = new UnsafeBuffer(BufferUtil.allocateDirectAligned(alignedCapacity(bytes), 64));
            }
            op.combine(first, firstOffset, second, secondOffset, userTemp, 0, count, type);
            out.putBytes(outOffset, userTemp, 0, bytes);
            return;
        }
        op.combine(first, firstOffset, second, secondOffset, out, outOffset, count, type);
    }

    private void track(final Operation op)
    {
        if (inFlightCount == inFlight.length)
        {
            inFlight = Arrays.copyOf(inFlight, inFlightCount * 2);
        }
        inFlight[inFlightCount++] = op;
    }

    private int add(final byte kind)
    {
        if (stepCount == kinds.length)
        {
            final int length = stepCount * 2;
            kinds = Arrays.copyOf(kinds, length);
            firsts = Arrays.copyOf(firsts, length);
            firstOffsets = Arrays.copyOf(firstOffsets, length);
            seconds = Arrays.copyOf(seconds, length);
            secondOffsets = Arrays.copyOf(secondOffsets, length);
            outs = Arrays.copyOf(outs, length);
            outOffsets = Arrays.copyOf(outOffsets, length);
            lengths = Arrays.copyOf(lengths, length);
            peers = Arrays.copyOf(peers, length);
            types = Arrays.copyOf(types, length);
            ops = Arrays.copyOf(ops, length);
        }
        kinds[stepCount] = kind;
        return stepCount++;
    }

    private static int alignedCapacity(final int bytes)
    {
        final int rounded = Math.max(64, Integer.highestOneBit(Math.max(1, bytes - 1)) << 1);
        return rounded < 0 ? bytes : Math.max(rounded, bytes);
    }
}
