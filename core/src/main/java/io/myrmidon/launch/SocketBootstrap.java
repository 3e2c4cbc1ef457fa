package io.myrmidon.launch;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.spi.Bootstrap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The bootstrap of a rank started by the launcher: one TCP connection to the launcher's
 * {@link RendezvousServer} (address in {@link BootstrapEnvironment#RENDEZVOUS}), kept open for the
 * job. {@link #allGather(byte[])} sends this rank's blob and blocks until the launcher answers
 * with every rank's, or with an error that names the ranks that did not come.
 *
 * <p>Thread safe: exchanges are serialized on this object (they are collective, so a rank makes
 * one at a time anyway). Start-up and shut-down only.
 */
public final class SocketBootstrap implements Bootstrap
{
    /** How long to keep retrying a refused connection: the launcher listens before it starts ranks. */
    private static final long CONNECT_PATIENCE_MILLIS = 10_000;
    /** How long to wait for the launcher's welcome. */
    private static final int WELCOME_TIMEOUT_MILLIS = 30_000;
    /** Added to the launcher's exchange timeout before this side gives up on an answer. */
    private static final int ANSWER_GRACE_MILLIS = 30_000;

    private final BootstrapEnvironment env;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int round;
    private boolean closed;

    private SocketBootstrap(final BootstrapEnvironment env, final Socket socket) throws IOException
    {
        this.env = env;
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /**
     * Connects to the launcher and introduces this rank.
     *
     * @param env the launcher's description of this rank.
     * @return the connected bootstrap.
     * @throws MyrmidonException with {@link ErrorClass#ARG} when the rendezvous address is malformed
     *                           or the launcher turns this rank away, {@link ErrorClass#TRANSPORT}
     *                           when the launcher cannot be reached.
     */
    public static Bootstrap connect(final BootstrapEnvironment env)
    {
        final InetSocketAddress address = parse(env.rendezvous());
        final Socket socket = open(env, address);
        try
        {
            final SocketBootstrap bootstrap = new SocketBootstrap(env, socket);
            bootstrap.hello();
            LauncherWatch.start(env.rank());
            return bootstrap;
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(socket);
            if (ex instanceof MyrmidonException me)
            {
                throw me;
            }
            throw new MyrmidonException(ErrorClass.TRANSPORT, "rank " + env.rank() +
                " could not introduce itself to the launcher at " + env.rendezvous() + ": " + ex, ex);
        }
    }

    @Override
    public int rank()
    {
        return env.rank();
    }

    @Override
    public int size()
    {
        return env.size();
    }

    @Override
    public String jobId()
    {
        return env.jobId();
    }

    @Override
    public String transportName()
    {
        return env.transport();
    }

    /**
     * @throws MyrmidonException with {@link ErrorClass#PEER_DIED} when the launcher reports that
     *                           ranks died, left or did not come in time, or the launcher itself
     *                           went away; {@link ErrorClass#NOT_INITIALIZED} after {@link #close()}.
     */
    @Override
    public synchronized byte[][] allGather(final byte[] mine)
    {
        if (closed)
        {
            throw new MyrmidonException(ErrorClass.NOT_INITIALIZED, "rank " + env.rank() + ": the bootstrap is closed");
        }
        final int myRound = round++;
        try
        {
            RendezvousProtocol.send(out, RendezvousProtocol.gather(myRound, mine));
            final RendezvousProtocol.Frame answer = RendezvousProtocol.receive(in);
            if (answer.type() == RendezvousProtocol.ERROR)
            {
                throw new MyrmidonException(ErrorClass.PEER_DIED, "rank " + env.rank() + " of job " + env.jobId() +
                    ": " + answer.string());
            }
            if (answer.type() != RendezvousProtocol.GATHERED || answer.body().getInt() != myRound)
            {
                throw new MyrmidonException(ErrorClass.INTERNAL, "rank " + env.rank() +
                    ": the launcher answered exchange round " + myRound + " with an unexpected frame");
            }
            final int count = answer.body().getInt();
            final byte[][] all = new byte[count][];
            for (int r = 0; r < count; r++)
            {
                all[r] = answer.blob();
            }
            return all;
        }
        catch (final SocketTimeoutException ex)
        {
            throw new MyrmidonException(ErrorClass.PEER_DIED, "rank " + env.rank() + " waited " +
                TimeUnit.MILLISECONDS.toSeconds(socketTimeout()) + " s in exchange round " + myRound +
                " and the launcher at " + env.rendezvous() + " never answered", ex);
        }
        catch (final EOFException ex)
        {
            throw new MyrmidonException(ErrorClass.PEER_DIED, "rank " + env.rank() +
                ": the launcher closed the connection during exchange round " + myRound + " (the job is ending)", ex);
        }
        catch (final IOException ex)
        {
            throw new MyrmidonException(ErrorClass.PEER_DIED, "rank " + env.rank() +
                ": lost the connection to the launcher during exchange round " + myRound + ": " + ex, ex);
        }
    }

    /**
     * Says goodbye to the launcher and closes the connection. Idempotent; never throws.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            RendezvousProtocol.send(out, RendezvousProtocol.bye());
        }
        catch (final IOException ignore)
        {
            // the launcher is gone already: nothing left to tell it
        }
        closeQuietly(socket);
    }

    private void hello() throws IOException
    {
        socket.setSoTimeout(WELCOME_TIMEOUT_MILLIS);
        RendezvousProtocol.send(out, RendezvousProtocol.hello(env.rank(), env.size(), env.jobId()));
        final RendezvousProtocol.Frame answer = RendezvousProtocol.receive(in);
        if (answer.type() == RendezvousProtocol.ERROR)
        {
            throw new MyrmidonException(ErrorClass.ARG, "the launcher at " + env.rendezvous() + " turned rank " +
                env.rank() + " away: " + answer.string());
        }
        if (answer.type() != RendezvousProtocol.WELCOME)
        {
            throw new IOException("expected a welcome, got frame type " + answer.type());
        }
        final long exchangeTimeout = answer.body().getLong();
        socket.setSoTimeout(exchangeTimeout == 0 ? 0 : (int)Math.min(Integer.MAX_VALUE, exchangeTimeout + ANSWER_GRACE_MILLIS));
    }

    private int socketTimeout()
    {
        try
        {
            return socket.getSoTimeout();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    private static Socket open(final BootstrapEnvironment env, final InetSocketAddress address)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_PATIENCE_MILLIS);
        long backoffMillis = 10;
        while (true)
        {
            final Socket socket = new Socket();
            try
            {
                socket.setTcpNoDelay(true);
                socket.connect(address, WELCOME_TIMEOUT_MILLIS);
                return socket;
            }
            catch (final ConnectException ex)
            {
                closeQuietly(socket);
                if (System.nanoTime() > deadline)
                {
                    throw new MyrmidonException(ErrorClass.TRANSPORT, "rank " + env.rank() +
                        " could not reach the launcher's rendezvous at " + env.rendezvous() + " for " +
                        TimeUnit.MILLISECONDS.toSeconds(CONNECT_PATIENCE_MILLIS) + " s (" + ex.getMessage() +
                        "); is the launcher still running? Start ranks with bin/myrmidon run", ex);
                }
                sleep(backoffMillis);
                backoffMillis = Math.min(500, backoffMillis * 2);
            }
            catch (final IOException ex)
            {
                closeQuietly(socket);
                throw new MyrmidonException(ErrorClass.TRANSPORT, "rank " + env.rank() +
                    " could not connect to the launcher's rendezvous at " + env.rendezvous() + ": " + ex, ex);
            }
        }
    }

    static InetSocketAddress parse(final String rendezvous)
    {
        final int colon = rendezvous == null ? -1 : rendezvous.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new MyrmidonException(ErrorClass.ARG, BootstrapEnvironment.RENDEZVOUS + " must be host:port but is '" +
                rendezvous + "'");
        }
        try
        {
            final int port = Integer.parseInt(rendezvous.substring(colon + 1));
            if (port < 1 || port > 65535)
            {
                throw new NumberFormatException("port out of range");
            }
            return new InetSocketAddress(rendezvous.substring(0, colon), port);
        }
        catch (final NumberFormatException ex)
        {
            throw new MyrmidonException(ErrorClass.ARG, BootstrapEnvironment.RENDEZVOUS +
                " must be host:port with a port in 1..65535 but is '" + rendezvous + "'", ex);
        }
    }

    private static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new MyrmidonException(ErrorClass.TRANSPORT, "interrupted while connecting to the launcher", ex);
        }
    }

    private static void closeQuietly(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignore)
        {
            // nothing to do about a failed close
        }
    }
}
