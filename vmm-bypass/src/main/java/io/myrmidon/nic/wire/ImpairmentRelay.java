package io.myrmidon.nic.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * A lossy, reordering, duplicating UDP forwarder to put between NICs (this kernel has no netem): each route
 * listens on one address and forwards every datagram it receives to one destination, except that, drawn from a
 * seeded random stream, a datagram is dropped (probability {@code drop}), sent twice ({@code duplicate}), or
 * held back and sent after the next one of its route, or after {@link #HOLD_MS} ms if none comes
 * ({@code reorder}). The seed is printed first, so a failing run can be repeated.
 * <pre>
 * java ... io.myrmidon.nic.wire.ImpairmentRelay --seed 42 --drop 0.05 --reorder 0.05 --duplicate 0.05 \
 *      --route 127.0.0.9:7001=127.0.0.3:7000 --route 127.0.0.9:7000=127.0.0.2:7000
 * </pre>
 * Give each NIC a host table whose entries for the other hosts are the relay's listening addresses. Runs until
 * killed (SIGTERM prints what it did). One thread; a test tool, not a hot path.
 */
public final class ImpairmentRelay implements AutoCloseable
{
    /** Longest time a datagram held back for reordering waits for a successor. */
    public static final int HOLD_MS = 2;

    private final long seed;
    private final double drop;
    private final double reorder;
    private final double duplicate;
    private final SplittableRandom random;
    private final Selector selector;
    private final List<Route> routes = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
    private volatile boolean closed;
    long forwarded;
    long dropped;
    long duplicated;
    long reordered;

    /**
     * @param seed      the random stream's seed.
     * @param drop      probability of dropping a datagram.
     * @param reorder   probability of holding one back behind the next.
     * @param duplicate probability of sending one twice.
     * @throws IOException when the selector cannot be opened.
     */
    public ImpairmentRelay(final long seed, final double drop, final double reorder, final double duplicate)
        throws IOException
    {
        for (final double p : new double[] {drop, reorder, duplicate})
        {
            if (p < 0 || p >= 1)
            {
                throw new IllegalArgumentException("probabilities must be in [0, 1), not " + p);
            }
        }
        this.seed = seed;
        this.drop = drop;
        this.reorder = reorder;
        this.duplicate = duplicate;
        this.random = new SplittableRandom(seed);
        this.selector = Selector.open();
    }

    /**
     * Forward what arrives at {@code listen} to {@code destination}.
     *
     * @param listen      where to listen.
     * @param destination where to send.
     * @throws IOException when {@code listen} cannot be bound.
     */
    public void route(final InetSocketAddress listen, final InetSocketAddress destination) throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open();
        channel.bind(listen);
        channel.configureBlocking(false);
        final Route route = new Route(channel, destination);
        channel.register(selector, SelectionKey.OP_READ, route);
        routes.add(route);
    }

    /**
     * Forward until {@link #close()}.
     *
     * @throws IOException on a socket failure.
     */
    public void run() throws IOException
    {
        while (!closed)
        {
            selector.select(HOLD_MS);
            for (final SelectionKey key : selector.selectedKeys())
            {
                final Route route = (Route)key.attachment();
                while (true)
                {
                    buffer.clear();
                    final SocketAddress from = route.channel.receive(buffer);
                    if (from == null)
                    {
                        break;
                    }
                    buffer.flip();
                    impair(route);
                }
            }
            selector.selectedKeys().clear();
            final long now = System.nanoTime();
            for (final Route route : routes)
            {
                if (route.held != null && now - route.heldAt > HOLD_MS * 1_000_000L)
                {
                    release(route);
                }
            }
        }
    }

    private void impair(final Route route) throws IOException
    {
        final double draw = random.nextDouble();
        if (draw < drop)
        {
            dropped++;
            return;
        }
        if (draw < drop + reorder && route.held == null)
        {
            route.held = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
            route.heldAt = System.nanoTime();
            reordered++;
            return;
        }
        final int copies = draw < drop + reorder + duplicate ? 2 : 1;
        duplicated += copies - 1;
        for (int i = 0; i < copies; i++)
        {
            buffer.rewind();
            route.channel.send(buffer, route.destination);
            forwarded++;
        }
        if (route.held != null)
        {
            release(route); // the held datagram now goes after a later one: reordered
        }
    }

    private void release(final Route route) throws IOException
    {
        route.channel.send(route.held, route.destination);
        forwarded++;
        route.held = null;
    }

    /**
     * @return a line saying what the relay did.
     */
    public String summary()
    {
        return "impairment relay (seed " + seed + "): forwarded " + forwarded + ", dropped " + dropped +
            ", duplicated " + duplicated + ", reordered " + reordered;
    }

    @Override
    public void close()
    {
        closed = true;
        selector.wakeup();
    }

    /**
     * @param args {@code --seed S --drop P --reorder P --duplicate P --route LISTEN=DEST ...}.
     * @throws Exception on bad arguments or socket failures.
     */
    public static void main(final String[] args) throws Exception
    {
        long seed = System.nanoTime();
        double drop = 0.05;
        double reorder = 0.05;
        double duplicate = 0.05;
        final List<String[]> routes = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--seed" -> seed = Long.parseLong(value);
                case "--drop" -> drop = Double.parseDouble(value);
                case "--reorder" -> reorder = Double.parseDouble(value);
                case "--duplicate" -> duplicate = Double.parseDouble(value);
                case "--route" -> routes.add(value.split("="));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: " +
                    "--seed S --drop P --reorder P --duplicate P --route LISTEN_IP:PORT=DEST_IP:PORT ...");
            }
            i++;
        }
        final ImpairmentRelay relay = new ImpairmentRelay(seed, drop, reorder, duplicate);
        for (final String[] route : routes)
        {
            relay.route(address(route[0]), address(route[1]));
        }
        System.out.println("impairment relay: seed " + seed + ", drop " + drop + ", reorder " + reorder +
            ", duplicate " + duplicate + ", " + routes.size() + " routes");
        final CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            relay.close();
            try
            {
                done.await();
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
            System.out.println(relay.summary());
        }));
        try
        {
            relay.run();
        }
        finally
        {
            done.countDown();
        }
    }

    private static InetSocketAddress address(final String text)
    {
        final int colon = text.lastIndexOf(':');
        return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    private static final class Route
    {
        final DatagramChannel channel;
        final InetSocketAddress destination;
        ByteBuffer held;
        long heldAt;

        Route(final DatagramChannel channel, final InetSocketAddress destination)
        {
            this.channel = channel;
            this.destination = destination;
        }
    }
}
