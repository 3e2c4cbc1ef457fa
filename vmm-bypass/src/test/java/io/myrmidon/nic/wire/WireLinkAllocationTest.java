package io.myrmidon.nic.wire;

import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire's steady state allocates nothing: claiming, sending, receiving, delivering in order and acknowledging
 * frames between two links (same thread, so the thread's allocation counter sees both ends).
 */
class WireLinkAllocationTest
{
    private static final int FRAMES = 20_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void streamingFramesAllocatesNothingInSteadyState() throws Exception
    {
        final int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0)))
        {
            port = probe.getLocalPort();
        }
        final HostTable table = HostTable.parse("a=127.0.0.2:" + port + ",b=127.0.0.3:" + port);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (WireLink sender = new WireLink(table, 0, 1472); WireLink receiver = new WireLink(table, 1, 1472))
        {
            final long[] received = {0};
            final WireFrameHandler count = (peer, frame) ->
            {
                received[0] += frame.fragmentLength() > 0 ? 1 : 0;
                return true;
            };
            final WireFrameHandler none = (peer, frame) -> true;
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 4; round++) // early rounds compile the path
            {
                received[0] = 0;
                final long before = threads.getCurrentThreadAllocatedBytes();
                int sent = 0;
                while (received[0] < FRAMES)
                {
                    while (sent < FRAMES && sender.room(1) > 0)
                    {
                        sender.claim(1).type(WireFrameFlyweight.TYPE_EAGER).matchInfo(sent).fragmentLength(100);
                        sender.send(1, System.nanoTime());
                        sent++;
                    }
                    receiver.poll(count, System.nanoTime());
                    sender.poll(none, System.nanoTime());
                }
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                least = Math.min(least, allocated);
                assertEquals(FRAMES, received[0]);
            }
            assertTrue(least < 1_000, "the wire allocated " + least + " bytes for " + FRAMES + " frames");
        }
    }
}
