package io.myrmidon.vmm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.myrmidon.vnic.sys.SeqPacketSocket;

/**
 * The VMM's Unix domain socket: accepts connections and runs each (each VM) on its own thread.
 * Thread safe.
 */
public final class VmmServer implements AutoCloseable
{
    private final Vmm vmm;
    private final Path path;
    private final SeqPacketSocket listener;
    private final Set<SeqPacketSocket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    /**
     * @param vmm  the control plane.
     * @param path where to listen (replaced if it exists).
     */
    public VmmServer(final Vmm vmm, final Path path)
    {
        this.vmm = vmm;
        this.path = path;
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final java.io.IOException e)
        {
            throw new IllegalStateException("cannot remove stale socket " + path + ": " + e.getMessage(), e);
        }
        listener = SeqPacketSocket.listen(path);
        acceptor = new Thread(this::acceptLoop, "vmm-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop()
    {
        while (true)
        {
            final SeqPacketSocket connection;
            try
            {
                connection = listener.accept();
            }
            catch (final RuntimeException e)
            {
                System.err.println("vmm: accept failed: " + e.getMessage());
                return;
            }
            if (connection == null)
            {
                return;
            }
            connections.add(connection);
            final Thread thread = new Thread(
                new VmConnection(vmm, connection, () -> connections.remove(connection)), "vmm-connection");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void close()
    {
        listener.close();
        for (final SeqPacketSocket connection : connections)
        {
            connection.close();
        }
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final java.io.IOException ignore)
        {
            // best effort at shutdown
        }
    }
}
