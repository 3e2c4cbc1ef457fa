package io.myrmidon.myrinet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.guest.EndpointMode;
import io.myrmidon.guest.GuestDriver;
import io.myrmidon.guest.GuestEndpoint;
import io.myrmidon.guest.PeerAddress;
import io.myrmidon.guest.Window;
import io.myrmidon.spi.Bootstrap;
import io.myrmidon.spi.TransportCapabilities;
import io.myrmidon.spi.TransportContext;
import io.myrmidon.vmm.tools.HostControl;
import io.myrmidon.vmm.tools.HostDirectory;
import io.myrmidon.vnic.layout.SendDescriptor;

/**
 * Opens one rank's {@link MyrinetTransport}: makes sure the host daemon runs (rank 0 starts one if none does,
 * and stops it again when it closes), attaches as a guest (or as a native host process), registers the whole
 * guest memory as one window, opens an endpoint and exchanges endpoint addresses through the bootstrap.
 * <p>
 * Collective: every rank of the job calls {@link #connect} (the bootstrap exchanges are collective).
 */
final class MyrinetConnector
{
    /** Bytes of one rank's address in the exchange: NIC id, endpoint id, endpoint key. */
    private static final int ADDRESS_LENGTH = 12;
    /** Fragments are limited by the NIC's eager classes, at most 32 KiB. */
    private static final int MAX_FRAGMENT = 32 * 1024;

    private MyrinetConnector()
    {
    }

    static MyrinetTransport connect(final TransportContext context)
    {
        final MyrinetConfiguration configuration = MyrinetConfiguration.from(context);
        final Bootstrap bootstrap = context.bootstrap();
        final int rank = bootstrap.rank();
        final int size = bootstrap.size();
        if (size > MatchInformation.MAX_RANKS)
        {
            throw failure("a job of " + size + " ranks does not fit the 16-bit source field of the match " +
                "information; at most " + MatchInformation.MAX_RANKS, null);
        }
        final HostDirectory dir = configuration.hostDir();
        final boolean startedHere = rank == 0 && startDaemonIfNone(dir);
        bootstrap.barrier(); // every rank attaches only once rank 0 made sure a daemon runs
        final Runnable onClose = startedHere ? () -> HostDaemons.stop(dir) : () -> { };
        final ProcessHandle daemon = runningDaemon(dir);

        final GuestDriver driver = attach(configuration, dir);
        try
        {
            final Window window = driver.registerWindow(
                0, configuration.memoryBytes(), GuestDriver.READ | GuestDriver.WRITE);
            final GuestEndpoint endpoint = driver.openEndpoint(configuration.mode());
            final PeerAddress[] peers = exchange(bootstrap, endpoint.address());
            return new MyrinetTransport(capabilities(configuration), configuration, driver, endpoint, window, peers,
                rank, new HostDaemonWatch(daemon, dir.socket().toString()), onClose);
        }
        catch (final RuntimeException e)
        {
            driver.close();
            onClose.run();
            throw e instanceof MyrmidonException ? e : failure("rank " + rank + " could not open its NIC endpoint: " +
                e.getMessage(), e);
        }
    }

    private static boolean startDaemonIfNone(final HostDirectory dir)
    {
        try
        {
            final HostControl.Started started = HostDaemons.ensureRunning(dir);
            if (started.started())
            {
                System.err.println("myrinet: started a host daemon (pid " + started.pid() + ") in " + dir.root() +
                    " for this job; rank 0 stops it when it closes (run 'bin/myrmidon host start' to keep one)");
            }
            return started.started();
        }
        catch (final IOException e)
        {
            throw failure("no host daemon runs in " + dir.root() + " and none could be started: " + e.getMessage() +
                "; start one with 'bin/myrmidon host start'", e);
        }
    }

    private static ProcessHandle runningDaemon(final HostDirectory dir)
    {
        final Optional<ProcessHandle> daemon = dir.runningDaemon();
        if (daemon.isEmpty())
        {
            throw failure("no host daemon runs in " + dir.root() + " (set MYRMIDON_HOST_DIR or " +
                MyrinetConfiguration.HOST_DIR + " to the right directory, or start one with 'bin/myrmidon host start')",
                null);
        }
        return daemon.get();
    }

    private static GuestDriver attach(final MyrinetConfiguration configuration, final HostDirectory dir)
    {
        try
        {
            return configuration.mode() == EndpointMode.NATIVE ?
                GuestDriver.attachNative(dir.socket(), configuration.memoryBytes()) :
                GuestDriver.attach(dir.socket(), configuration.memoryBytes());
        }
        catch (final RuntimeException e)
        {
            throw failure("cannot attach to the VMM at " + dir.socket() + ": " + e.getMessage() +
                " (is the host daemon running? 'bin/myrmidon host stat')", e);
        }
    }

    private static PeerAddress[] exchange(final Bootstrap bootstrap, final PeerAddress mine)
    {
        final byte[] blob = ByteBuffer.allocate(ADDRESS_LENGTH)
            .putInt(mine.nic()).putInt(mine.endpoint()).putInt(mine.key()).array();
        final byte[][] all = bootstrap.allGather(blob);
        final PeerAddress[] peers = new PeerAddress[all.length];
        for (int r = 0; r < all.length; r++)
        {
            if (all[r].length != ADDRESS_LENGTH)
            {
                throw failure("rank " + r + " sent a " + all[r].length + "-byte endpoint address, not " +
                    ADDRESS_LENGTH + ": is every rank on the myrinet transport?", null);
            }
            final ByteBuffer in = ByteBuffer.wrap(all[r]);
            peers[r] = new PeerAddress(in.getInt(), in.getInt(), in.getInt()); // another NIC: over the wire
        }
        return peers;
    }

    private static TransportCapabilities capabilities(final MyrinetConfiguration configuration)
    {
        final int maxFragment = (int)Math.min(Math.min(MAX_FRAGMENT, GuestEndpoint.EAGER_THRESHOLD),
            configuration.stagingBytes() / 2);
        if (maxFragment <= SendDescriptor.TINY_MAX || maxFragment < TransportCapabilities.MIN_FRAGMENT_LENGTH)
        {
            throw failure("the NIC's eager threshold (myrmidon.vnic.eagerThreshold = " + GuestEndpoint.EAGER_THRESHOLD +
                ") must be at least " + TransportCapabilities.MIN_FRAGMENT_LENGTH + " bytes", null);
        }
        final boolean mediated = configuration.mode() == EndpointMode.MEDIATED;
        // model figures: p50 one-way latency and 1 MiB bandwidth of 2 ranks on a 2-core host (module README)
        return new TransportCapabilities(MyrinetTransportProvider.NAME, maxFragment, true, true,
            mediated ? 28_000 : 12_000, mediated ? 7e9 : 1.5e10, maxFragment);
    }

    private static MyrmidonException failure(final String message, final Throwable cause)
    {
        return new MyrmidonException(ErrorClass.TRANSPORT, "myrinet transport: " + message, cause);
    }
}
