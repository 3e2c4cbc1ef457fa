package io.myrmidon.engine;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Request;
import io.myrmidon.Status;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pooled operation of the engine: a user's send or receive, or a control fragment waiting
 * for room at a peer. Its {@link #token()} (slot and generation) names it in fragments, so a
 * stale token from a cancelled or recycled operation is recognised and ignored.
 *
 * <p>Not thread safe: owned by the engine's thread.
 */
public final class Operation extends Request
{
    enum Kind
    {
        SEND, RECV, CONTROL
    }

    enum State
    {
        /** In the pool. */
        FREE,
        /** Send: waiting in the destination's queue for its first fragment to be offered. */
        QUEUED,
        /** Send: eager sync sent, waiting for SYNC_ACK; RTS sent, waiting for CTS or FIN. */
        AWAIT_REPLY,
        /** Send: streaming DATA after a CTS (in the destination's queue). */
        STREAMING,
        /** Receive: posted, not matched yet. */
        POSTED,
        /** Receive: matched a streamed rendezvous, waiting for DATA. */
        RECEIVING,
        /** Receive: matched a pull rendezvous, waiting for the transport's pull. */
        PULLING,
        /** Done; waiting for the user to test or wait. */
        COMPLETE
    }

    final Engine engine;
    final int slot;
    int generation;
    Kind kind;
    State state = State.FREE;

    // what the user asked for
    DirectBuffer sendBuffer;
    MutableDirectBuffer recvBuffer;
    int offset;
    int length;
    /** Send: destination world rank. Receive: source world rank or ANY_SOURCE. */
    int peer;
    int tag;
    MatchingContext context;
    boolean synchronous;

    // protocol state
    long peerToken;
    /** Control fragments: the receiver token they carry. */
    long receiverToken;
    int bytesDone;
    int messageLength;
    int matchedSource;
    int matchedTag;
    byte controlType;
    byte controlFlags;
    final UnsafeBuffer descriptor = new UnsafeBuffer(new byte[Engine.MAX_DESCRIPTOR_LENGTH]);
    int descriptorLength;

    // outcome
    ErrorClass error = ErrorClass.SUCCESS;
    String errorMessage;
    boolean cancelled;

    // intrusive links: the posted queue of a context, or a destination's send queue
    Operation next;
    Operation previous;

    Operation(final Engine engine, final int slot)
    {
        this.engine = engine;
        this.slot = slot;
    }

    /**
     * @return for a receive, the length of the message it got (0 when cancelled).
     */
    public int receivedLength()
    {
        return cancelled ? 0 : messageLength;
    }

    long token()
    {
        return ((long)generation << 32) | slot;
    }

    void reset()
    {
        sendBuffer = null;
        recvBuffer = null;
        context = null;
        synchronous = false;
        peerToken = 0;
        receiverToken = 0;
        bytesDone = 0;
        messageLength = 0;
        matchedSource = 0;
        matchedTag = 0;
        controlFlags = 0;
        descriptorLength = 0;
        error = ErrorClass.SUCCESS;
        errorMessage = null;
        cancelled = false;
        next = null;
        previous = null;
    }

    void complete()
    {
        state = State.COMPLETE;
    }

    void fail(final ErrorClass errorClass, final String message)
    {
        if (state == State.COMPLETE || state == State.FREE)
        {
            return;
        }
        error = errorClass;
        errorMessage = message;
        state = State.COMPLETE;
    }

    /**
     * @return true once the operation has completed (successfully or not), without releasing it or
     * driving progress. For the collectives' schedules, which then release it with
     * {@link #waitFor(Status)}.
     */
    public boolean isComplete()
    {
        return state == State.COMPLETE;
    }

    void fillStatus(final Status status)
    {
        if (status == null)
        {
            return;
        }
        if (kind == Kind.RECV)
        {
            final int source = cancelled ? io.myrmidon.Communicator.ANY_SOURCE : context.commRankOf(matchedSource);
            status.set(source, cancelled ? io.myrmidon.Communicator.ANY_TAG : matchedTag, messageLength, error, cancelled);
        }
        else
        {
            status.set(engine.rank(), tag, length, error, false);
        }
    }

    /**
     * Fills the status, releases the operation and throws if it failed. Called once, when the
     * user learns it is complete.
     */
    void finish(final Status status)
    {
        fillStatus(status);
        final ErrorClass errorClass = error;
        final String message = errorMessage;
        engine.release(this);
        if (errorClass != ErrorClass.SUCCESS)
        {
            throw new MyrmidonException(errorClass, message);
        }
    }

    private void checkActive()
    {
        if (state == State.FREE)
        {
            throw new MyrmidonException(ErrorClass.REQUEST,
                "this request was already reported complete and released; keep its Status instead of the request");
        }
    }

    @Override
    public boolean test(final Status status)
    {
        checkActive();
        if (state != State.COMPLETE)
        {
            engine.progress();
            if (state != State.COMPLETE)
            {
                return false;
            }
        }
        finish(status);
        return true;
    }

    @Override
    public void waitFor(final Status status)
    {
        checkActive();
        engine.awaitCompletion(this);
        finish(status);
    }

    @Override
    public boolean cancel()
    {
        checkActive();
        return engine.cancel(this);
    }

    @Override
    public boolean isActive()
    {
        return state != State.FREE;
    }

    @Override
    protected boolean isCompleteNoRelease()
    {
        checkActive();
        if (state != State.COMPLETE)
        {
            engine.progress();
        }
        return state == State.COMPLETE;
    }

    @Override
    protected void idle()
    {
        engine.idle(0);
    }

    @Override
    public String toString()
    {
        return "Request{" + kind + " " + state + " peer=" + peer + " tag=" + tag + " length=" + length + '}';
    }
}
