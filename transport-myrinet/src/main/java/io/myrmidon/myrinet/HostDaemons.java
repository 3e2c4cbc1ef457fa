package io.myrmidon.myrinet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

import io.myrmidon.vmm.tools.HostControl;
import io.myrmidon.vmm.tools.HostDirectory;

/**
 * Starts the host daemon when none runs, under a file lock in its directory so that two jobs starting at once
 * do not start two daemons on one socket. Thread safe across processes; within one JVM callers serialise on
 * this class.
 */
final class HostDaemons
{
    private HostDaemons()
    {
    }

    /**
     * @param dir the daemon's directory.
     * @return the daemon, and whether this call started it (then the caller stops it with {@link #stop}).
     * @throws IOException when it cannot be started.
     */
    static synchronized HostControl.Started ensureRunning(final HostDirectory dir) throws IOException
    {
        Files.createDirectories(dir.root());
        try (FileChannel lockFile = FileChannel.open(dir.root().resolve("start.lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignored = lockFile.lock())
        {
            return HostControl.start(dir);
        }
    }

    /**
     * Stops a daemon this process started.
     *
     * @param dir its directory.
     * @return a problem to report, or null.
     */
    static String stop(final HostDirectory dir)
    {
        try
        {
            HostControl.stop(dir);
            return null;
        }
        catch (final IOException e)
        {
            return "could not stop the host daemon in " + dir.root() + ": " + e.getMessage();
        }
    }
}
