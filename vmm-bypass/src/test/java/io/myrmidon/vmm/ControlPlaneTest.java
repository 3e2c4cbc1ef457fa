package io.myrmidon.vmm;

import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import io.myrmidon.guest.EndpointMode;
import io.myrmidon.guest.GuestDriver;
import io.myrmidon.guest.GuestEndpoint;
import io.myrmidon.nic.Nic;
import io.myrmidon.vmm.tools.AdminClient;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.protocol.ControlException;
import io.myrmidon.vnic.sys.SeqPacketSocket;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.myrmidon.vnic.protocol.ControlProtocol.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VMM's control plane in-process (NIC thread, VMM server, a guest driver in this JVM): errors carry the
 * request's correlation id, a code and a message; quotas and administrator-only operations hold.
 */
@Timeout(30)
class ControlPlaneTest
{
    private Path dir;
    private Nic nic;
    private VmmServer server;
    private UnsafeBuffer counters;

    @BeforeEach
    void start() throws Exception
    {
        dir = Files.createTempDirectory(Path.of("/tmp"), "myr-vmm-");
        counters = new UnsafeBuffer(new byte[CountersDescriptor.TOTAL_LENGTH]);
        nic = new Nic(0, counters);
        server = new VmmServer(new Vmm(nic, counters), dir.resolve("vmm.sock"));
    }

    @AfterEach
    void stop() throws Exception
    {
        server.close();
        nic.close();
        Files.deleteIfExists(dir);
    }

    @Test
    void errorsCarryCorrelationIdCodeAndMessage()
    {
        try (SeqPacketSocket socket = SeqPacketSocket.connect(dir.resolve("vmm.sock")))
        {
            final int[] fds = new int[SeqPacketSocket.MAX_FDS];
            socket.sendBuffer().set(ValueLayout.JAVA_INT, OPCODE_OFFSET, OPEN_ENDPOINT);
            socket.sendBuffer().set(ValueLayout.JAVA_LONG, CORRELATION_ID_OFFSET, 1234L);
            socket.send(BODY_OFFSET + 4);
            socket.receive(fds);
            assertEquals(1234L, socket.receiveBuffer().get(ValueLayout.JAVA_LONG, CORRELATION_ID_OFFSET));
            assertEquals(NOT_ATTACHED, socket.receiveBuffer().get(ValueLayout.JAVA_INT, ERROR_CODE_OFFSET));
            assertTrue(message(socket).contains("attach first"), message(socket));

            socket.sendBuffer().set(ValueLayout.JAVA_INT, OPCODE_OFFSET, ADMIN);
            socket.sendBuffer().set(ValueLayout.JAVA_LONG, CORRELATION_ID_OFFSET, 1235L);
            socket.send(BODY_OFFSET);
            socket.receive(fds);
            assertEquals(OK, socket.receiveBuffer().get(ValueLayout.JAVA_INT, ERROR_CODE_OFFSET));

            socket.sendBuffer().set(ValueLayout.JAVA_INT, OPCODE_OFFSET, 77);
            socket.sendBuffer().set(ValueLayout.JAVA_LONG, CORRELATION_ID_OFFSET, 99L);
            socket.send(BODY_OFFSET);
            socket.receive(fds);
            assertEquals(99L, socket.receiveBuffer().get(ValueLayout.JAVA_LONG, CORRELATION_ID_OFFSET));
            assertEquals(BAD_REQUEST, socket.receiveBuffer().get(ValueLayout.JAVA_INT, ERROR_CODE_OFFSET));
            assertTrue(message(socket).contains("unknown opcode 77"), message(socket));

            socket.send(3);
            socket.receive(fds);
            assertEquals(BAD_REQUEST, socket.receiveBuffer().get(ValueLayout.JAVA_INT, ERROR_CODE_OFFSET));
        }
    }

    @Test
    void quotasWeightsAndModesAreEnforced()
    {
        try (GuestDriver guest = GuestDriver.attach(dir.resolve("vmm.sock"), 1 << 20);
            AdminClient admin = new AdminClient(dir.resolve("vmm.sock")))
        {
            admin.setQuota(guest.vmId(), 2);
            final GuestEndpoint first = guest.openEndpoint(EndpointMode.BYPASS);
            final GuestEndpoint second = guest.openEndpoint(EndpointMode.MEDIATED);
            final ControlException quota = assertThrows(ControlException.class,
                () -> guest.openEndpoint(EndpointMode.BYPASS));
            assertEquals(QUOTA_EXCEEDED, quota.code());
            first.close();
            guest.openEndpoint(EndpointMode.BYPASS).close();
            second.close();

            assertEquals(BAD_REQUEST, assertThrows(ControlException.class,
                () -> guest.openEndpoint(EndpointMode.NATIVE)).code(), "a VM cannot open a native endpoint");
            assertEquals(BAD_REQUEST, assertThrows(ControlException.class,
                () -> admin.setWeight(guest.vmId(), 0)).code());
            admin.setWeight(guest.vmId(), 5);
            assertEquals(5, guest.statistic(CountersDescriptor.VM_WEIGHT));
            assertEquals(NOT_FOUND, assertThrows(ControlException.class, () -> admin.setWeight(15, 2)).code());
        }
    }

    @Test
    void nativeProcessBringsItsOwnMemoryAndCountsAsDriverOperations()
    {
        final long vmmOps = counters.getLongVolatile(CountersDescriptor.VMM_OPS_OFFSET);
        try (GuestDriver host = GuestDriver.attachNative(dir.resolve("vmm.sock"), 1 << 20);
            GuestEndpoint endpoint = host.openEndpoint(EndpointMode.NATIVE))
        {
            assertTrue(host.isNative());
            assertEquals(2, host.statistic(CountersDescriptor.VM_STATE));
            assertTrue(endpoint.address().key() != 0);
            assertEquals(vmmOps, counters.getLongVolatile(CountersDescriptor.VMM_OPS_OFFSET),
                "a native process's control operations bypass the VMM");
            assertTrue(counters.getLongVolatile(CountersDescriptor.DRIVER_OPS_OFFSET) >= 3);
        }
    }

    private static String message(final SeqPacketSocket socket)
    {
        final int length = socket.receiveBuffer().get(ValueLayout.JAVA_INT, BODY_OFFSET);
        final byte[] text = new byte[length];
        for (int i = 0; i < length; i++)
        {
            text[i] = socket.receiveBuffer().get(ValueLayout.JAVA_BYTE, BODY_OFFSET + 4 + i);
        }
        return new String(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
