package io.myrmidon.loopback.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the ranks of a job as real JVMs (the running JDK, the project's JVM flags, this class
 * path), each writing its output to {@code rank-N.log} in the job directory, and ends them.
 */
final class RankProcesses implements AutoCloseable
{
    private final Path directory;
    private final List<Process> processes = new ArrayList<>();

    RankProcesses(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * Starts {@code size} ranks of {@link ShmRankMain} in the given mode, with small heaps and
     * quick start-up (C1 only), as tests want them.
     */
    static RankProcesses start(final Path directory, final String jobId, final int size, final String... modeAndArgs)
        throws IOException
    {
        return start(directory, jobId, size, List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), modeAndArgs);
    }

    /**
     * Starts {@code size} ranks of {@link ShmRankMain} in the given mode with the given JVM options.
     */
    static RankProcesses start(
        final Path directory, final String jobId, final int size, final List<String> jvmOptions,
        final String... modeAndArgs) throws IOException
    {
        final RankProcesses ranks = new RankProcesses(directory);
        for (int rank = 0; rank < size; rank++)
        {
            final List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED"));
            command.addAll(jvmOptions);
            command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                ShmRankMain.class.getName(),
                directory.toString(), jobId, Integer.toString(rank), Integer.toString(size)));
            command.addAll(List.of(modeAndArgs));
            ranks.processes.add(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ranks.log(rank).toFile())
                .start());
        }
        return ranks;
    }

    Process process(final int rank)
    {
        return processes.get(rank);
    }

    Path log(final int rank)
    {
        return directory.resolve("rank-" + rank + ".log");
    }

    String output(final int rank)
    {
        try
        {
            return Files.exists(log(rank)) ? Files.readString(log(rank)) : "";
        }
        catch (final IOException ex)
        {
            return "(cannot read " + log(rank) + ": " + ex + ")";
        }
    }

    /**
     * @return every rank's output, for failure messages.
     */
    String outputs()
    {
        final StringBuilder all = new StringBuilder();
        for (int rank = 0; rank < processes.size(); rank++)
        {
            all.append("--- rank ").append(rank).append(" ---\n").append(output(rank));
        }
        return all.toString();
    }

    /**
     * Waits for every rank to exit.
     *
     * @return the exit codes, or null when one did not exit in time.
     */
    int[] waitFor(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        final int[] codes = new int[processes.size()];
        for (int rank = 0; rank < codes.length; rank++)
        {
            final Process process = processes.get(rank);
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
            {
                return null;
            }
            codes[rank] = process.exitValue();
        }
        return codes;
    }

    /**
     * Blocks until a rank's output contains the text, or the timeout passes.
     */
    boolean awaitOutput(final int rank, final String text, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline)
        {
            if (output(rank).contains(text))
            {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public void close()
    {
        for (final Process process : processes)
        {
            process.destroy();
        }
        for (final Process process : processes)
        {
            try
            {
                if (!process.waitFor(5, TimeUnit.SECONDS))
                {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
