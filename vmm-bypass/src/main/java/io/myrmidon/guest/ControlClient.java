package io.myrmidon.guest;

import java.nio.file.Path;

import io.myrmidon.vnic.protocol.ControlException;
import io.myrmidon.vnic.sys.SeqPacketSocket;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.protocol.ControlProtocol.*;

/**
 * The guest's side of the control socket: writes requests, waits for the response with the same correlation id.
 * Thread safe: one request at a time (the lock is uncontended in the usual single-threaded guest).
 */
public final class ControlClient implements AutoCloseable
{
    private final SeqPacketSocket socket;
    private final UnsafeBuffer request;
    private final UnsafeBuffer response;
    private final int[] fds = new int[SeqPacketSocket.MAX_FDS];
    private long nextCorrelationId = 1;

    /**
     * @param socketPath the VMM's socket.
     */
    public ControlClient(final Path socketPath)
    {
        socket = SeqPacketSocket.connect(socketPath);
        request = new UnsafeBuffer(socket.sendBuffer().address(), SeqPacketSocket.MAX_MESSAGE);
        response = new UnsafeBuffer(socket.receiveBuffer().address(), SeqPacketSocket.MAX_MESSAGE);
    }

    /**
     * Start a request; write arguments at {@link io.myrmidon.vnic.protocol.ControlProtocol#BODY_OFFSET} of
     * {@link #request()}, then {@link #call(int, int...)}. Hold the client's lock across both
     * ({@code synchronized (client)}).
     *
     * @param opcode the operation.
     * @return the request buffer.
     */
    UnsafeBuffer begin(final int opcode)
    {
        request.putInt(OPCODE_OFFSET, opcode);
        request.putInt(ERROR_CODE_OFFSET, 0);
        request.putLong(CORRELATION_ID_OFFSET, nextCorrelationId++);
        return request;
    }

    UnsafeBuffer request()
    {
        return request;
    }

    /**
     * Send the request begun with {@link #begin(int)} and wait for its response.
     *
     * @param bodyLength bytes of arguments.
     * @param passFds    descriptors to pass.
     * @return the response buffer (results at BODY_OFFSET), valid until the next call.
     * @throws ControlException when the VMM answered with an error.
     */
    DirectBuffer call(final int bodyLength, final int... passFds)
    {
        socket.send(BODY_OFFSET + bodyLength, passFds);
        return awaitResponse();
    }

    /**
     * As {@link #call(int, int...)} without descriptors, and without allocating (mediated posts use it).
     */
    DirectBuffer call(final int bodyLength)
    {
        socket.send(BODY_OFFSET + bodyLength);
        return awaitResponse();
    }

    /**
     * Send a request without descriptors and return the response's error code instead of throwing for
     * {@code BACK_PRESSURE}: the mediated data path, which must not throw in steady state.
     *
     * @param bodyLength bytes of arguments.
     * @return {@code OK} or {@code BACK_PRESSURE}.
     * @throws ControlException for any other error.
     */
    int callAllowingBackPressure(final int bodyLength)
    {
        socket.send(BODY_OFFSET + bodyLength);
        final long correlationId = request.getLong(CORRELATION_ID_OFFSET);
        while (true)
        {
            final int length = socket.receive(fds);
            if (length < 0)
            {
                throw new ControlException(INTERNAL, "the VMM closed the control connection (host daemon stopped?)");
            }
            if (length >= BODY_OFFSET && response.getLong(CORRELATION_ID_OFFSET) == correlationId)
            {
                final int code = response.getInt(ERROR_CODE_OFFSET);
                if (code == OK || code == BACK_PRESSURE)
                {
                    return code;
                }
                throw new ControlException(code, response.getStringWithoutLengthUtf8(BODY_OFFSET + 4,
                    response.getInt(BODY_OFFSET)));
            }
        }
    }

    private DirectBuffer awaitResponse()
    {
        final long correlationId = request.getLong(CORRELATION_ID_OFFSET);
        while (true)
        {
            final int length = socket.receive(fds);
            if (length < 0)
            {
                throw new ControlException(INTERNAL, "the VMM closed the control connection (host daemon stopped?)");
            }
            if (length < BODY_OFFSET || response.getLong(CORRELATION_ID_OFFSET) != correlationId)
            {
                continue;
            }
            final int code = response.getInt(ERROR_CODE_OFFSET);
            if (code != OK)
            {
                final int n = response.getInt(BODY_OFFSET);
                throw new ControlException(code, response.getStringWithoutLengthUtf8(BODY_OFFSET + 4, n));
            }
            return response;
        }
    }

    /**
     * @param index 0-based.
     * @return a descriptor received with the last response (the caller owns it), or -1.
     */
    int receivedFd(final int index)
    {
        return fds[index];
    }

    /**
     * Ask to be detached, then close. The VMM also detaches when the socket simply closes.
     */
    @Override
    public synchronized void close()
    {
        try
        {
            begin(DETACH);
            call(0);
        }
        catch (final RuntimeException ignore)
        {
            // the VMM may already be gone; closing the socket is what matters
        }
        socket.close();
    }

}
