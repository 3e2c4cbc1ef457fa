package io.myrmidon.system;

import java.util.concurrent.TimeUnit;

import io.myrmidon.vmm.tools.StatPrinter;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guest killed with SIGKILL in the middle of large transfers: the VMM revokes it within one second, nothing of
 * it is left in the NIC (per the counters {@code host stat} reads), the peer's pulls fail instead of hanging, and
 * the others keep communicating.
 */
class GuestKilledTest
{
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killedGuestIsRevokedWithinOneSecond() throws Exception
    {
        try (HostFixture host = new HostFixture();
            Guest doomed = new Guest(host, "BYPASS");
            Guest victim = new Guest(host, "BYPASS");
            Guest bystander = new Guest(host, "BYPASS"))
        {
            assertEquals(3, host.global(CountersDescriptor.WINDOWS_OFFSET));
            assertEquals(1, host.vm(doomed.vm, CountersDescriptor.VM_STATE));
            // 1 MiB rendezvous transfers the victim pulls, still flowing when the kill comes
            doomed.process.send("send " + victim.endpoint + " " + victim.key + " " + doomed.window +
                " 0 1048576 20000");
            victim.process.send("recv 20000 4000");
            final long waitStart = System.nanoTime();
            while (host.vm(doomed.vm, CountersDescriptor.VM_MESSAGES) < 3 &&
                System.nanoTime() - waitStart < 10_000_000_000L)
            {
                Thread.sleep(5);
            }
            assertTrue(host.vm(doomed.vm, CountersDescriptor.VM_MESSAGES) >= 3, "the transfer should be under way");

            final long killedAt = System.nanoTime();
            doomed.process.process().destroyForcibly();
            while (host.vm(doomed.vm, CountersDescriptor.VM_STATE) != 0 &&
                System.nanoTime() - killedAt < 5_000_000_000L)
            {
                Thread.sleep(2);
            }
            final long revokedMs = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.println("revoked " + revokedMs + " ms after SIGKILL");
            assertTrue(revokedMs < 1_000, "revocation took " + revokedMs + " ms");

            final String[] received = victim.process.nextLine(10_000).split(" ");
            assertEquals("OK", received[0]);
            assertTrue(Integer.parseInt(received[1]) < 20_000, "the transfer cannot have finished");
            if (Integer.parseInt(received[2]) > 0)
            {
                assertEquals(Integer.toString(Status.PEER_GONE), received[3]);
            }

            assertEquals(2, host.global(CountersDescriptor.WINDOWS_OFFSET), "the dead VM's window must be gone");
            assertEquals(0, host.global(CountersDescriptor.RENDEZVOUS_OFFSET), "no rendezvous left over");
            for (int ep = 0; ep < CountersDescriptor.MAX_ENDPOINTS; ep++)
            {
                if (host.endpoint(ep, CountersDescriptor.EP_STATE) != 0)
                {
                    assertTrue(host.endpoint(ep, CountersDescriptor.EP_VM) != doomed.vm, "endpoint " + ep + " leaked");
                }
            }
            assertEquals(0, host.vm(doomed.vm, CountersDescriptor.VM_ENDPOINTS));
            final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            StatPrinter.print(host.dir().mapCounters(false), new java.io.PrintStream(text, true));
            final String stat = text.toString();
            assertTrue(stat.contains("\nvm " + victim.vm + " guest"), stat);
            assertTrue(!stat.contains("\nvm " + doomed.vm + " "), "host stat still lists the dead VM:\n" + stat);
            assertTrue(stat.lines().filter(l -> l.startsWith("endpoint ")).noneMatch(
                l -> l.split(" ")[2].equals(Integer.toString(doomed.vm))), "host stat lists its endpoints:\n" + stat);

            assertEquals("OK 3 0 0", bystander.call("send " + victim.endpoint + " " + victim.key + " " +
                bystander.window + " 0 4096 3"));
            assertEquals("OK 3 0 0", victim.call("recv 3 5000"));
        }
    }
}
