package io.myrmidon.loopback.shm;

import io.myrmidon.spi.Bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * A test bootstrap for ranks in separate processes: each {@code allGather} round writes one file
 * per rank into a shared directory (atomically, by rename) and waits until all of them exist.
 * Files are never removed during the job; the test deletes the directory.
 */
final class FileBootstrap implements Bootstrap
{
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Path directory;
    private final int rank;
    private final int size;
    private final String jobId;
    private int round;

    FileBootstrap(final Path directory, final int rank, final int size, final String jobId)
    {
        this.directory = directory;
        this.rank = rank;
        this.size = size;
        this.jobId = jobId;
    }

    @Override
    public int rank()
    {
        return rank;
    }

    @Override
    public int size()
    {
        return size;
    }

    @Override
    public String jobId()
    {
        return jobId;
    }

    @Override
    public String transportName()
    {
        return ShmTransportProvider.NAME;
    }

    @Override
    public byte[][] allGather(final byte[] mine)
    {
        final int thisRound = round++;
        try
        {
            final Path temporary = directory.resolve("tmp-" + thisRound + "-" + rank);
            Files.write(temporary, mine);
            Files.move(temporary, file(thisRound, rank), StandardCopyOption.ATOMIC_MOVE);
            final byte[][] all = new byte[size][];
            final long deadline = System.nanoTime() + TIMEOUT_NANOS;
            for (int r = 0; r < size; r++)
            {
                while (!Files.exists(file(thisRound, r)))
                {
                    if (System.nanoTime() > deadline)
                    {
                        throw new IllegalStateException("rank " + r + " did not reach round " + thisRound + " in " +
                            directory + " within 60 s");
                    }
                    Thread.sleep(1);
                }
                all[r] = Files.readAllBytes(file(thisRound, r));
            }
            return all;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in allGather", ex);
        }
    }

    private Path file(final int round, final int rank)
    {
        return directory.resolve("round-" + round + "-" + rank);
    }

    @Override
    public void close()
    {
    }
}
