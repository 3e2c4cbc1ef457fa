package io.myrmidon.launch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's side of the start-up exchange: listens on an ephemeral port of 127.0.0.1, takes
 * one connection per rank (see {@link RendezvousProtocol}) and hands what the ranks send to a
 * {@link RendezvousExchange}, which answers each
 * {@link io.myrmidon.spi.Bootstrap#allGather(byte[]) allGather} round once all ranks contributed,
 * or with an error naming the ranks that did not (timeout, death, early goodbye). A rank whose
 * connection drops before it said goodbye is also reported to the {@link Listener}.
 *
 * <p>Thread safe. One acceptor thread, one reader thread per rank and one watchdog thread that
 * checks the exchange's timeout, all daemons.
 */
public final class RendezvousServer implements AutoCloseable
{
    /** How long a new connection may take to say hello. */
    private static final int HELLO_TIMEOUT_MILLIS = 30_000;
    private static final long WATCHDOG_PERIOD_MILLIS = 100;

    /**
     * Hears about ranks that left the job without closing their bootstrap. Called on a reader
     * thread of the server; must not block.
     */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * @param rank the rank whose connection dropped.
         * @param why  a sentence that says what happened.
         */
        void rankLost(int rank, String why);
    }

    private final String jobId;
    private final int size;
    private final long timeoutMillis;
    private final Listener listener;
    private final RendezvousExchange exchange;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Thread watchdog;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean closed;

    private RendezvousServer(
        final String jobId, final int size, final Duration timeout, final Listener listener, final InetAddress bind)
        throws IOException
    {
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.size = size;
        this.timeoutMillis = timeout.toMillis();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.exchange = new RendezvousExchange(size, timeoutMillis);
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(bind != null ? bind : InetAddress.getLoopbackAddress(), 0), size);
        this.acceptor = Thread.ofPlatform().daemon().name("rendezvous-accept-" + jobId).unstarted(this::acceptLoop);
        this.watchdog = Thread.ofPlatform().daemon().name("rendezvous-watchdog-" + jobId).unstarted(this::watchLoop);
    }

    /**
     * Starts a server for one job.
     *
     * @param jobId    the job's id; ranks that say hello with another id are turned away.
     * @param size     the number of ranks.
     * @param timeout  how long the ranks of a round wait for the missing ones; zero for ever.
     * @param listener hears about ranks whose connection dropped.
     * @return the running server.
     * @throws IOException when no port of the loopback interface can be bound.
     */
    public static RendezvousServer start(
        final String jobId, final int size, final Duration timeout, final Listener listener) throws IOException
    {
        return start(jobId, size, timeout, listener, null);
    }

    /**
     * Starts a server for one job, listening on {@code bind} (for ranks in other network namespaces).
     *
     * @param jobId    the job's id; ranks that say hello with another id are turned away.
     * @param size     the number of ranks.
     * @param timeout  how long the ranks of a round wait for the missing ones; zero for ever.
     * @param listener hears about ranks whose connection dropped.
     * @param bind     the address to listen on, or null for the loopback interface.
     * @return the running server.
     * @throws IOException when no port can be bound.
     */
    public static RendezvousServer start(
        final String jobId, final int size, final Duration timeout, final Listener listener, final InetAddress bind)
        throws IOException
    {
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("the exchange timeout must not be negative: " + timeout);
        }
        final RendezvousServer server = new RendezvousServer(jobId, size, timeout, listener, bind);
        server.acceptor.start();
        server.watchdog.start();
        return server;
    }

    /**
     * @return {@code host:port}, the value of {@link BootstrapEnvironment#RENDEZVOUS} for the ranks.
     */
    public String address()
    {
        return serverSocket.getInetAddress().getHostAddress() + ":" + serverSocket.getLocalPort();
    }

    /**
     * @return why the job's exchange failed, or null while it has not.
     */
    public String failure()
    {
        return exchange.failure();
    }

    /**
     * @return how many ranks contributed to the round in progress (for tests and diagnostics).
     */
    int arrivedInRound()
    {
        return exchange.arrived();
    }

    /**
     * Closes the listening socket and every connection. Idempotent.
     */
    @Override
    public void close()
    {
        closed = true;
        closeQuietly(serverSocket);
        synchronized (sockets)
        {
            sockets.forEach(RendezvousServer::closeQuietly);
        }
        watchdog.interrupt();
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            try
            {
                final Socket socket = serverSocket.accept();
                synchronized (sockets)
                {
                    if (closed)
                    {
                        closeQuietly(socket);
                        return;
                    }
                    sockets.add(socket);
                }
                socket.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("rendezvous-reader-" + jobId).start(() -> serve(socket));
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    System.err.println("myrmidon: the rendezvous of job " + jobId + " stopped accepting: " + ex);
                }
                return;
            }
        }
    }

    private void serve(final Socket socket)
    {
        int rank = -1;
        try (socket)
        {
            final DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            final Connection connection = new Connection(
                new DataOutputStream(new BufferedOutputStream(socket.getOutputStream())));
            socket.setSoTimeout(HELLO_TIMEOUT_MILLIS);
            rank = admit(RendezvousProtocol.receive(in), connection);
            if (rank < 0)
            {
                return;
            }
            socket.setSoTimeout(0);
            while (true)
            {
                final RendezvousProtocol.Frame frame = RendezvousProtocol.receive(in);
                if (frame.type() == RendezvousProtocol.GATHER)
                {
                    final int theirRound = frame.body().getInt();
                    exchange.contribute(rank, theirRound, frame.blob(), System.nanoTime());
                }
                else if (frame.type() == RendezvousProtocol.BYE)
                {
                    exchange.depart(rank);
                    return;
                }
                else
                {
                    throw new IOException("unexpected frame type " + frame.type());
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            if (rank >= 0 && !closed)
            {
                final String why = "rank " + rank + " left the job: its connection to the launcher closed before " +
                    "it closed the bootstrap (" + (ex instanceof EOFException || ex instanceof SocketException ?
                    "the process ended or was killed" : ex.toString()) + ")";
                exchange.lose(rank, why);
                listener.rankLost(rank, why);
            }
        }
    }

    /**
     * @return the rank that said hello, or -1 when it was turned away (and told why).
     */
    private int admit(final RendezvousProtocol.Frame hello, final Connection connection)
    {
        final ByteBuffer body = hello.body();
        if (hello.type() != RendezvousProtocol.HELLO || body.getInt() != RendezvousProtocol.MAGIC)
        {
            connection.send(RendezvousProtocol.error("not a Myrmidon rank: the first frame must be a hello"));
            return -1;
        }
        final int version = body.getInt();
        final int rank = body.getInt();
        final int theirSize = body.getInt();
        final String theirJobId = hello.string();
        final String refusal;
        if (version != RendezvousProtocol.VERSION)
        {
            refusal = "protocol version " + version + " but the launcher speaks " + RendezvousProtocol.VERSION +
                ": run the ranks with the launcher's class path";
        }
        else if (!jobId.equals(theirJobId) || theirSize != size)
        {
            refusal = "this rendezvous serves job " + jobId + " of " + size + " ranks, not job " + theirJobId +
                " of " + theirSize + " ranks: check MYRMIDON_JOB_ID, MYRMIDON_SIZE and MYRMIDON_RENDEZVOUS";
        }
        else
        {
            refusal = exchange.join(rank, connection);
        }
        if (refusal != null)
        {
            connection.send(RendezvousProtocol.error(refusal));
            return -1;
        }
        connection.send(RendezvousProtocol.welcome(timeoutMillis));
        return rank;
    }

    private void watchLoop()
    {
        while (!closed)
        {
            try
            {
                TimeUnit.MILLISECONDS.sleep(WATCHDOG_PERIOD_MILLIS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            exchange.checkTimeout(System.nanoTime());
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ignore)
        {
            // closing during shut-down: nothing to do about a failure
        }
    }

    /**
     * One rank's connection. Sends are serialized on the connection so that frames do not
     * interleave; a failed send is ignored because the reader thread sees the broken connection.
     */
    private static final class Connection implements RendezvousExchange.Channel
    {
        private final DataOutputStream out;

        private Connection(final DataOutputStream out)
        {
            this.out = out;
        }

        @Override
        public synchronized void send(final ByteBuffer frame)
        {
            try
            {
                RendezvousProtocol.send(out, frame);
            }
            catch (final IOException ignore)
            {
                // the reader of this connection reports the drop
            }
        }
    }
}
