package io.myrmidon.myrinet;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.myrmidon.nic.wire.ImpairmentRelay;
import io.myrmidon.vmm.tools.HostControl;
import io.myrmidon.vmm.tools.JvmCommand;
import io.myrmidon.vmm.tools.HostDirectory;
import io.myrmidon.vmm.tools.WireOptions;

/**
 * K simulated hosts on this machine, each with its own host daemon (NIC model and VMM), the NICs linked over
 * UDP. Where the machine allows it (root, iproute2) every host is a network namespace on a bridge
 * ({@link NamespaceNetwork}), so datagrams between NICs cross real (virtual) interfaces and the launcher's bootstrap
 * server is reachable at the bridge's address. Otherwise the daemons listen on distinct loopback addresses 127.0.0.(k+2) and {@link #fallback()}
 * says why. Optionally an {@link ImpairmentRelay} sits on every link.
 * <p>
 * {@link #close()} stops every daemon and removes the namespaces, the bridge and the directories, also after a
 * partial start. Not thread safe; one owner.
 */
final class HostCluster implements AutoCloseable
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final Path root;
    private final int hosts;
    private final List<HostDirectory> directories = new ArrayList<>();
    private final List<InetAddress> addresses = new ArrayList<>();
    private NamespaceNetwork network;
    private Process relay;
    private Path relayLog;
    private InetAddress relayAddress;
    private int relayPort;
    private String fallback;
    private int port;

    private HostCluster(final Path root, final int hosts)
    {
        final byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        this.id = HexFormat.of().formatHex(random);
        this.root = root;
        this.hosts = hosts;
    }

    /**
     * Make the hosts and start their daemons.
     *
     * @param root       a directory under which the hosts' runtime directories go.
     * @param hosts      how many hosts.
     * @param namespaces true to try network namespaces first; false for loopback addresses.
     * @param mtu        wire datagram size.
     * @return the running cluster.
     * @throws IOException when the daemons cannot be started (what was made is removed).
     */
    static HostCluster start(final Path root, final int hosts, final boolean namespaces, final int mtu)
        throws IOException
    {
        return start(root, hosts, namespaces, mtu, null);
    }

    /**
     * Make the hosts and start their daemons, optionally with an {@link ImpairmentRelay} on every link.
     *
     * @param root       a directory under which the hosts' runtime directories go.
     * @param hosts      how many hosts.
     * @param namespaces true to try network namespaces first; false for loopback addresses.
     * @param mtu        wire datagram size.
     * @param relay      null for direct links, else the relay's {@code seed[,drop,reorder,duplicate]}: every NIC
     *                   then reaches every other through one relay process (in this namespace), which drops,
     *                   reorders and duplicates datagrams.
     * @return the running cluster.
     * @throws IOException when the daemons cannot be started (what was made is removed).
     */
    static HostCluster start(
        final Path root, final int hosts, final boolean namespaces, final int mtu, final String relay)
        throws IOException
    {
        final HostCluster cluster = new HostCluster(root, hosts);
        try
        {
            cluster.makeHosts(namespaces);
            if (relay != null)
            {
                cluster.startRelay(relay);
            }
            cluster.startDaemons(mtu);
            return cluster;
        }
        catch (final IOException | RuntimeException e)
        {
            cluster.close();
            throw e;
        }
    }

    /**
     * @return null when the hosts are network namespaces, else why they are loopback addresses.
     */
    String fallback()
    {
        return fallback;
    }

    /**
     * @return the number of hosts.
     */
    int size()
    {
        return hosts;
    }

    /**
     * @param host a host index.
     * @return its daemon's directory.
     */
    HostDirectory directory(final int host)
    {
        return directories.get(host);
    }

    /**
     * @param host a host index.
     * @return the words that run a command on that host ({@code ip netns exec NAME}, or nothing).
     */
    List<String> commandPrefix(final int host)
    {
        return network == null ? List.of() : List.of("ip", "netns", "exec", network.namespace(host));
    }

    /**
     * @return where processes on the hosts reach this namespace (the bridge), or null for loopback hosts.
     */
    InetAddress bridgeAddress()
    {
        return network == null ? null : network.bridgeAddress();
    }

    /**
     * @return the host table as seen from host {@code self}: its own address, and for the others their address
     * or, with a relay, the relay's address for them.
     */
    String hostTable(final int self)
    {
        final StringBuilder table = new StringBuilder();
        for (int k = 0; k < hosts; k++)
        {
            final boolean viaRelay = relay != null && k != self;
            table.append(k == 0 ? "" : ",").append(hostName(k)).append('=')
                .append((viaRelay ? relayAddress : addresses.get(k)).getHostAddress()).append(':')
                .append(viaRelay ? relayPort + k : port);
        }
        return table.toString();
    }

    private void startRelay(final String spec) throws IOException
    {
        final String[] parts = spec.split(",");
        final String seed = parts[0].trim().isEmpty() ? Long.toString(RANDOM.nextLong()) : parts[0].trim();
        relayAddress = network != null ? network.bridgeAddress() : InetAddress.getByName("127.0.0.254");
        relayPort = freeUdpPort(relayAddress);
        final List<String> command = new ArrayList<>(JvmCommand.of(ImpairmentRelay.class,
            "--seed", seed,
            "--drop", parts.length > 1 ? parts[1].trim() : "0.05",
            "--reorder", parts.length > 2 ? parts[2].trim() : "0.05",
            "--duplicate", parts.length > 3 ? parts[3].trim() : "0.05"));
        for (int k = 0; k < hosts; k++)
        {
            command.add("--route");
            command.add(relayAddress.getHostAddress() + ":" + (relayPort + k) + "=" +
                addresses.get(k).getHostAddress() + ":" + port);
        }
        relayLog = root.resolve("relay-" + id + ".log");
        relay = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(relayLog.toFile())).start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (relay.isAlive() && System.nanoTime() < deadline && Files.size(relayLog) == 0)
        {
            try
            {
                Thread.sleep(10); // it prints its seed once its routes are bound
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the impairment relay", e);
            }
        }
        System.err.print("myrinet: " + Files.readString(relayLog));
        if (!relay.isAlive())
        {
            throw new IOException("the impairment relay exited with status " + relay.exitValue());
        }
    }

    /**
     * @param host a host index.
     * @return its name in the host table.
     */
    static String hostName(final int host)
    {
        return "h" + host;
    }

    /**
     * @param host a host index.
     * @return its network namespace, or null for loopback hosts.
     */
    String namespace(final int host)
    {
        return network == null ? null : network.namespace(host);
    }

    private void makeHosts(final boolean tryNamespaces) throws IOException
    {
        final String why = tryNamespaces ? NamespaceNetwork.problem() : "namespaces were not asked for";
        if (why == null)
        {
            try
            {
                network = NamespaceNetwork.create(id, hosts);
                for (int k = 0; k < hosts; k++)
                {
                    addresses.add(network.address(k));
                }
                port = 7000; // every host has its own network stack
                return;
            }
            catch (final IOException e)
            {
                fallback = "network namespaces could not be made (" + e.getMessage() + ")";
            }
        }
        else
        {
            fallback = why;
        }
        for (int k = 0; k < hosts; k++)
        {
            addresses.add(InetAddress.getByName("127.0.0." + (k + 2)));
        }
        port = freeUdpPort(addresses.getFirst());
    }





    private void startDaemons(final int mtu) throws IOException
    {
        for (int k = 0; k < hosts; k++)
        {
            final String table = hostTable(k);
            final HostDirectory dir = new HostDirectory(root.resolve("cluster-" + id + "-" + hostName(k)));
            Files.createDirectories(dir.root());
            directories.add(dir);
            HostControl.start(dir, new WireOptions(hostName(k), table, mtu), commandPrefix(k));
        }
    }

    @Override
    public void close()
    {
        for (final HostDirectory dir : directories)
        {
            try
            {
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
            catch (final IOException e)
            {
                System.err.println("myrinet: could not remove host directory " + dir.root() + ": " + e.getMessage());
            }
        }
        directories.clear();
        if (relay != null)
        {
            relay.destroy(); // SIGTERM: it prints what it dropped, duplicated and reordered
            try
            {
                if (!relay.waitFor(5, TimeUnit.SECONDS))
                {
                    relay.destroyForcibly();
                }
                final List<String> lines = Files.readAllLines(relayLog);
                if (lines.size() > 1)
                {
                    System.err.println("myrinet: " + lines.getLast()); // what it did to the traffic
                }
                Files.deleteIfExists(relayLog);
            }
            catch (final InterruptedException e)
            {
                relay.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            catch (final IOException e)
            {
                System.err.println("myrinet: could not read the impairment relay's log " + relayLog + ": " +
                    e.getMessage());
            }
            relay = null;
        }
        if (network != null)
        {
            network.close();
            network = null;
        }
    }


    private static int freeUdpPort(final InetAddress address) throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0)))
        {
            return socket.getLocalPort();
        }
    }



}
