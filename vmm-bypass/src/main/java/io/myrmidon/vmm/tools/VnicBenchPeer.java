package io.myrmidon.vmm.tools;

import java.io.PrintStream;
import java.nio.file.Path;

import io.myrmidon.guest.EndpointEvent;
import io.myrmidon.guest.EndpointMode;
import io.myrmidon.guest.EventHandler;
import io.myrmidon.guest.GuestDriver;
import io.myrmidon.guest.GuestEndpoint;
import io.myrmidon.guest.PeerAddress;
import io.myrmidon.guest.SendSegments;
import io.myrmidon.guest.Window;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.Status;
import org.HdrHistogram.Histogram;

/**
 * One guest of {@code bench vnic} (and of the system tests): a {@code pong} that echoes every PING message and
 * acknowledges streams, and a {@code ping} that measures one-way latency (half the round trip) and streaming
 * bandwidth per message size. Uses only the guest driver API.
 * <p>
 * Usage: {@code pong <socket> <mode>} prints {@code ADDR nic endpoint key} then serves until QUIT;
 * {@code ping <socket> <mode> <nic:endpoint> <sizes> [scale [hold]]} prints one row per size ({@code hold}: then
 * wait for a line on stdin before closing).
 */
public final class VnicBenchPeer implements EventHandler
{
    static final long PING = 1L << 56;
    static final long STREAM = 2L << 56;
    static final long STREAM_DONE = 3L << 56;
    static final long ACK = 4L << 56;
    static final long QUIT = 5L << 56;
    private static final long KIND_MASK = 0xffL << 56;
    private static final long SEND_AREA = 0;
    private static final long RECEIVE_AREA = 4L * 1024 * 1024;
    private static final long TIMEOUT_NS = 10_000_000_000L;

    private final GuestDriver driver;
    private final GuestEndpoint endpoint;
    private final Window window;
    private final SendSegments segments = new SendSegments();
    private final PeerAddress[] peers = new PeerAddress[64];
    private long outstandingSends;
    private static final int MAX_ANNOUNCED = 1024;
    private final long[] announcedHandle = new long[MAX_ANNOUNCED];
    private final long[] announcedMatch = new long[MAX_ANNOUNCED];
    private final int[] announcedLength = new int[MAX_ANNOUNCED];
    private final int[] announcedSource = new int[MAX_ANNOUNCED];
    private long announcedHead;
    private long announcedTail;
    private long pulledHead;
    private long replyMatch;
    private int replyLength = -1;
    private int replySource;
    private boolean messageDone;
    private boolean ackReceived;
    private boolean quit;
    private long errors;
    private boolean echo;

    VnicBenchPeer(final Path socket, final EndpointMode mode)
    {
        driver = mode == EndpointMode.NATIVE ?
            GuestDriver.attachNative(socket, 16L * 1024 * 1024) : GuestDriver.attach(socket, 16L * 1024 * 1024);
        window = driver.registerWindow(0, 8L * 1024 * 1024, GuestDriver.READ | GuestDriver.WRITE);
        endpoint = driver.openEndpoint(mode);
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        final String role = args[0];
        final VnicBenchPeer peer = new VnicBenchPeer(Path.of(args[1]), EndpointMode.valueOf(args[2].toUpperCase()));
        try
        {
            if ("pong".equals(role))
            {
                final PeerAddress a = peer.endpoint.address();
                System.out.println("ADDR " + a.nic() + " " + a.endpoint() + " " + a.key() + " " + peer.driver.vmId());
                System.out.flush();
                peer.serve();
            }
            else
            {
                final String[] at = args[3].split(":");
                final PeerAddress target = peer.driver.resolve(Integer.parseInt(at[0]), Integer.parseInt(at[1]));
                final double scale = args.length > 5 ? Double.parseDouble(args[5]) : 1.0;
                peer.measure(target, args[2].toLowerCase(), args[4], scale, System.out);
                if (args.length > 6 && "hold".equals(args[6]))
                {
                    awaitLine(); // lets a test read the counters before this guest closes anything
                }
                peer.sendAndWait(target, QUIT, 8);
            }
        }
        finally
        {
            peer.endpoint.close();
            peer.driver.close();
        }
    }

    private static void awaitLine()
    {
        try
        {
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                .readLine();
        }
        catch (final java.io.IOException ignore)
        {
            // end of input releases us too
        }
    }

    @Override
    public void onEvent(final EndpointEvent event)
    {
        switch (event.type())
        {
            case EventDescriptor.TYPE_SEND_COMPLETE ->
            {
                outstandingSends--;
                countError(event.status());
            }
            case EventDescriptor.TYPE_RECEIVE_TINY, EventDescriptor.TYPE_RECEIVE_EAGER ->
                arrived(event.matchInfo(), event.length(), event.sourceEndpoint());
            case EventDescriptor.TYPE_RECEIVE_RENDEZVOUS ->
            {
                final int i = (int)(announcedTail++ % MAX_ANNOUNCED);
                announcedHandle[i] = event.cookie();
                announcedMatch[i] = event.matchInfo();
                announcedLength[i] = event.length();
                announcedSource[i] = event.sourceEndpoint();
            }
            case EventDescriptor.TYPE_PULL_COMPLETE ->
            {
                countError(event.status());
                final int i = (int)(pulledHead++ % MAX_ANNOUNCED);
                arrived(announcedMatch[i], event.length(), announcedSource[i]);
            }
            default -> errors++;
        }
    }

