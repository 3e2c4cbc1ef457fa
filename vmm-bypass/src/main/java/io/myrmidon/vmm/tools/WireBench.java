package io.myrmidon.vmm.tools;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;

import io.myrmidon.nic.wire.HostTable;
import io.myrmidon.nic.wire.WireFrameFlyweight;
import io.myrmidon.nic.wire.WireFrameHandler;
import io.myrmidon.nic.wire.WireLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench wire}: the cost of the wire alone, without NIC model or guests: two {@link WireLink}s on
 * loopback addresses in one thread, one streaming full frames to the other (window, acknowledgements and all).
 * Reports frames per second, payload MB/s and the CPU time per frame, both ends together (one sendto, one
 * recvfrom, a share of an acknowledgement, the reliable layer's bookkeeping).
 */
@Command(name = "wire", description = "Frames per second and cost per frame of the UDP wire between two NICs.")
final class WireBench implements Callable<Integer>
{
    @Option(names = "--frames", defaultValue = "200000", description = "Frames to stream (default ${DEFAULT-VALUE}).")
    private int frames;

    @Option(names = "--mtu", defaultValue = "1472", description = "Bytes per datagram (default ${DEFAULT-VALUE}).")
    private int mtu;

    @Override
    public Integer call() throws Exception
    {
        final int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0)))
        {
            port = probe.getLocalPort();
        }
        final HostTable table = HostTable.parse("a=127.0.0.2:" + port + ",b=127.0.0.3:" + port);
        try (WireLink sender = new WireLink(table, 0, mtu); WireLink receiver = new WireLink(table, 1, mtu))
        {
            final long[] received = {0};
            final WireFrameHandler count = (peer, frame) ->
            {
                received[0]++;
                return true;
            };
            final WireFrameHandler none = (peer, frame) -> true;
            final int payload = sender.maxPayload();
            for (int round = 0; round < 2; round++) // the first round warms up the JIT
            {
                received[0] = 0;
                int sent = 0;
                final long cpu0 = cpuNanos();
                final long start = System.nanoTime();
                while (received[0] < frames)
                {
                    while (sent < frames && sender.room(1) > 0)
                    {
                        sender.claim(1).type(WireFrameFlyweight.TYPE_EAGER).fragmentLength(payload);
                        sender.send(1, System.nanoTime());
                        sent++;
                    }
                    receiver.poll(count, System.nanoTime());
                    sender.poll(none, System.nanoTime());
                }
                final long ns = System.nanoTime() - start;
                final long cpu = cpuNanos() - cpu0;
                if (round == 1)
                {
                    System.out.printf("# wire: %d frames of %d bytes (%d payload), one thread, both ends%n",
                        frames, mtu, payload);
                    System.out.printf("frames_per_s %.0f%nMB_per_s %.1f%nns_per_frame %.0f%ncpu_ns_per_frame %.0f%n" +
                        "retransmitted %d%n", frames * 1e9 / ns, (double)frames * payload * 1e3 / ns,
                        (double)ns / frames, (double)cpu / frames, sender.retransmissions());
                }
            }
        }
        return 0;
    }

    private static long cpuNanos()
    {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
