package io.myrmidon.system;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.myrmidon.guest.EndpointEvent;
import io.myrmidon.guest.EndpointMode;
import io.myrmidon.guest.GuestDriver;
import io.myrmidon.guest.GuestEndpoint;
import io.myrmidon.guest.PeerAddress;
import io.myrmidon.guest.SendSegments;
import io.myrmidon.guest.Window;
import io.myrmidon.nic.wire.HostTable;
import io.myrmidon.nic.wire.WireFrameFlyweight;
import io.myrmidon.nic.wire.WireLink;
import io.myrmidon.vmm.tools.HostControl;
import io.myrmidon.vmm.tools.HostDirectory;
import io.myrmidon.vmm.tools.WireOptions;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.Status;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real host daemon (h0, NIC 0) linked over UDP to a second "host" played by this test: a {@link WireLink}
 * bound to h1's address, which speaks the reliable protocol but forges whatever frames it likes. The daemon's NIC
 * must deliver well-formed remote messages exactly as local ones, and give forged pull requests an error frame,
 * never memory; its guest's send completes only when the legitimate pull has taken the data.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireProtectionTest
{
    private static final long MATCH = 0x4D46_0001_0000_0007L;

    private HostDirectory dir;
    private WireLink fakePeer;
    private GuestDriver guest;
    private final List<Captured> frames = new ArrayList<>();

    private record Captured(short type, long handle, long pullHandle, int status, int offset, int length,
        byte[] payload, int sourceEndpoint, int destEndpoint, int destKey, long matchInfo, int messageLength)
    {
    }

    @BeforeEach
    void startHosts() throws IOException
    {
        final int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0)))
        {
            port = probe.getLocalPort();
        }
        final String table = "h0=127.0.0.2:" + port + ",h1=127.0.0.3:" + port;
        dir = new HostDirectory(Files.createTempDirectory(Path.of("/tmp"), "myr-wire-"));
        HostControl.start(dir, new WireOptions("h0", table, WireLink.DEFAULT_MTU));
        fakePeer = new WireLink(HostTable.parse(table), 1, WireLink.DEFAULT_MTU);
        guest = GuestDriver.attach(dir.socket(), 16L << 20);
    }

    @AfterEach
    void stopHosts() throws IOException
    {
        if (guest != null)
        {
            guest.close();
        }
        if (fakePeer != null)
        {
            fakePeer.close();
        }
        HostControl.stop(dir);
        try (var files = Files.list(dir.root()))
        {
            for (final Path file : files.toList())
            {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir.root());
    }

    @Test
    void remoteTinyAndEagerMessagesArriveAsLocalOnesDoAndForgedKeysAreDropped() throws Exception
    {
        final GuestEndpoint ep = guest.openEndpoint(EndpointMode.BYPASS);
        final PeerAddress me = ep.address();
        assertEquals(0, me.nic());
        sendEager(me.endpoint(), me.key() + 1, 3000, 1); // wrong key: dropped by the NIC
        sendEager(me.endpoint(), me.key(), 3000, 2);     // three fragments, reassembled
        final EndpointEvent[] got = new EndpointEvent[1];
        final byte[] data = new byte[3000];
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (got[0] == null && System.nanoTime() < deadline)
        {
            fakePeer.poll(this::capture, System.nanoTime());
            ep.poll(event ->
            {
                assertEquals(EventDescriptor.TYPE_RECEIVE_EAGER, event.type());
                assertEquals(1, event.sourceNic(), "the source NIC of a remote message is the sender's");
                assertEquals(MATCH, event.matchInfo());
                event.payload().getBytes(0, data, 0, event.length());
                got[0] = event;
            }, 8);
        }
        assertTrue(got[0] != null, "the remote eager message never arrived");
        for (int i = 0; i < data.length; i++)
        {
            assertEquals((byte)(i * 31 + 2), data[i], "byte " + i);
        }
        assertEquals(1, counters().getLongVolatile(CountersDescriptor.WIRE_REFUSED_OFFSET),
            "the message with a forged key was refused and counted");
        assertEquals(0, ep.poll(event -> { }, 8), "the forged message must not have been delivered");
    }

    @Test
    void forgedPullRequestsGetErrorsNeverMemoryAndTheRealPullGetsTheData() throws Exception
    {
        final GuestEndpoint ep = guest.openEndpoint(EndpointMode.BYPASS);
        final Window window = guest.registerWindow(0, 1 << 20, GuestDriver.READ | GuestDriver.WRITE);
        final int length = 100_000;
        for (int i = 0; i < length; i++)
        {
            guest.memoryBuffer().putByte(4096 + i, (byte)(i * 7 + 1));
        }
        final PeerAddress remote = new PeerAddress(1, 5, 0x1234);
        assertTrue(ep.send(remote, MATCH, new SendSegments().add(window, 4096, length), 77L));
        final Captured announcement = await(WireFrameFlyweight.TYPE_RENDEZVOUS);
        assertEquals(length, announcement.messageLength());
        assertEquals(5, announcement.destEndpoint());

        pullRequest(announcement.handle(), 11L, 5, 0x9999, length);     // the right handle, a wrong receiver key
        assertEquals(Status.BAD_HANDLE, await(WireFrameFlyweight.TYPE_PULL_ERROR).status());
        pullRequest(announcement.handle() + (1L << 12), 12L, 5, 0x1234, length); // a forged generation
        assertEquals(Status.BAD_HANDLE, await(WireFrameFlyweight.TYPE_PULL_ERROR).status());
        pullRequest(announcement.handle(), 13L, 6, 0x1234, length);    // another endpoint
        assertEquals(Status.BAD_HANDLE, await(WireFrameFlyweight.TYPE_PULL_ERROR).status());
        assertTrue(frames.stream().noneMatch(f -> f.type() == WireFrameFlyweight.TYPE_PULL_DATA),
            "a forged request got data");
        assertEquals(0, ep.poll(event -> { }, 8), "the send completed before anyone legitimately pulled");

        pullRequest(announcement.handle(), 14L, 5, 0x1234, length);
        final byte[] pulled = new byte[length];
        int received = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received < length && System.nanoTime() < deadline)
        {
            fakePeer.poll(this::capture, System.nanoTime());
            for (final Captured f : frames)
            {
                if (f.type() == WireFrameFlyweight.TYPE_PULL_DATA)
                {
                    assertEquals(14L, f.pullHandle());
                    System.arraycopy(f.payload(), 0, pulled, f.offset(), f.length());
                    received += f.length();
                }
            }
            frames.clear();
        }
        assertEquals(length, received, "pulled bytes");
        for (int i = 0; i < length; i++)
        {
            assertEquals((byte)(i * 7 + 1), pulled[i], "byte " + i);
        }
        final int[] completion = {-1};
        final long completionDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (completion[0] < 0 && System.nanoTime() < completionDeadline)
        {
            fakePeer.poll(this::capture, System.nanoTime());
            ep.poll(event ->
            {
                assertEquals(EventDescriptor.TYPE_SEND_COMPLETE, event.type());
                assertEquals(77L, event.cookie());
                completion[0] = event.status();
            }, 8);
        }
        assertEquals(Status.OK, completion[0], "the sender's completion after the pull");
    }

    @Test
    void aPeerThatStopsAnsweringEndsTransfersToItWithPeerGone() throws Exception
    {
        final GuestEndpoint ep = guest.openEndpoint(EndpointMode.BYPASS);
        final Window window = guest.registerWindow(0, 1 << 20, GuestDriver.READ | GuestDriver.WRITE);
        final long start = System.nanoTime();
        assertTrue(ep.send(new PeerAddress(1, 5, 0x1234), MATCH, new SendSegments().add(window, 0, 200_000), 91L));
        final int[] status = {-1};
        final long deadline = start + TimeUnit.SECONDS.toNanos(20);
        while (status[0] < 0 && System.nanoTime() < deadline) // the fake peer never polls: nothing is acknowledged
        {
            ep.waitForEvents(event ->
            {
                assertEquals(91L, event.cookie());
                status[0] = event.status();
            }, TimeUnit.MILLISECONDS.toNanos(100));
        }
        final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Status.PEER_GONE, status[0], "the rendezvous to a silent NIC must end, not hang");
        assertTrue(ms >= WireLink.PEER_TIMEOUT_NS / 1_000_000, "declared unreachable after " + ms + " ms");
        assertTrue(ep.send(new PeerAddress(1, 5, 0x1234), MATCH, new SendSegments().add(window, 0, 100), 92L));
        final int[] next = {-1};
        while (next[0] < 0 && System.nanoTime() < deadline)
        {
            ep.waitForEvents(event -> next[0] = event.status(), TimeUnit.MILLISECONDS.toNanos(100));
        }
        assertEquals(Status.PEER_GONE, next[0], "later sends to the unreachable NIC fail at once");
    }

    private void sendEager(final int endpoint, final int key, final int length, final int seed)
    {
        final int payload = fakePeer.maxPayload();
        for (int offset = 0; offset < length; offset += payload)
        {
            final int n = Math.min(payload, length - offset);
            final WireFrameFlyweight frame = fakePeer.claim(0).type(WireFrameFlyweight.TYPE_EAGER)
                .sourceEndpoint(9).sourceVm(3).destEndpoint(endpoint).destKey(key).matchInfo(MATCH)
                .messageLength(length).fragmentOffset(offset).fragmentLength(n);
            for (int i = 0; i < n; i++)
            {
                frame.buffer().putByte(WireFrameFlyweight.PAYLOAD_OFFSET + i, (byte)((offset + i) * 31 + seed));
            }
            fakePeer.send(0, System.nanoTime());
        }
    }

    private void pullRequest(final long handle, final long pullHandle, final int endpoint, final int key,
        final int bytes)
    {
        fakePeer.claim(0).type(WireFrameFlyweight.TYPE_PULL_REQUEST).handle(handle).pullHandle(pullHandle)
            .sourceEndpoint(endpoint).destKey(key).messageLength(bytes);
        fakePeer.send(0, System.nanoTime());
    }

    private Captured await(final short type)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            fakePeer.poll(this::capture, System.nanoTime());
            for (int i = 0; i < frames.size(); i++)
            {
                if (frames.get(i).type() == type)
                {
                    return frames.remove(i);
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no frame of type " + type + " from the daemon's NIC; got " + frames);
    }

    private boolean capture(final int peer, final WireFrameFlyweight frame)
    {
        final byte[] payload = new byte[frame.fragmentLength()];
        frame.buffer().getBytes(WireFrameFlyweight.PAYLOAD_OFFSET, payload);
        frames.add(new Captured(frame.type(), frame.handle(), frame.pullHandle(), frame.status(),
            frame.fragmentOffset(), frame.fragmentLength(), payload, frame.sourceEndpoint(), frame.destEndpoint(),
            frame.destKey(), frame.matchInfo(), frame.messageLength()));
        return true;
    }

    private UnsafeBuffer counters()
    {
        return dir.mapCounters(false);
    }
}
