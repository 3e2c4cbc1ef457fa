package io.myrmidon.vmm.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Starting and stopping the host daemon as a separate JVM (used by {@code host start|stop} and by the benches
 * and tests).
 */
public final class HostControl
{
    private static final long START_TIMEOUT_MS = 20_000;
    private static final long STOP_TIMEOUT_MS = 5_000;

    private HostControl()
    {
    }

    /**
     * Start a daemon unless one runs.
     *
     * @param dir the runtime directory.
     * @return the daemon's pid and whether this call started it.
     * @throws IOException when it cannot be started.
     */
    public static Started start(final HostDirectory dir) throws IOException
    {
        return start(dir, null);
    }

    /**
     * Start a daemon unless one runs.
     *
     * @param dir  the runtime directory.
     * @param wire this host's name and the host table, or null for a host on its own.
     * @return the daemon's pid and whether this call started it.
     * @throws IOException when it cannot be started.
     */
    public static Started start(final HostDirectory dir, final WireOptions wire) throws IOException
    {
        return start(dir, wire, java.util.List.of());
    }

    /**
     * Start a daemon unless one runs.
     *
     * @param dir    the runtime directory.
     * @param wire   this host's name and the host table, or null for a host on its own.
     * @param prefix words before the daemon's java command, e.g. {@code ip netns exec h1} to run it in a network
     *               namespace; empty to run it directly.
     * @return the daemon's pid and whether this call started it.
     * @throws IOException when it cannot be started.
     */
    public static Started start(final HostDirectory dir, final WireOptions wire, final java.util.List<String> prefix)
        throws IOException
    {
        final Optional<ProcessHandle> running = dir.runningDaemon();
        if (running.isPresent())
        {
            return new Started(running.get().pid(), false);
        }
        Files.createDirectories(dir.root());
        Files.deleteIfExists(dir.pidFile());
        final java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(dir.root().toString()));
        if (wire != null)
        {
            args.addAll(wire.daemonArgs());
        }
        final java.util.List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(JvmCommand.of(HostDaemon.class, args.toArray(String[]::new)));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.logFile().toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        final Process process = builder.start();
        final long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            if (!process.isAlive())
            {
                throw new IOException("host daemon exited with status " + process.exitValue() + "; see " + dir.logFile());
            }
            if (dir.runningDaemon().isPresent() && Files.exists(dir.socket()))
            {
                return new Started(process.pid(), true);
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new IOException("host daemon did not come up within " + START_TIMEOUT_MS + " ms; see " + dir.logFile());
    }

    /**
     * Stop the daemon if one runs, and remove its files.
     *
     * @param dir the runtime directory.
     * @return true when a daemon was stopped.
     * @throws IOException when files cannot be removed.
     */
    public static boolean stop(final HostDirectory dir) throws IOException
    {
        final Optional<ProcessHandle> running = dir.runningDaemon();
        running.ifPresent(daemon ->
        {
            daemon.destroy();
            try
            {
                daemon.onExit().get(STOP_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            catch (final Exception e)
            {
                daemon.destroyForcibly();
            }
        });
        Files.deleteIfExists(dir.pidFile());
        Files.deleteIfExists(dir.socket());
        Files.deleteIfExists(dir.countersFile());
        return running.isPresent();
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * @param pid     the daemon's pid.
     * @param started true when this call started it (so the caller should stop it).
     */
    public record Started(long pid, boolean started)
    {
    }
}
