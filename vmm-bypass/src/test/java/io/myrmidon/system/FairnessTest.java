package io.myrmidon.system;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.myrmidon.vmm.tools.BenchCommand;
import io.myrmidon.vmm.tools.FairnessGuest;
import io.myrmidon.vmm.tools.VnicBenchPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NIC shares itself fairly: four guest JVMs sending flat out get equal shares of the bytes it serves (Jain's
 * index at least 0.99) with equal weights, shares within 5% of their weights' with weights 1:2:4:8, and a
 * flooding VM at most doubles the median latency of a ping-pong between two other VMs.
 */
class FairnessTest
{
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sharesFollowWeights() throws Exception
    {
        try (HostFixture host = new HostFixture())
        {
            final BenchCommand.FairnessResult equal = BenchCommand.run(host.dir(), List.of(1, 1, 1, 1), 2, 16384);
            assertTrue(equal.jain() >= 0.99, "Jain's index " + equal.jain() + " for equal weights");
            assertTrue(java.util.Arrays.stream(equal.bytes()).allMatch(b -> b > 0), "every VM must be served");

            final BenchCommand.FairnessResult weighted = BenchCommand.run(host.dir(), List.of(1, 2, 4, 8), 2, 16384);
            for (int i = 0; i < 4; i++)
            {
                final double error = Math.abs(weighted.share(i) / weighted.expectedShare(i) - 1);
                assertTrue(error <= 0.05, "VM with weight " + weighted.weights()[i] + " got share " +
                    weighted.share(i) + ", expected " + weighted.expectedShare(i));
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void floodingVmAtMostDoublesPingPongMedian() throws Exception
    {
        try (HostFixture host = new HostFixture())
        {
            final double quiet = medianOneWayUs(host);
            try (GuestProcess flood = new GuestProcess(FairnessGuest.class, host.dir().socket().toString(), "16384",
                "60"))
            {
                flood.nextLineStartingWith("READY ", 30_000);
                flood.send("GO");
                Thread.sleep(500);
                final double flooded = medianOneWayUs(host);
                System.out.printf("ping-pong median one-way: quiet %.1f us, with a flooding VM %.1f us%n",
                    quiet, flooded);
                assertTrue(flooded <= 2 * quiet, "flooding VM raised the ping-pong median from " + quiet + " us to " +
                    flooded + " us");
                flood.send("STOP");
            }
        }
    }

    private static double medianOneWayUs(final HostFixture host) throws Exception
    {
        try (GuestProcess pong = new GuestProcess(VnicBenchPeer.class, "pong", host.dir().socket().toString(), "bypass"))
        {
            return medianOneWayUs(host, pong.nextLineStartingWith("ADDR ", 30_000).split(" "));
        }
    }

    private static double medianOneWayUs(final HostFixture host, final String[] address) throws Exception
    {
        try (GuestProcess ping = new GuestProcess(VnicBenchPeer.class, "ping", host.dir().socket().toString(),
            "bypass", address[1] + ":" + address[2], "8", "0.3"))
        {
            ping.nextLineStartingWith("#", 30_000);
            final String[] row = ping.nextLineStartingWith("bypass ", 60_000).split(" ");
            return Double.parseDouble(row[3]);
        }
    }
}
