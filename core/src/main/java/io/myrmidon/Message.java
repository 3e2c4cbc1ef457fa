package io.myrmidon;

import io.myrmidon.engine.UnexpectedMessage;

/**
 * A message taken out of matching by a matched probe ({@code MPI_Message}, from
 * {@link Communicator#mProbe} or {@link Communicator#imProbe}): no receive can match it any more,
 * so another thread's or a later wildcard receive cannot take it; only
 * {@link Communicator#mRecv} or {@link Communicator#imRecv} with this object receives it, once.
 * A probe of {@link Communicator#PROC_NULL} gives the "no process" message, whose receive
 * completes at once ({@code MPI_MESSAGE_NO_PROC}).
 *
 * <p>Not thread safe: hand it to the thread that receives it.
 */
public final class Message
{
    final Communicator communicator;
    private UnexpectedMessage message;
    private final boolean noProcess;

    Message(final Communicator communicator, final UnexpectedMessage message, final boolean noProcess)
    {
        this.communicator = communicator;
        this.message = message;
        this.noProcess = noProcess;
    }

    /**
     * @return true for the message of a probe of {@link Communicator#PROC_NULL}.
     */
    public boolean isNoProcess()
    {
        return noProcess;
    }

    /**
     * @return true once the message was received (or for the "no process" message, never).
     */
    public boolean isReceived()
    {
        return !noProcess && message == null;
    }

    /**
     * @return the engine's message, handed over once to its receive.
     */
    UnexpectedMessage take(final String operation)
    {
        if (message == null)
        {
            throw new MyrmidonException(ErrorClass.REQUEST, operation + ": this message was already received; a " +
                "matched probe's message is received once");
        }
        final UnexpectedMessage taken = message;
        message = null;
        return taken;
    }
}
