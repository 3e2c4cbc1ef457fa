package io.myrmidon.testing;

import io.myrmidon.launch.JavaCommand;
import io.myrmidon.launch.Launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A JVM started by a test with the test class path and the flags project code needs; its stdout
 * and stderr are collected line by line. {@link #close()} kills it and everything it started.
 */
public final class ChildJvm implements AutoCloseable
{
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ChildJvm(final Process process)
    {
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout);
        this.stderrReader = collect(process.getErrorStream(), stderr);
    }

    /**
     * Starts {@code bin/myrmidon}'s Java side with the test class path.
     */
    public static ChildJvm launcher(final String... args) throws IOException
    {
        return start(Map.of(), System.getProperty("java.class.path"), Launcher.class.getName(), args);
    }

    /**
     * Starts {@code mainClass} with {@code env} added to this JVM's environment, minus any
     * {@code MYRMIDON_*} variable of this JVM.
     */
    public static ChildJvm start(
        final Map<String, String> env, final String classPath, final String mainClass, final String... args)
        throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(JavaCommand.of(classPath, null, mainClass, List.of(args)));
        builder.environment().keySet().removeIf(name -> name.startsWith("MYRMIDON_"));
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new ChildJvm(builder.start());
    }

    public Process process()
    {
        return process;
    }

    /**
     * Waits for the process to end and its output to be read.
     *
     * @return its exit status.
     */
    public int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            fail("the JVM did not end within " + timeout + "; stdout " + stdout() + " stderr " + stderr());
        }
        stdoutReader.join(5_000);
        stderrReader.join(5_000);
        return process.exitValue();
    }

    /**
     * Waits until {@code count} stdout lines match.
     *
     * @return the matching lines.
     */
    public List<String> awaitStdout(final Predicate<String> matching, final int count, final Duration timeout)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final List<String> matches = stdout().stream().filter(matching).toList();
            if (matches.size() >= count)
            {
                return matches;
            }
            if (System.nanoTime() > deadline || !process.isAlive() && !stdoutReader.isAlive())
            {
                fail("expected " + count + " matching stdout lines within " + timeout + "; stdout " + stdout() +
                    " stderr " + stderr());
            }
            Thread.sleep(20);
        }
    }

    public List<String> stdout()
    {
        synchronized (stdout)
        {
            return List.copyOf(stdout);
        }
    }

    public List<String> stderr()
    {
        synchronized (stderr)
        {
            return List.copyOf(stderr);
        }
    }

    @Override
    public void close()
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread collect(final InputStream in, final List<String> lines)
    {
        return Thread.ofPlatform().daemon().start(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    synchronized (lines)
                    {
                        lines.add(line);
                    }
                }
            }
            catch (final IOException ignore)
            {
                // the process is gone
            }
        });
    }
}
