package io.myrmidon.myrinet;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The network of a {@link HostCluster} made of network namespaces: a bridge {@code myrb<id>} in the caller's
 * namespace with address 10.77.S.254/24 (S a subnet no interface uses yet), and per host a namespace
 * {@code myr-<id>-h<k>} whose {@code eth0} (10.77.S.k+1) is a veth into the bridge. Links and bridge have MTU
 * {@value #LINK_MTU}. Needs root and iproute2 ({@link #problem()} says what is missing).
 * <p>
 * {@link #close()} removes the veths, namespaces and bridge. Not thread safe; one owner.
 */
final class NamespaceNetwork implements AutoCloseable
{
    /** The virtual links' MTU: jumbo frames, so a wire MTU up to 9000 bytes is not IP-fragmented. */
    static final int LINK_MTU = 9000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long COMMAND_TIMEOUT_S = 10;

    private final String id;
    private final List<String> namespaces = new ArrayList<>();
    private final List<InetAddress> addresses = new ArrayList<>();
    private String bridge;
    private InetAddress bridgeAddress;

    private NamespaceNetwork(final String id)
    {
        this.id = id;
    }

    /**
     * @param host a host index.
     * @return its namespace's name.
     */
    String namespace(final int host)
    {
        return namespaces.get(host);
    }

    /**
     * @param host a host index.
     * @return its address.
     */
    InetAddress address(final int host)
    {
        return addresses.get(host);
    }

    /**
     * @return the bridge's address, where processes in the namespaces reach the caller's namespace.
     */
    InetAddress bridgeAddress()
    {
        return bridgeAddress;
    }

    /**
     * @return null when namespaces can be made here, else why not.
     */
    static String problem()
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

    /**
     * Make the bridge and the hosts' namespaces; on failure remove what was made.
     *
     * @param id    this cluster's id (6 hex digits: interface names have at most 15 characters).
     * @param hosts how many hosts.
     * @return the network.
     * @throws IOException when an {@code ip} command failed.
     */
    static NamespaceNetwork create(final String id, final int hosts) throws IOException
    {
        final NamespaceNetwork network = new NamespaceNetwork(id);
        try
        {
            network.make(hosts);
            return network;
        }
        catch (final IOException | RuntimeException e)
        {
            network.close();
            throw e;
        }
    }

    private void make(final int hosts) throws IOException
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

    @Override
    public void close()
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

    static void run(final String... command) throws IOException
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
