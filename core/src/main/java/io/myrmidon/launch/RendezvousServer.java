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
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's side of the start-up exchange: listens on an ephemeral port of 127.0.0.1, takes
 * one connection per rank (see {@link RendezvousProtocol}) and answers each
 * {@link io.myrmidon.spi.Bootstrap#allGather(byte[]) allGather} round once all ranks contributed.
 *
 * <p>A round fails, and every rank waiting in it gets an error naming the culprits, when:
 * some ranks did not contribute within the exchange timeout (counted from the first
 * contribution); a rank's connection dropped before it closed its bootstrap (it died); or a rank
 * closed its bootstrap while others still wait for it. After a failure every later round fails
 * too. A dropped connection is also reported to the {@link Listener}.
 *
 * <p>Thread safe. One acceptor thread, one reader thread per rank and one watchdog thread, all
 * daemons; the exchange state is guarded by {@code this}, and writes to one connection by that
 * connection's monitor.
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
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Thread watchdog;
    private final List<Socket> sockets = new ArrayList<>();

    // guarded by this
    private final Connection[] connections;
    private final boolean[] departed;
    private final byte[][] contributions;
    private int round;
    private int arrived;
    private long roundStartNanos;
    private String failure;

    private volatile boolean closed;

    private RendezvousServer(
        final String jobId, final int size, final Duration timeout, final Listener listener) throws IOException
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("a job needs at least one rank: " + size);
        }
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.size = size;
        this.timeoutMillis = timeout.toMillis();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.connections = new Connection[size];
        this.departed = new boolean[size];
        this.contributions = new byte[size][];
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), size);
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
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("the exchange timeout must not be negative: " + timeout);
        }
        final RendezvousServer server = new RendezvousServer(jobId, size, timeout, listener);
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
    public synchronized String failure()
    {
        return failure;
    }

    /**
     * @return how many ranks contributed to the round in progress (for tests and diagnostics).
     */
    synchronized int arrivedInRound()
    {
        return arrived;
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
        Connection connection = null;
        try (socket)
        {
            final DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            final DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            socket.setSoTimeout(HELLO_TIMEOUT_MILLIS);
            connection = admit(RendezvousProtocol.receive(in), out);
            if (connection == null)
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
                    contribute(connection, theirRound, frame.blob());
                }
                else if (frame.type() == RendezvousProtocol.BYE)
                {
                    depart(connection.rank);
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
            if (connection != null && !closed)
            {
                lose(connection.rank, ex);
            }
        }
    }

    private Connection admit(final RendezvousProtocol.Frame hello, final DataOutputStream out) throws IOException
    {
        final ByteBuffer body = hello.body();
        if (hello.type() != RendezvousProtocol.HELLO || body.getInt() != RendezvousProtocol.MAGIC)
        {
            RendezvousProtocol.send(out, RendezvousProtocol.error("not a Myrmidon rank: the first frame must be a hello"));
            return null;
        }
        final int version = body.getInt();
        final int rank = body.getInt();
        final int theirSize = body.getInt();
        final String theirJobId = hello.string();
        String refusal = null;
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
        else if (rank < 0 || rank >= size)
        {
            refusal = "rank " + rank + " is outside 0.." + (size - 1);
        }
        final Connection connection = new Connection(rank, out);
        if (refusal == null)
        {
            synchronized (this)
            {
                if (connections[rank] != null)
                {
                    refusal = "rank " + rank + " connected twice: two processes have MYRMIDON_RANK=" + rank;
                }
                else
                {
                    connections[rank] = connection;
                }
            }
        }
        if (refusal != null)
        {
            connection.send(RendezvousProtocol.error(refusal));
            return null;
        }
        connection.send(RendezvousProtocol.welcome(timeoutMillis));
        return connection;
    }

    private void contribute(final Connection connection, final int theirRound, final byte[] blob)
    {
        final int rank = connection.rank;
        final byte[][] result;
        final int completedRound;
        String refusal = null;
        synchronized (this)
        {
            if (failure != null)
            {
                refusal = failure;
            }
            else if (theirRound != round || contributions[rank] != null)
            {
                refusal = "rank " + rank + " sent exchange round " + theirRound + " while the job is in round " +
                    round + ": the ranks must call allGather and barrier in the same order";
            }
            else
            {
                final String departedRanks = ranks(departed, true);
                if (!departedRanks.isEmpty())
                {
                    refusal = failAndNotify(rankWord(departedRanks) + " closed the bootstrap and cannot join exchange round " +
                        round + " (" + describe(round) + ")");
                }
            }
            if (refusal != null)
            {
                result = null;
                completedRound = -1;
            }
            else
            {
                contributions[rank] = blob;
                if (arrived++ == 0)
                {
                    roundStartNanos = System.nanoTime();
                }
                if (arrived == size)
                {
                    result = contributions.clone();
                    java.util.Arrays.fill(contributions, null);
                    arrived = 0;
                    completedRound = round++;
                }
                else
                {
                    result = null;
                    completedRound = -1;
                }
            }
        }
        if (refusal != null)
        {
            connection.send(RendezvousProtocol.error(refusal));
        }
        else if (result != null)
        {
            final ByteBuffer frame = RendezvousProtocol.gathered(completedRound, result);
            for (final Connection each : connectionsSnapshot())
            {
                each.send(frame);
            }
        }
    }

    private void depart(final int rank)
    {
        synchronized (this)
        {
            departed[rank] = true;
            if (arrived > 0 && failure == null)
            {
                final String waiting = ranks(contributions);
                failAndNotify("rank " + rank + " closed the bootstrap while " + rankWord(waiting) +
                    (waiting.contains(",") ? " wait" : " waits") + " for it in exchange round " + round +
                    " (" + describe(round) + ")");
            }
        }
    }

    private void lose(final int rank, final Exception cause)
    {
        final String why = "rank " + rank + " left the job: its connection to the launcher closed before it closed" +
            " the bootstrap (" + (cause instanceof EOFException || cause instanceof SocketException ?
            "the process ended or was killed" : cause.toString()) + ")";
        synchronized (this)
        {
            departed[rank] = true;
            if (failure == null)
            {
                failAndNotify(why + "; exchange round " + round + " (" + describe(round) + ") cannot complete");
            }
        }
        listener.rankLost(rank, why);
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
            synchronized (this)
            {
                if (failure == null && timeoutMillis > 0 && arrived > 0 &&
                    System.nanoTime() - roundStartNanos > TimeUnit.MILLISECONDS.toNanos(timeoutMillis))
                {
                    failAndNotify(timeoutMessage());
                }
            }
        }
    }

    private String timeoutMessage()
    {
        final StringBuilder neverConnected = new StringBuilder();
        final StringJoiner missing = new StringJoiner(",");
        for (int r = 0; r < size; r++)
        {
            if (contributions[r] == null)
            {
                missing.add(Integer.toString(r));
                if (connections[r] == null)
                {
                    neverConnected.append(neverConnected.isEmpty() ? "" : ",").append(r);
                }
            }
        }
        final String seconds = timeoutMillis % 1000 == 0 ?
            (timeoutMillis / 1000) + " s" : timeoutMillis + " ms";
        final String what = round == 0 ? "the start-up exchange" : "exchange round " + round + " (" + describe(round) + ")";
        return rankWord(missing.toString()) + " never reached " + what + " (" + rankWord(ranks(contributions)) +
            " waited " + seconds + ")" + (neverConnected.isEmpty() ? "" :
            "; " + rankWord(neverConnected.toString()) + " never connected to the launcher");
    }

    /**
     * Records the failure and tells the ranks waiting in the current round. Caller holds the lock;
     * sends happen under it, which is fine for the handful of small frames of an error.
     */
    private String failAndNotify(final String message)
    {
        if (failure == null)
        {
            failure = message;
        }
        final String reason = failure;
        final ByteBuffer frame = RendezvousProtocol.error(reason);
        for (int r = 0; r < size; r++)
        {
            if (contributions[r] != null && connections[r] != null)
            {
                connections[r].send(frame);
            }
        }
        return reason;
    }

    private synchronized List<Connection> connectionsSnapshot()
    {
        final List<Connection> list = new ArrayList<>(size);
        for (final Connection connection : connections)
        {
            if (connection != null)
            {
                list.add(connection);
            }
        }
        return list;
    }

    private static String describe(final int round)
    {
        return round == 0 ? "the start-up exchange" : "a bootstrap barrier or allGather";
    }

    private static String ranks(final byte[][] contributions)
    {
        final StringJoiner joiner = new StringJoiner(",");
        for (int r = 0; r < contributions.length; r++)
        {
            if (contributions[r] != null)
            {
                joiner.add(Integer.toString(r));
            }
        }
        return joiner.toString();
    }

    private static String ranks(final boolean[] flags, final boolean value)
    {
        final StringJoiner joiner = new StringJoiner(",");
        for (int r = 0; r < flags.length; r++)
        {
            if (flags[r] == value)
            {
                joiner.add(Integer.toString(r));
            }
        }
        return joiner.toString();
    }

    private static String rankWord(final String ranks)
    {
        return (ranks.contains(",") ? "ranks " : "rank ") + ranks;
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
     * One rank's connection. {@link #send} is serialized on the connection so that frames do not
     * interleave; a failed send is ignored because the reader thread sees the broken connection.
     */
    private static final class Connection
    {
        private final int rank;
        private final DataOutputStream out;

        private Connection(final int rank, final DataOutputStream out)
        {
            this.rank = rank;
            this.out = out;
        }

        private synchronized void send(final ByteBuffer frame)
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
