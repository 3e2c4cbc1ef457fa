package io.myrmidon.vmm.tools;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import io.myrmidon.vnic.layout.CountersDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The host runtime directory: {@code $MYRMIDON_HOST_DIR}, else {@code /tmp/myrmidon-host-<uid>}. It holds the
 * daemon's pid file, the VMM socket, the counters file and the daemon log.
 *
 * @param root the directory.
 */
public record HostDirectory(Path root)
{
    /**
     * @return the directory for this user, from the environment.
     */
    public static HostDirectory fromEnvironment()
    {
        final String configured = System.getenv("MYRMIDON_HOST_DIR");
        if (configured != null && !configured.isBlank())
        {
            return new HostDirectory(Path.of(configured));
        }
        Object uid;
        try
        {
            uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        }
        catch (final IOException | UnsupportedOperationException e)
        {
            uid = System.getProperty("user.name");
        }
        return new HostDirectory(Path.of("/tmp", "myrmidon-host-" + uid));
    }

    /**
     * @return the VMM's control socket.
     */
    public Path socket()
    {
        return root.resolve("vmm.sock");
    }

    /**
     * @return the daemon's pid file, written once the daemon serves.
     */
    public Path pidFile()
    {
        return root.resolve("host.pid");
    }

    /**
     * @return the counters file.
     */
    public Path countersFile()
    {
        return root.resolve("counters.dat");
    }

    /**
     * @return the daemon's log.
     */
    public Path logFile()
    {
        return root.resolve("daemon.log");
    }

    /**
     * @return the running daemon, if the pid file names a live process.
     */
    public Optional<ProcessHandle> runningDaemon()
    {
        try
        {
            final long pid = Long.parseLong(Files.readString(pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        }
        catch (final IOException | NumberFormatException e)
        {
            return Optional.empty();
        }
    }

    /**
     * Map the counters file (read and write; readers only read).
     *
     * @param create true to create and size it.
     * @return a buffer over it.
     */
    public UnsafeBuffer mapCounters(final boolean create)
    {
        try (FileChannel channel = create ?
            FileChannel.open(countersFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING) :
            FileChannel.open(countersFile(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            if (create)
            {
                channel.write(java.nio.ByteBuffer.allocate(CountersDescriptor.TOTAL_LENGTH));
            }
            return new UnsafeBuffer(channel.map(FileChannel.MapMode.READ_WRITE, 0, CountersDescriptor.TOTAL_LENGTH));
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot map counters file " + countersFile() + ": " + e.getMessage() +
                (create ? "" : " (is the host daemon running? 'myrmidon host start')"), e);
        }
    }
}
