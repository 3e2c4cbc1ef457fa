package io.myrmidon.vmm;

import java.nio.charset.StandardCharsets;

import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.sys.FileDescriptors;
import io.myrmidon.vnic.sys.SeqPacketSocket;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.protocol.ControlProtocol.*;

/**
 * One control connection, which is one VM (or one native host process, or one admin tool): decodes requests,
 * calls the {@link Vmm}, answers with the correlation id. When the connection ends for any reason (detach, the
 * process died) the VM is detached and everything it had is revoked.
 * <p>
 * Runs on its own thread; nothing here is shared.
 */
final class VmConnection implements Runnable
{
    private final Vmm vmm;
    private final SeqPacketSocket socket;
    private final UnsafeBuffer request;
    private final UnsafeBuffer response;
    private final int[] fds = new int[SeqPacketSocket.MAX_FDS];
    private final Runnable onClose;
    private int vm = -1;
    private boolean admin;
    private boolean nativeProcess;

    VmConnection(final Vmm vmm, final SeqPacketSocket socket, final Runnable onClose)
    {
        this.vmm = vmm;
        this.socket = socket;
        this.onClose = onClose;
        request = new UnsafeBuffer(socket.receiveBuffer().address(), SeqPacketSocket.MAX_MESSAGE);
        response = new UnsafeBuffer(socket.sendBuffer().address(), SeqPacketSocket.MAX_MESSAGE);
    }

    @Override
    public void run()
    {
        try
        {
            boolean open = true;
            while (open)
            {
                final int length = socket.receive(fds);
                if (length < 0)
                {
                    break;
                }
                open = handle(length);
            }
        }
        catch (final RuntimeException e)
        {
            System.err.println("vmm: connection of VM " + vm + " failed: " + e.getMessage());
        }
        finally
        {
            if (vm >= 0)
            {
                final long start = System.nanoTime();
                vmm.detach(vm);
                System.err.printf("vmm: VM %d detached, revoked in %.1f ms%n", vm, (System.nanoTime() - start) / 1e6);
            }
            socket.close();
            onClose.run();
        }
    }

    private boolean handle(final int length)
    {
        final int opcode = length >= BODY_OFFSET ? request.getInt(OPCODE_OFFSET) : -1;
        final long correlationId = length >= BODY_OFFSET ? request.getLong(CORRELATION_ID_OFFSET) : 0;
        boolean keepOpen = true;
        try
        {
            if (length < BODY_OFFSET)
            {
                throw new VmmException(BAD_REQUEST, "request of " + length + " bytes is shorter than its header");
            }
            if (vm < 0 && !admin && opcode != ATTACH && opcode != ADMIN)
            {
                throw new VmmException(NOT_ATTACHED, "attach first (opcode " + ATTACH + ")");
            }
            // counted before the answer goes out, so a caller that reads the counters after it sees the count
            vmm.countOperation(vm >= 0 ? nativeProcess : opcode == ATTACH && length >= 28 &&
                request.getInt(BODY_OFFSET + 8) == KIND_NATIVE);
            keepOpen = dispatch(opcode, correlationId, length);
        }
        catch (final VmmException e)
        {
            error(opcode, correlationId, e.code, e.getMessage());
        }
        catch (final RuntimeException e)
        {
            error(opcode, correlationId, INTERNAL, String.valueOf(e.getMessage()));
        }
        finally
        {
            for (final int fd : fds)
            {
                FileDescriptors.close(fd);
            }
        }
        return keepOpen;
    }

