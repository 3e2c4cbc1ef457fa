package io.myrmidon.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test rank that leaves a file {@code /dev/shm/myrmidon-<jobId>-test-<rank>} behind, as a rank
 * killed before it could unlink its shared memory would, and prints {@code left <path>}.
 */
public final class ShmLeavingRank
{
    private ShmLeavingRank()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final var bootstrap = Bootstraps.forThisRank();
        final Path file = Path.of("/dev/shm", "myrmidon-" + bootstrap.jobId() + "-test-" + bootstrap.rank());
        Files.write(file, new byte[]{ 1, 2, 3 });
        System.out.println("left " + file);
        bootstrap.barrier();
        bootstrap.close();
    }
}
