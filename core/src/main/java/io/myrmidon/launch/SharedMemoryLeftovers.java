package io.myrmidon.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher's backstop for shared memory: after a job, deletes any {@code /dev/shm/myrmidon-<jobId>*}
 * file that its ranks left (the shm transport unlinks its own files, but a rank killed at the wrong
 * moment may not have).
 *
 * <p>Stateless and thread safe.
 */
final class SharedMemoryLeftovers
{
    static final Path SHM_DIRECTORY = Path.of("/dev/shm");

    private SharedMemoryLeftovers()
    {
    }

    /**
     * @param directory the shared-memory directory, normally {@link #SHM_DIRECTORY}.
     * @param jobId     the job whose files go.
     * @return how many files were deleted.
     */
    static int delete(final Path directory, final String jobId)
    {
        if (!Files.isDirectory(directory))
        {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "myrmidon-" + jobId + "*"))
        {
            for (final Path file : files)
            {
                if (Files.deleteIfExists(file))
                {
                    deleted++;
                }
            }
        }
        catch (final IOException ex)
        {
            System.err.println("myrmidon: could not clean up shared memory of job " + jobId + " in " + directory +
                ": " + ex + " (remove /dev/shm/myrmidon-" + jobId + "* by hand)");
        }
        return deleted;
    }
}