    private void countError(final int status)
    {
        if (status != Status.OK)
        {
            errors++;
            System.err.println("vnic bench: completion with status " + Status.name(status));
        }
    }

    private void arrived(final long match, final int length, final int source)
    {
        final long kind = match & KIND_MASK;
        if (kind == PING && echo)
        {
            replyMatch = PING;
            replyLength = length;
            replySource = source;
        }
        else if (kind == STREAM_DONE && echo)
        {
            replyMatch = ACK;
            replyLength = 8;
            replySource = source;
        }
        else if (kind == ACK)
        {
            ackReceived = true;
        }
        else if (kind == QUIT)
        {
            quit = true;
        }
        messageDone = true;
    }

    /**
     * Process events, pulling announced messages and sending replies, until nothing is left to act on.
     */
    private int progress()
    {
        final int n = endpoint.poll(this, 1);
        while (announcedHead < announcedTail && replyLength < 0)
        {
            final int i = (int)(announcedHead % MAX_ANNOUNCED);
            if (!endpoint.pull(announcedHandle[i], window, RECEIVE_AREA, announcedLength[i], 0))
            {
                break;
            }
            announcedHead++;
        }
        if (replyLength >= 0)
        {
            final int length = replyLength;
            replyLength = -1;
            post(peer(replySource), replyMatch, length);
        }
        return n;
    }

    private void serve()
    {
        echo = true;
        long idleSince = System.nanoTime();
        while (!quit)
        {
            if (progress() == 0)
            {
                endpoint.waitForEvents(this, 100_000_000L);
            }
            else
            {
                idleSince = System.nanoTime();
            }
            if (System.nanoTime() - idleSince > 600_000_000_000L)
            {
                return;
            }
        }
    }

    private PeerAddress peer(final int endpointId)
    {
        if (peers[endpointId] == null)
        {
            peers[endpointId] = driver.resolve(driver.nicId(), endpointId);
        }
        return peers[endpointId];
    }

    private void post(final PeerAddress target, final long match, final int length)
    {
        segments.clear().add(window, SEND_AREA, length);
        while (!endpoint.send(target, match, segments, 0))
        {
            endpoint.poll(this, 16);
        }
        outstandingSends++;
    }

    private void awaitMessage()
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!messageDone)
        {
            if (progress() == 0)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("no reply within 10 s; peer dead?");
                }
                endpoint.waitForEvents(this, 50_000_000L);
            }
        }
        messageDone = false;
    }

    void sendAndWait(final PeerAddress target, final long match, final int length)
    {
        messageDone = false;
        post(target, match, length);
        if (match != QUIT)
        {
            awaitMessage();
        }
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (outstandingSends > 0 && System.nanoTime() < deadline)
        {
            if (progress() == 0)
            {
                endpoint.waitForEvents(this, 1_000_000L);
            }
        }
    }

    void measure(final PeerAddress target, final String mode, final String sizes, final double scale,
        final PrintStream out)
    {
        sendAndWait(target, PING, 8); // the peer resolves our address now, before anything is measured
        out.println("# mode size avg_us p50_us p99_us MB_per_s");
        for (final String token : sizes.split(","))
        {
            final int size = Integer.parseInt(token.trim());
            final int iterations = (int)Math.max(20, scale * (size <= 4096 ? 10_000 : size <= 65536 ? 2_000 : 200));
            final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
            for (int i = 0; i < iterations + iterations / 10; i++)
            {
                final long start = System.nanoTime();
                sendAndWait(target, PING, size);
                if (i >= iterations / 10)
                {
                    histogram.recordValue((System.nanoTime() - start) / 2);
                }
            }
            final double mbPerS = stream(target, size, scale);
            out.printf("%s %d %.2f %.2f %.2f %.1f%n", mode, size, histogram.getMean() / 1000.0,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0, mbPerS);
            out.flush();
        }
        if (errors > 0)
        {
            throw new IllegalStateException(errors + " operations completed with an error");
        }
    }

    private double stream(final PeerAddress target, final int size, final double scale)
    {
        final int count = (int)Math.max(50, Math.min(100_000, scale * 64L * 1024 * 1024 / Math.max(size, 64)));
        final long start = System.nanoTime();
        for (int i = 0; i < count; i++)
        {
            while (outstandingSends >= 128)
            {
                if (progress() == 0)
                {
                    endpoint.waitForEvents(this, 1_000_000L);
                }
            }
            post(target, STREAM, size);
            progress();
        }
        ackReceived = false;
        sendAndWait(target, STREAM_DONE, 8);
        while (!ackReceived)
        {
            awaitMessage();
        }
        final long elapsed = System.nanoTime() - start;
        return (double)count * size / (elapsed / 1e9) / 1e6;
    }
}