    private boolean dispatch(final int opcode, final long correlationId, final int length)
    {
        switch (opcode)
        {
            case ATTACH ->
            {
                requireLength(length, 28);
                if (vm >= 0 || admin)
                {
                    throw new VmmException(BAD_REQUEST, "this connection is already attached as VM " + vm);
                }
                final long memoryBytes = request.getLong(BODY_OFFSET);
                final int kind = request.getInt(BODY_OFFSET + 8);
                final VmSlot slot;
                if (kind == KIND_NATIVE)
                {
                    slot = vmm.attachNative(fds[0], memoryBytes);
                    fds[0] = -1; // now owned by the VMM
                }
                else
                {
                    slot = vmm.attachGuest(memoryBytes);
                }
                vm = slot.id;
                nativeProcess = kind == KIND_NATIVE;
                begin(opcode, correlationId);
                response.putInt(BODY_OFFSET, slot.id);
                response.putInt(BODY_OFFSET + 4, vmm.nic().id());
                response.putLong(BODY_OFFSET + 8, memoryBytes);
                if (kind == KIND_NATIVE)
                {
                    socket.send(BODY_OFFSET + 16, vmm.nic().doorbell().fd());
                }
                else
                {
                    socket.send(BODY_OFFSET + 16, slot.memoryFd, vmm.nic().doorbell().fd());
                }
                return true;
            }
            case ADMIN ->
            {
                admin = vm < 0;
                if (!admin)
                {
                    throw new VmmException(FORBIDDEN, "an attached VM cannot become an administrator");
                }
                reply(opcode, correlationId, 0);
                return true;
            }
            case OPEN_ENDPOINT ->
            {
                requireVm();
                requireLength(length, 20);
                final int ep = vmm.openEndpoint(vm, request.getInt(BODY_OFFSET));
                begin(opcode, correlationId);
                response.putInt(BODY_OFFSET, ep);
                response.putInt(BODY_OFFSET + 4, vmm.endpointKey(ep));
                socket.send(BODY_OFFSET + 8, vmm.endpointFd(ep));
                return true;
            }
            case CLOSE_ENDPOINT ->
            {
                requireVm();
                requireLength(length, 20);
                vmm.closeEndpoint(vm, request.getInt(BODY_OFFSET));
                reply(opcode, correlationId, 0);
                return true;
            }
            case REGISTER_WINDOW ->
            {
                requireVm();
                requireLength(length, 36);
                final int key = vmm.registerWindow(
                    vm, request.getLong(BODY_OFFSET), request.getLong(BODY_OFFSET + 8), request.getInt(BODY_OFFSET + 16));
                begin(opcode, correlationId);
                response.putInt(BODY_OFFSET, key);
                socket.send(BODY_OFFSET + 4);
                return true;
            }
            case DEREGISTER_WINDOW ->
            {
                requireVm();
                requireLength(length, 20);
                vmm.deregisterWindow(vm, request.getInt(BODY_OFFSET));
                reply(opcode, correlationId, 0);
                return true;
            }
            case RESOLVE ->
            {
                requireLength(length, 24);
                final int key = vmm.resolve(request.getInt(BODY_OFFSET), request.getInt(BODY_OFFSET + 4));
                begin(opcode, correlationId);
                response.putInt(BODY_OFFSET, key);
                socket.send(BODY_OFFSET + 4);
                return true;
            }
            case POST ->
            {
                requireVm();
                requireLength(length, BODY_OFFSET + 8 + 128);
                vmm.post(vm, request.getInt(BODY_OFFSET), request, BODY_OFFSET + 8);
                reply(opcode, correlationId, 0);
                return true;
            }
            case SET_WEIGHT, SET_QUOTA ->
            {
                if (!admin)
                {
                    throw new VmmException(FORBIDDEN, "weights and quotas are set by the host administrator, not a VM");
                }
                requireLength(length, 24);
                if (opcode == SET_WEIGHT)
                {
                    vmm.setWeight(request.getInt(BODY_OFFSET), request.getInt(BODY_OFFSET + 4));
                }
                else
                {
                    vmm.setQuota(request.getInt(BODY_OFFSET), request.getInt(BODY_OFFSET + 4));
                }
                reply(opcode, correlationId, 0);
                return true;
            }
            case STATS ->
            {
                requireVm();
                begin(opcode, correlationId);
                response.putInt(BODY_OFFSET, vm);
                response.putBytes(BODY_OFFSET + 8, vmm.counters(), CountersDescriptor.vmRecord(vm),
                    CountersDescriptor.RECORD_LENGTH);
                socket.send(BODY_OFFSET + 8 + CountersDescriptor.RECORD_LENGTH);
                return true;
            }
            case DETACH ->
            {
                reply(opcode, correlationId, 0);
                return false;
            }
            default -> throw new VmmException(BAD_REQUEST, "unknown opcode " + opcode);
        }
    }

    private void requireVm()
    {
        if (vm < 0)
        {
            throw new VmmException(NOT_ATTACHED, "this operation needs an attached VM");
        }
    }

    private static void requireLength(final int length, final int needed)
    {
        if (length < needed)
        {
            throw new VmmException(BAD_REQUEST, "request of " + length + " bytes, this opcode needs " + needed);
        }
    }

    private void begin(final int opcode, final long correlationId)
    {
        response.putInt(OPCODE_OFFSET, opcode | RESPONSE);
        response.putInt(ERROR_CODE_OFFSET, OK);
        response.putLong(CORRELATION_ID_OFFSET, correlationId);
    }

    private void reply(final int opcode, final long correlationId, final int bodyLength)
    {
        begin(opcode, correlationId);
        socket.send(BODY_OFFSET + bodyLength);
    }

    private void error(final int opcode, final long correlationId, final int code, final String message)
    {
        response.putInt(OPCODE_OFFSET, opcode | RESPONSE);
        response.putInt(ERROR_CODE_OFFSET, code);
        response.putLong(CORRELATION_ID_OFFSET, correlationId);
        final byte[] text = message.getBytes(StandardCharsets.UTF_8);
        final int n = Math.min(text.length, 4000);
        response.putInt(BODY_OFFSET, n);
        response.putBytes(BODY_OFFSET + 4, text, 0, n);
        socket.send(BODY_OFFSET + 4 + n);
    }
}
