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
 * UDP. Where the machine allows it (root, iproute2) every host is a network namespace: a bridge in this
 * namespace with address 10.77.S.254 and one veth pair per host, whose namespace end has 10.77.S.(k+1), so
 * datagrams between NICs cross real (virtual) interfaces and the launcher's bootstrap server is reachable at
 * 10.77.S.254. Otherwise the daemons listen on distinct loopback addresses 127.0.0.(k+2) and {@link #fallback()}
 * says why. Optionally an {@link ImpairmentRelay} sits on every link.
 * <p>
 * {@link #close()} stops every daemon and removes the namespaces, the bridge and the directories, also after a
 * partial start. Not thread safe; one owner.
 */
final class HostCluster implements AutoCloseable
{
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long COMMAND_TIMEOUT_S = 10;
    /** The virtual links' MTU: jumbo frames, so a wire MTU up to 9000 bytes is not IP-fragmented. */
    private static final int LINK_MTU = 9000;

    private final String id;
    private final Path root;
    private final int hosts;
    private final List<String> namespaces = new ArrayList<>();
    private final List<HostDirectory> directories = new ArrayList<>();
    private final List<InetAddress> addresses = new ArrayList<>();
    private String bridge;
    private Process relay;
    private Path relayLog;
    private InetAddress relayAddress;
    private int relayPort;
    private InetAddress bridgeAddress;
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
        return namespaces.isEmpty() ? List.of() : List.of("ip", "netns", "exec", namespaces.get(host));
    }

    /**
     * @return where processes on the hosts reach this namespace (the bridge), or null for loopback hosts.
     */
    InetAddress bridgeAddress()
    {
        return bridgeAddress;
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
        relayAddress = bridgeAddress != null ? bridgeAddress : InetAddress.getByName("127.0.0.254");
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
        return namespaces.isEmpty() ? null : namespaces.get(host);
    }

    private void makeHosts(final boolean tryNamespaces) throws IOException
    {
        final String why = tryNamespaces ? namespaceProblem() : "namespaces were not asked for";
        if (why == null)
        {
            try
            {
                makeNamespaces();
                return;
            }
            catch (final IOException e)
            {
                removeNamespaces();
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

    private static String namespaceProblem()
    {
        try
        {
            final Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid))
            {
                return "not root (uid " + uid + "): creating network namespaces needs CAP_SYS_ADMIN";
            }
        }
        catch (final IOException | UnsupportedOperationException e)
        {
            return "cannot tell whether this process is root: " + e.getMessage();
        }
        for (final String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"))
        {
            if (Files.isExecutable(Path.of(dir, "ip")))
            {
                return null;
            }
        }
        return "the 'ip' command (iproute2) is not installed";
    }

    /**
     * Remove the namespaces (and their bridges) of jobs whose launcher was killed before it could clean up: a
     * {@code myr-} namespace with no process inside, older than a minute (a job being set up has none yet).
     */
    private static void sweepStaleNamespaces()
    {
        final Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir))
        {
            return;
        }
        try (var names = Files.list(dir))
        {
            final long minuteAgo = System.currentTimeMillis() - 60_000;
            for (final Path ns : names.filter(n -> n.getFileName().toString().matches("myr-[0-9a-f]{6}-h\\d+")).toList())
            {
                final String name = ns.getFileName().toString();
                if (Files.getLastModifiedTime(ns).toMillis() < minuteAgo &&
                    output("ip", "netns", "pids", name).isBlank())
                {
                    System.err.println("myrinet: removing network namespace " + name + " left by a killed job");
                    quietly("ip", "netns", "del", name);
                    final String bridge = "myrb" + name.substring(4, 10);
                    if (!output("ip", "-o", "link", "show").contains(" " + bridge + ":"))
                    {
                        continue;
                    }
                    quietly("ip", "link", "del", bridge);
                }
            }
        }
        catch (final IOException e)
        {
            System.err.println("myrinet: could not look for stale network namespaces: " + e.getMessage());
        }
    }

    private void makeNamespaces() throws IOException
    {
        sweepStaleNamespaces();
        final int subnet = freeSubnet();
        bridge = "myrb" + id;
        run("ip", "link", "add", bridge, "type", "bridge");
        run("ip", "link", "set", bridge, "mtu", Integer.toString(LINK_MTU));
        run("ip", "addr", "add", "10.77." + subnet + ".254/24", "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        bridgeAddress = InetAddress.getByName("10.77." + subnet + ".254");
        for (int k = 0; k < hosts; k++)
        {
            final String ns = "myr-" + id + "-h" + k;
            final String outside = "myrv" + id + "h" + k;
            run("ip", "netns", "add", ns);
            namespaces.add(ns);
            run("ip", "link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns);
            run("ip", "link", "set", outside, "mtu", Integer.toString(LINK_MTU));
            run("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "mtu", Integer.toString(LINK_MTU));
            run("ip", "link", "set", outside, "master", bridge);
            run("ip", "link", "set", outside, "up");
            run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            run("ip", "netns", "exec", ns, "ip", "addr", "add", "10.77." + subnet + "." + (k + 1) + "/24", "dev",
                "eth0");
            run("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
            addresses.add(InetAddress.getByName("10.77." + subnet + "." + (k + 1)));
        }
        port = 7000; // every host has its own network stack
    }

    /**
     * @return a 10.77.S.0/24 subnet no interface of this namespace uses (concurrent jobs get different ones).
     */
    private static int freeSubnet() throws IOException
    {
        final String used = output("ip", "-4", "-o", "addr", "show");
        for (int attempt = 0; attempt < 64; attempt++)
        {
            final int subnet = 1 + RANDOM.nextInt(250);
            if (!used.contains("10.77." + subnet + "."))
            {
                return subnet;
            }
        }
        throw new IOException("no free 10.77.x.0/24 subnet for the hosts' bridge");
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
        removeNamespaces();
    }

    private void removeNamespaces()
    {
        for (int k = 0; k < namespaces.size(); k++)
        {
            try
            {
                run("ip", "link", "del", "myrv" + id + "h" + k); // both ends now (the namespace's going is lazy)
            }
            catch (final IOException ignore)
            {
                // not made (a partial start), or already gone with its namespace
            }
            quietly("ip", "netns", "del", namespaces.get(k));
        }
        namespaces.clear();
        if (bridge != null)
        {
            quietly("ip", "link", "del", bridge);
            bridge = null;
        }
    }

    private static int freeUdpPort(final InetAddress address) throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0)))
        {
            return socket.getLocalPort();
        }
    }

    private static void run(final String... command) throws IOException
    {
        output(command);
    }

    private static String output(final String... command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            final String text = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0)
            {
                throw new IOException(String.join(" ", command) + " failed: " + text.trim());
            }
            return text;
        }
        catch (final InterruptedException e)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static void quietly(final String... command)
    {
        try
        {
            run(command);
        }
        catch (final IOException e)
        {
            System.err.println("myrinet: cleanup step failed: " + e.getMessage());
        }
    }
}
