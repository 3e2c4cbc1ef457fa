package io.myrmidon.system;

import java.util.concurrent.TimeUnit;

import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import io.myrmidon.vnic.layout.Status;
import io.myrmidon.vnic.protocol.ControlProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One host daemon and three guest JVMs: an offender, a victim and a bystander. For each attack of the issue's
 * list: the offender gets an error, the victim's memory is byte-for-byte unchanged, the victim and the
 * bystander keep communicating (so the NIC is alive), and the counters record it.
 */
class MaliciousGuestTest
{
    private static final String VICTIM_AREA = "0 4194304";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAttackFailsForTheOffenderOnly() throws Exception
    {
        try (HostFixture host = new HostFixture();
            Guest offender = new Guest(host, "BYPASS");
            Guest victim = new Guest(host, "BYPASS");
            Guest bystander = new Guest(host, "BYPASS"))
        {
            assertEquals("OK", victim.call("fill 0 65536 7"));
            final String victimCrc = victim.call("crc " + VICTIM_AREA);
            final Runnable unharmed = () ->
            {
                assertEquals(victimCrc, victim.call("crc " + VICTIM_AREA), "victim memory changed");
                othersStillCommunicate(victim, bystander);
            };
            unharmed.run();
            final String toBystander = bystander.endpoint + " " + bystander.key;

            // sending from another VM's window key
            expectStatus(Status.BAD_WINDOW, offender.call(raw(SendDescriptor.OPCODE_SEND_EAGER, 1, toBystander,
                victim.window, 0, 64, 64, 0)));
            // pulling into another VM's window with a forged rendezvous handle
            expectStatus(Status.BAD_HANDLE, offender.call(raw(SendDescriptor.OPCODE_PULL, 1, "0 0",
                victim.window, 0, 64, 64, 4097)));
            unharmed.run();

            // a window range that overruns
            expectStatus(Status.OUT_OF_RANGE, offender.call(raw(SendDescriptor.OPCODE_SEND_EAGER, 1, toBystander,
                offender.window, 8 * 1024 * 1024 - 10, 64, 64, 0)));
            expectStatus(Status.OUT_OF_RANGE, offender.call(raw(SendDescriptor.OPCODE_SEND_EAGER, 1, toBystander,
                offender.window, Long.MAX_VALUE, 64, 64, 0)));
            // a bad opcode
            expectStatus(Status.BAD_DESCRIPTOR, offender.call(raw(99, 1, toBystander, offender.window, 0, 64, 64, 0)));
            // an overflowing length, a negative one, a total that does not add up, too many segments
            expectStatus(Status.OUT_OF_RANGE, offender.call(raw(SendDescriptor.OPCODE_SEND_RENDEZVOUS, 1,
                toBystander, offender.window, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, 0)));
            expectStatus(Status.BAD_DESCRIPTOR, offender.call(raw(SendDescriptor.OPCODE_SEND_EAGER, 1, toBystander,
                offender.window, 0, -1, -1, 0)));
            expectStatus(Status.BAD_DESCRIPTOR, offender.call(raw(SendDescriptor.OPCODE_SEND_EAGER, 1, toBystander,
                offender.window, 0, 64, 1_000_000, 0)));
            expectStatus(Status.BAD_DESCRIPTOR, offender.call(raw(SendDescriptor.OPCODE_SEND_EAGER, 9, toBystander,
                offender.window, 0, 64, 64, 0)));
            expectStatus(Status.BAD_DESCRIPTOR, offender.call(raw(SendDescriptor.OPCODE_SEND_TINY, 0, toBystander,
                offender.window, 0, 0, 65, 0)));
            unharmed.run();

            // a forged endpoint id: closing someone else's endpoint, sending to a missing one or with a wrong key
            assertTrue(offender.call("closeother " + victim.endpoint).startsWith("ERR " + ControlProtocol.FORBIDDEN),
                "closing another VM's endpoint must be refused");
            expectStatus(Status.BAD_DESTINATION, offender.call(raw(SendDescriptor.OPCODE_SEND_TINY, 0, "63 1",
                offender.window, 0, 0, 8, 0)));
            expectStatus(Status.BAD_DESTINATION, offender.call(raw(SendDescriptor.OPCODE_SEND_TINY, 0,
                victim.endpoint + " " + (victim.key + 1), offender.window, 0, 0, 8, 0)));
            unharmed.run();

            // registering memory outside its own guest memory
            assertTrue(offender.call("window 16777216 4096 3").startsWith("ERR " + ControlProtocol.OUT_OF_RANGE));
            assertTrue(offender.call("window -4096 8192 3").startsWith("ERR " + ControlProtocol.OUT_OF_RANGE));
            assertTrue(offender.call("window 4096 9223372036854775807 3").startsWith(
                "ERR " + ControlProtocol.OUT_OF_RANGE));
            // a key used after deregistration
            final int key = Integer.parseInt(offender.call("window 0 4096 1").split(" ")[1]);
            assertEquals("OK", offender.call("dereg " + key));
            expectStatus(Status.BAD_WINDOW, offender.call(raw(SendDescriptor.OPCODE_SEND_EAGER, 1, toBystander,
                key, 0, 64, 64, 0)));
            assertTrue(offender.call("dereg " + victim.window).startsWith("ERR " + ControlProtocol.NOT_FOUND));
            unharmed.run();

            // a doorbell flood (every descriptor rejected; the NIC must keep serving the others)
            final String[] flood = offender.call("flood 20000").split(" ");
            assertEquals("20000", flood[1], "every flooded descriptor must complete with an error");
            assertEquals(Integer.toString(Status.BAD_DESTINATION), flood[2]);
            unharmed.run();

            // wrapped and rewound ring indices: the endpoint is faulted, the offender told
            assertEquals("OK " + EventDescriptor.TYPE_ENDPOINT_FAULT + " " + Status.RING_CORRUPT,
                offender.call("producer 99999999"));
            offender.reopen();
            assertEquals("OK 1 0 0", offender.call("send " + toBystander + " " + offender.window + " 0 64 1"));
            assertEquals("OK 1 0 0", bystander.call("recv 1 5000"));
            assertEquals("OK " + EventDescriptor.TYPE_ENDPOINT_FAULT + " " + Status.RING_CORRUPT,
                offender.call("producer -5"));
            offender.reopen();
            unharmed.run();

            // garbage over its own endpoint pages
            assertEquals("OK", offender.call("garbage 42"));
            final long garbageAt = System.nanoTime();
            while (host.endpoint(offender.endpoint, CountersDescriptor.EP_STATE) != 2 &&
                System.nanoTime() - garbageAt < 5_000_000_000L)
            {
                Thread.sleep(5);
            }
            assertEquals(2, host.endpoint(offender.endpoint, CountersDescriptor.EP_STATE),
                "the NIC must fault an endpoint whose pages are garbage");
            offender.reopen();
            unharmed.run();

            final long faultedBefore = host.vm(offender.vm, CountersDescriptor.VM_REJECTED);
            assertTrue(faultedBefore >= 20_000 + 12, "rejections must be counted: " + faultedBefore);
            assertTrue(host.vm(offender.vm, CountersDescriptor.VM_VIOLATIONS) >= 6, "violations must be counted");
            assertEquals(0, host.vm(victim.vm, CountersDescriptor.VM_VIOLATIONS));
            assertEquals(0, host.vm(bystander.vm, CountersDescriptor.VM_REJECTED));
            final String[] stat = offender.call("stat").split(" ");
            assertTrue(Long.parseLong(stat[1]) >= 6, "the VMM reports the violations to the VM too");

            // closing with transfers in flight: the victim's pulls fail, they do not hang
            assertEquals("OK posted", offender.call("send " + victim.endpoint + " " + victim.key + " " +
                offender.window + " 0 65536 20 nowait"));
            assertEquals("OK", offender.call("close"));
            assertEquals("OK 0 20 " + Status.PEER_GONE, victim.call("recv 20 2000"),
                "every announced transfer of the closed endpoint must fail with PEER_GONE when pulled");
            othersStillCommunicate(victim, bystander);
            offender.reopen();
            assertEquals("OK 1 0 0", offender.call("send " + toBystander + " " + offender.window + " 0 64 1"));
            assertEquals("OK 1 0 0", bystander.call("recv 1 5000"));
        }
    }

    private static void othersStillCommunicate(final Guest victim, final Guest bystander)
    {
        assertEquals("OK 3 0 0", bystander.call("send " + victim.endpoint + " " + victim.key + " " +
            bystander.window + " 0 4096 3"));
        assertEquals("OK 3 0 0", victim.call("recv 3 5000"));
        assertEquals("OK 2 0 0", victim.call("send " + bystander.endpoint + " " + bystander.key + " " +
            victim.window + " 0 100 2"));
        assertEquals("OK 2 0 0", bystander.call("recv 2 5000"));
    }

    private static String raw(final int opcode, final int segments, final String destination, final int window,
        final long offset, final int bytes, final int total, final long match)
    {
        return "raw " + opcode + " " + segments + " " + destination + " " + window + " " + offset + " " + bytes +
            " " + total + " " + match;
    }

    private static void expectStatus(final int status, final String reply)
    {
        assertTrue(reply.startsWith("OK " + status + " "), "expected status " + Status.name(status) + ", got " + reply);
    }
}
