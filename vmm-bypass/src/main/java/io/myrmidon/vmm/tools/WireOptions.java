package io.myrmidon.vmm.tools;

import java.util.List;

import io.myrmidon.nic.wire.HostTable;
import io.myrmidon.nic.wire.WireLink;

/**
 * Which host of a cluster this daemon is, and the cluster's host table: the daemon's NIC takes the table
 * position of its host as NIC id and links to the others over UDP. From {@code host start --host NAME --hosts
 * TABLE [--mtu BYTES]} or the environment ({@value #HOST_ENV}, {@value #HOSTS_ENV}, {@value #MTU_ENV}).
 *
 * @param hostName this host's name in the table.
 * @param hosts    the table ({@link HostTable#parse} syntax, or a file).
 * @param mtu      bytes per wire datagram.
 */
public record WireOptions(String hostName, String hosts, int mtu)
{
    /** This host's name in the host table. */
    public static final String HOST_ENV = "MYRMIDON_HOST_NAME";
    /** The host table, or a file holding it. */
    public static final String HOSTS_ENV = "MYRMIDON_HOSTS";
    /** Wire datagram size. */
    public static final String MTU_ENV = "MYRMIDON_WIRE_MTU";

    /**
     * Check the options: the table parses and names the host.
     *
     * @return the parsed table.
     * @throws IllegalArgumentException with what is wrong.
     */
    public HostTable table()
    {
        final HostTable table = HostTable.parse(hosts);
        table.host(hostName);
        return table;
    }

    /**
     * @param hostName option value or null.
     * @param hosts    option value or null.
     * @param mtu      option value or 0.
     * @return the options, completed from the environment; null when neither names a host table (a single
     * host).
     */
    public static WireOptions of(final String hostName, final String hosts, final int mtu)
    {
        final String name = hostName != null ? hostName : System.getenv(HOST_ENV);
        final String table = hosts != null ? hosts : System.getenv(HOSTS_ENV);
        if ((table == null || table.isBlank()) && (name == null || name.isBlank()))
        {
            return null;
        }
        if (table == null || table.isBlank() || name == null || name.isBlank())
        {
            throw new IllegalArgumentException("a host linked to others needs both its name (--host or " + HOST_ENV +
                ") and the host table (--hosts or " + HOSTS_ENV + "), e.g. --host h0 --hosts " +
                "h0=10.77.0.1:7000,h1=10.77.0.2:7000");
        }
        final String mtuEnv = System.getenv(MTU_ENV);
        final int bytes = mtu > 0 ? mtu : mtuEnv != null ? Integer.parseInt(mtuEnv.trim()) : WireLink.DEFAULT_MTU;
        final WireOptions options = new WireOptions(name, table, bytes);
        options.table();
        return options;
    }

    /**
     * @return the daemon's arguments after its directory.
     */
    List<String> daemonArgs()
    {
        return List.of(hostName, HostTable.parse(hosts).toString(), Integer.toString(mtu));
    }
}
