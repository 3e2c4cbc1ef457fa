package io.myrmidon.nic.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.myrmidon.vnic.sys.UdpSocket;

/**
 * The hosts of a cluster and where their NICs listen: {@code h0=10.77.0.1:7000,h1=10.77.0.2:7000}. A host's NIC
 * id is its position in the table (0, 1, ...), so every host that reads the same table agrees on the ids. Entries
 * are separated by commas or new lines; {@code #} starts a comment. A value that names an existing file is read
 * as that file.
 * <p>
 * Immutable, thread safe.
 */
public final class HostTable
{
    /** Most hosts: NIC ids travel in 16 bits of wire frames but the firmware keeps arrays per peer. */
    public static final int MAX_HOSTS = 64;

    private final List<Entry> entries;
    private final Map<String, Entry> byName;

    private HostTable(final List<Entry> entries)
    {
        this.entries = List.copyOf(entries);
        final Map<String, Entry> names = new TreeMap<>();
        for (final Entry entry : entries)
        {
            names.put(entry.name(), entry);
        }
        this.byName = names;
    }

    /**
     * @param text the table, or the path of a file holding it.
     * @return the parsed table.
     * @throws IllegalArgumentException with a message saying which entry is wrong and how to write it.
     */
    public static HostTable parse(final String text)
    {
        if (text == null || text.isBlank())
        {
            throw new IllegalArgumentException("the host table is empty; write it as name=address:port,... " +
                "for example h0=10.77.0.1:7000,h1=10.77.0.2:7000");
        }
        final Path file = Path.of(text.trim().contains("=") ? "/nonexistent" : text.trim());
        if (Files.isRegularFile(file))
        {
            try
            {
                return parse(Files.readString(file));
            }
            catch (final IOException e)
            {
                throw new IllegalArgumentException("cannot read host table file " + file + ": " + e.getMessage(), e);
            }
        }
        final List<Entry> entries = new ArrayList<>();
        for (final String line : text.split("[,\\n]"))
        {
            final int hash = line.indexOf('#');
            final String item = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!item.isEmpty())
            {
                entries.add(entry(item, entries.size(), entries));
            }
        }
        if (entries.isEmpty() || entries.size() > MAX_HOSTS)
        {
            throw new IllegalArgumentException("a host table needs 1 to " + MAX_HOSTS + " hosts, not " +
                entries.size() + ": '" + text + "'");
        }
        return new HostTable(entries);
    }

    private static Entry entry(final String item, final int nicId, final List<Entry> before)
    {
        final int equals = item.indexOf('=');
        final int colon = item.lastIndexOf(':');
        if (equals <= 0 || colon < equals)
        {
            throw new IllegalArgumentException("host table entry '" + item + "' must be name=address:port, " +
                "for example h0=10.77.0.1:7000");
        }
        final String name = item.substring(0, equals).trim();
        final String host = item.substring(equals + 1, colon).trim();
        final int port;
        try
        {
            port = Integer.parseInt(item.substring(colon + 1).trim());
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("host table entry '" + item + "' has no port number after ':'", e);
        }
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("host table entry '" + item + "': port must be 1..65535");
        }
        for (final Entry other : before)
        {
            if (other.name().equals(name))
            {
                throw new IllegalArgumentException("host '" + name + "' appears twice in the host table");
            }
        }
        final InetSocketAddress address;
        try
        {
            address = new InetSocketAddress(InetAddress.getByName(host), port);
            UdpSocket.ipv4(address);
        }
        catch (final UnknownHostException | IllegalArgumentException e)
        {
            throw new IllegalArgumentException("host table entry '" + item + "': '" + host +
                "' is not an IPv4 address (" + e.getMessage() + ")", e);
        }
        for (final Entry other : before)
        {
            if (other.address().equals(address))
            {
                throw new IllegalArgumentException("hosts '" + other.name() + "' and '" + name +
                    "' share the address " + host + ":" + port + "; every NIC needs its own");
            }
        }
        return new Entry(name, nicId, address, UdpSocket.ipv4(address));
    }

    /**
     * @param name a host name.
     * @return its entry.
     * @throws IllegalArgumentException when the table does not name it.
     */
    public Entry host(final String name)
    {
        final Entry entry = byName.get(name);
        if (entry == null)
        {
            throw new IllegalArgumentException("host '" + name + "' is not in the host table " + this +
                "; give a name from it");
        }
        return entry;
    }

    /**
     * @param nicId a NIC id.
     * @return its entry, or null when no host has that id.
     */
    public Entry byNicId(final int nicId)
    {
        return nicId >= 0 && nicId < entries.size() ? entries.get(nicId) : null;
    }

    /**
     * @return the hosts, in NIC id order.
     */
    public List<Entry> entries()
    {
        return entries;
    }

    /**
     * @return the number of hosts.
     */
    public int size()
    {
        return entries.size();
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (final Entry entry : entries)
        {
            if (!text.isEmpty())
            {
                text.append(',');
            }
            text.append(entry.name()).append('=').append(entry.address().getAddress().getHostAddress())
                .append(':').append(entry.address().getPort());
        }
        return text.toString();
    }

    /**
     * @param name    the host's name.
     * @param nicId   its NIC's id (position in the table).
     * @param address where its NIC's wire listens.
     * @param ip      the address as an int, {@link UdpSocket#ipv4} form.
     */
    public record Entry(String name, int nicId, InetSocketAddress address, int ip)
    {
        /**
         * @return the UDP port.
         */
        public int port()
        {
            return address.getPort();
        }
    }
}
