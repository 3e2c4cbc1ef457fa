package io.myrmidon.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.myrmidon.vmm.tools.JvmCommand;

/**
 * A child JVM driven over stdin/stdout, one line per command and per answer; stderr goes to the test's stderr.
 * Always {@link #close()} it (the test's finally), which kills it if needed.
 */
final class GuestProcess implements AutoCloseable
{
    private final Process process;
    private final Writer input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    GuestProcess(final Class<?> mainClass, final String... args) throws IOException
    {
        final List<String> command = JvmCommand.of(mainClass, args);
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = out.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the process ended
            }
        }, "guest-output");
        reader.setDaemon(true);
        reader.start();
    }

    static GuestProcess scripted(final HostFixture host, final String mode) throws IOException
    {
        return new GuestProcess(ScriptedGuest.class, host.dir().socket().toString(), mode);
    }

    /**
     * @param timeoutMs how long to wait.
     * @return the next output line.
     */
    String nextLine(final long timeoutMs)
    {
        try
        {
            final String line = lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
            if (line == null)
            {
                throw new AssertionError("guest " + process.pid() + " said nothing within " + timeoutMs + " ms" +
                    (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
            }
            return line;
        }
        catch (final InterruptedException e)
        {
            throw new AssertionError(e);
        }
    }

    /**
     * @param prefix    what the wanted line starts with; other lines (stray output) are skipped.
     * @param timeoutMs how long to wait in all.
     * @return the line.
     */
    String nextLineStartingWith(final String prefix, final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (true)
        {
            final String line = nextLine(Math.max(1, deadline - System.currentTimeMillis()));
            if (line.startsWith(prefix))
            {
                return line;
            }
            System.err.println("guest " + process.pid() + " (skipped): " + line);
        }
    }

    void send(final String command)
    {
        try
        {
            input.write(command + "\n");
            input.flush();
        }
        catch (final IOException e)
        {
            throw new AssertionError("guest " + process.pid() + " is gone: " + e);
        }
    }

    String call(final String command)
    {
        send(command);
        return nextLine(20_000);
    }

    Process process()
    {
        return process;
    }

    @Override
    public void close()
    {
        try
        {
            input.close();
        }
        catch (final IOException ignore)
        {
            // already gone
        }
        try
        {
            if (!process.waitFor(3, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException e)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
