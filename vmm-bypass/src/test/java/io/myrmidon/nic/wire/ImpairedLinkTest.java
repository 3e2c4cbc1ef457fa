package io.myrmidon.nic.wire;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@link WireLink}s talking through an {@link ImpairmentRelay} (5% drop, 5% reorder, 5% duplicate, seeded and
 * printed): every frame arrives exactly once, in order, with its checksum intact; the receiver also refuses
 * frames now and then (a full destination), which must hold the link back without losing anything.
 */
class ImpairedLinkTest
{
    private static final int FRAMES = 5_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyFrameArrivesOnceInOrderIntactThroughLossReorderingAndDuplication() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("impaired link seed " + seed);
        final InetAddress a = InetAddress.getByName("127.0.0.2");
        final InetAddress b = InetAddress.getByName("127.0.0.3");
        final InetAddress relayAddress = InetAddress.getByName("127.0.0.4");
        final int port = freePort(a);
        final int relayPort = freePort(relayAddress);
        final HostTable tableA = HostTable.parse("a=127.0.0.2:" + port + ",b=127.0.0.4:" + (relayPort + 1));
        final HostTable tableB = HostTable.parse("a=127.0.0.4:" + relayPort + ",b=127.0.0.3:" + port);
        try (ImpairmentRelay relay = new ImpairmentRelay(seed, 0.05, 0.05, 0.05);
            WireLink sender = new WireLink(tableA, 0, 600);
            WireLink receiver = new WireLink(tableB, 1, 600))
        {
            relay.route(new InetSocketAddress(relayAddress, relayPort), new InetSocketAddress(a, port));
            relay.route(new InetSocketAddress(relayAddress, relayPort + 1), new InetSocketAddress(b, port));
            final Thread relayThread = Thread.ofPlatform().daemon().start(() ->
            {
                try
                {
                    relay.run();
                }
                catch (final Exception e)
                {
                    throw new IllegalStateException(e);
                }
            });
            final java.util.SplittableRandom refusals = new java.util.SplittableRandom(seed);
            final int[] next = {0};
            final WireFrameHandler check = (peer, frame) ->
            {
                if (refusals.nextInt(20) == 0)
                {
                    return false; // destination full: offered again later
                }
                assertEquals(0, peer);
                assertEquals(next[0], (int)frame.matchInfo(), "seed " + seed + ": frames out of order or lost");
                final CRC32 crc = new CRC32();
                crc.update(frame.segment().asSlice(WireFrameFlyweight.PAYLOAD_OFFSET, frame.fragmentLength())
                    .asByteBuffer());
                assertEquals(frame.handle(), crc.getValue(), "seed " + seed + ": frame " + next[0] + " damaged");
                next[0]++;
                return true;
            };
            final WireFrameHandler nothing = (peer, frame) -> true;
            int sent = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
            while (next[0] < FRAMES && System.nanoTime() < deadline)
            {
                while (sent < FRAMES && sender.room(1) > 0)
                {
                    final WireFrameFlyweight frame = sender.claim(1).type(WireFrameFlyweight.TYPE_EAGER)
                        .matchInfo(sent);
                    final int length = 1 + (int)((seed + sent * 7919L) % sender.maxPayload());
                    final CRC32 crc = new CRC32();
                    for (int i = 0; i < length; i++)
                    {
                        final byte value = (byte)(sent * 13 + i);
                        frame.buffer().putByte(WireFrameFlyweight.PAYLOAD_OFFSET + i, value);
                        crc.update(value);
                    }
                    frame.fragmentLength(length).handle(crc.getValue());
                    sender.send(1, System.nanoTime());
                    sent++;
                }
                sender.poll(nothing, System.nanoTime());
                receiver.poll(check, System.nanoTime());
            }
            relay.close();
            relayThread.join(1_000);
            System.out.println(relay.summary() + "; retransmitted " + sender.retransmissions() +
                ", duplicates dropped " + receiver.duplicatesDropped());
            assertEquals(FRAMES, next[0], "seed " + seed + ": frames delivered");
            assertTrue(relay.dropped > 0 && relay.duplicated > 0 && relay.reordered > 0, relay.summary());
            assertTrue(receiver.duplicatesDropped() > 0, "duplicates were sent and must have been dropped");
        }
    }

    private static int freePort(final InetAddress address) throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0)))
        {
            return socket.getLocalPort();
        }
    }
}
