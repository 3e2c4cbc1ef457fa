package io.myrmidon.vmm.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.myrmidon.nic.Nic;
import io.myrmidon.nic.wire.HostTable;
import io.myrmidon.nic.wire.WireLink;
import io.myrmidon.vmm.Vmm;
import io.myrmidon.vmm.VmmServer;
import io.myrmidon.vnic.layout.CountersDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The host daemon: one NIC (linked over UDP to the other hosts' NICs when given a host table) and one VMM for
 * this host, serving the control socket until terminated (SIGTERM or
 * SIGINT), then cleaning up its socket and pid file. Started by {@code host start}.
 */
public final class HostDaemon
{
    private HostDaemon()
    {
    }

    /**
     * @param args the runtime directory; for a host linked to others also its name, the host table and the wire
     *             MTU.
     * @throws Exception on start-up failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final HostDirectory dir = args.length > 0 ? new HostDirectory(Path.of(args[0])) : HostDirectory.fromEnvironment();
        Files.createDirectories(dir.root());
        final UnsafeBuffer counters = dir.mapCounters(true);
        counters.putLongRelease(CountersDescriptor.MAGIC_OFFSET, CountersDescriptor.MAGIC);
        counters.putLongRelease(CountersDescriptor.DAEMON_PID_OFFSET, ProcessHandle.current().pid());
        final WireLink link;
        final int nicId;
        if (args.length >= 4)
        {
            final HostTable table = HostTable.parse(args[2]);
            final HostTable.Entry me = table.host(args[1]);
            nicId = me.nicId();
            link = new WireLink(table, nicId, Integer.parseInt(args[3]));
            System.out.println("myrmidon host daemon: host " + me.name() + " is NIC " + nicId + ", wire on udp " +
                me.address().getAddress().getHostAddress() + ":" + me.port() + " to " + table);
        }
        else
        {
            nicId = 0;
            link = null;
        }
        final Nic nic = new Nic(nicId, counters, link);
        final Vmm vmm = new Vmm(nic, counters);
        final VmmServer server = new VmmServer(vmm, dir.socket());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            nic.close();
            try
            {
                Files.deleteIfExists(dir.pidFile());
            }
            catch (final java.io.IOException ignore)
            {
                // best effort at shutdown
            }
            stopped.countDown();
        }, "host-shutdown"));
        final Path tmp = dir.root().resolve("host.pid.tmp");
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
        Files.move(tmp, dir.pidFile(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("myrmidon host daemon: pid " + ProcessHandle.current().pid() + ", socket " + dir.socket());
        stopped.await();
    }
}
