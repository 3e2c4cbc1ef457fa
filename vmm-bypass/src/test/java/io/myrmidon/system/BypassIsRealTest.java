package io.myrmidon.system;

import java.util.concurrent.TimeUnit;

import io.myrmidon.vmm.tools.VnicBenchPeer;
import io.myrmidon.vnic.layout.CountersDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters prove which path data took: in bypass mode the VMM's operation count does not move while
 * 100,000 messages flow between two guest JVMs; in mediated mode it grows with every message.
 */
class BypassIsRealTest
{
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void vmmOperationCountStandsStillInBypassAndGrowsInMediated() throws Exception
    {
        try (HostFixture host = new HostFixture())
        {
            final long[] bypass = run(host, "bypass", "0.1");
            assertTrue(bypass[1] >= 100_000, "only " + bypass[1] + " messages flowed");
            assertEquals(0, bypass[0], "the VMM handled " + bypass[0] + " operations during bypass data flow");

            final long[] mediated = run(host, "mediated", "0.01");
            assertTrue(mediated[1] >= 10_000, "only " + mediated[1] + " messages flowed");
            // one VMM operation per message; the two counters are read one after the other, so a post counted by
            // the VMM just before the first read can reach the NIC's message counter just after it (and the
            // last one the other way round)
            assertTrue(mediated[0] >= mediated[1] - 2,
                "mediated: " + mediated[0] + " VMM operations for " + mediated[1] + " messages");
        }
    }

    /**
     * @return VMM operations and NIC messages between the ping's header line and its result row.
     */
    private static long[] run(final HostFixture host, final String mode, final String scale) throws Exception
    {
        try (GuestProcess pong = new GuestProcess(VnicBenchPeer.class, "pong", host.dir().socket().toString(), mode))
        {
            final String[] address = pong.nextLineStartingWith("ADDR ", 30_000).split(" ");
            final int pongVm = Integer.parseInt(address[4]);
            try (GuestProcess ping = new GuestProcess(VnicBenchPeer.class, "ping", host.dir().socket().toString(),
                mode, address[1] + ":" + address[2], "8", scale, "hold"))
            {
                ping.nextLineStartingWith("#", 30_000);
                final long opsBefore = host.global(CountersDescriptor.VMM_OPS_OFFSET);
                final long messagesBefore = messages(host);
                final String row = ping.nextLineStartingWith(mode + " ", 120_000);
                final long opsAfter = host.global(CountersDescriptor.VMM_OPS_OFFSET);
                final long messagesAfter = messages(host);
                ping.send("");
                assertTrue(row.startsWith(mode + " 8 "), row);
                assertTrue(pongVm >= 0);
                return new long[] {opsAfter - opsBefore, messagesAfter - messagesBefore};
            }
        }
    }

    private static long messages(final HostFixture host)
    {
        long total = 0;
        for (int vm = 0; vm < CountersDescriptor.MAX_VMS; vm++)
        {
            total += host.vm(vm, CountersDescriptor.VM_MESSAGES);
        }
        return total;
    }
}
