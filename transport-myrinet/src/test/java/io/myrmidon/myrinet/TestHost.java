package io.myrmidon.myrinet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.myrmidon.vmm.tools.HostControl;
import io.myrmidon.vmm.tools.HostDirectory;

/**
 * A fresh host runtime directory under /tmp (short: it holds a Unix socket) for one test class, optionally with
 * a real host daemon (its own JVM) running in it. {@link #close()} stops the daemon and removes the directory.
 */
final class TestHost implements AutoCloseable
{
    private final HostDirectory dir;

    private TestHost(final HostDirectory dir)
    {
        this.dir = dir;
    }

    /**
     * @return a directory with a running daemon.
     */
    static TestHost withDaemon() throws IOException
    {
        final TestHost host = withoutDaemon();
        HostControl.start(host.dir);
        return host;
    }

    /**
     * @return an empty directory: whoever needs a daemon starts it there.
     */
    static TestHost withoutDaemon() throws IOException
    {
        return new TestHost(new HostDirectory(Files.createTempDirectory(Path.of("/tmp"), "myri-test-")));
    }

    HostDirectory dir()
    {
        return dir;
    }

    long daemonPid()
    {
        return dir.runningDaemon().orElseThrow(() -> new IllegalStateException("no daemon in " + dir.root())).pid();
    }

    @Override
    public void close() throws IOException
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
}
