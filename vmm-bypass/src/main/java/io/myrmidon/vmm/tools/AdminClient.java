package io.myrmidon.vmm.tools;

import java.nio.file.Path;

import io.myrmidon.vnic.protocol.ControlException;
import io.myrmidon.vnic.sys.SeqPacketSocket;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.protocol.ControlProtocol.*;

/**
 * The host administrator's control connection: sets VM weights and quotas. Not thread safe.
 */
public final class AdminClient implements AutoCloseable
{
    private final SeqPacketSocket socket;
    private final UnsafeBuffer request;
    private final UnsafeBuffer response;
    private final int[] fds = new int[SeqPacketSocket.MAX_FDS];
    private long correlationId;

    /**
     * @param socketPath the VMM socket.
     */
    public AdminClient(final Path socketPath)
    {
        socket = SeqPacketSocket.connect(socketPath);
        request = new UnsafeBuffer(socket.sendBuffer().address(), SeqPacketSocket.MAX_MESSAGE);
        response = new UnsafeBuffer(socket.receiveBuffer().address(), SeqPacketSocket.MAX_MESSAGE);
        call(ADMIN, 0, 0);
    }

    /**
     * @param vm     VM id.
     * @param weight arbitration weight.
     */
    public void setWeight(final int vm, final int weight)
    {
        call(SET_WEIGHT, vm, weight);
    }

    /**
     * @param vm    VM id.
     * @param quota endpoint quota.
     */
    public void setQuota(final int vm, final int quota)
    {
        call(SET_QUOTA, vm, quota);
    }

    private void call(final int opcode, final int vm, final int value)
    {
        request.putInt(OPCODE_OFFSET, opcode);
        request.putLong(CORRELATION_ID_OFFSET, ++correlationId);
        request.putInt(BODY_OFFSET, vm);
        request.putInt(BODY_OFFSET + 4, value);
        socket.send(BODY_OFFSET + 8);
        final int length = socket.receive(fds);
        if (length < BODY_OFFSET)
        {
            throw new ControlException(INTERNAL, "the VMM closed the connection");
        }
        final int code = response.getInt(ERROR_CODE_OFFSET);
        if (code != OK)
        {
            throw new ControlException(code, response.getStringWithoutLengthUtf8(BODY_OFFSET + 4,
                response.getInt(BODY_OFFSET)));
        }
    }

    @Override
    public void close()
    {
        socket.close();
    }
}
