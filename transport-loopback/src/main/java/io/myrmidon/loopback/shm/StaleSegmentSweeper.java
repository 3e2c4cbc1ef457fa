package io.myrmidon.loopback.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes segment files left behind by ranks that died during start-up, in the short window
 * between creating their segment and unlinking it (see {@link ShmJobConnector}). A file goes when
 * its header names an owner process that is gone, or when it never got a header and is older
 * than {@link #UNPUBLISHED_GRACE}. Best effort: files it cannot read are left alone.
 */
final class StaleSegmentSweeper
{
    /** A file without a published header is abandoned after this long. */
    static final Duration UNPUBLISHED_GRACE = Duration.ofMinutes(10);
    private static final String PREFIX = "myrmidon-";

    private StaleSegmentSweeper()
    {
    }

    /**
     * @return how many files were removed.
     */
    static int sweep(final Path directory)
    {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*"))
        {
            for (final Path file : files)
            {
                if (isStale(file))
                {
                    ShmSegment.deleteQuietly(file);
                    removed++;
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // Best effort: a directory we cannot list is reported when the segment is created.
        }
        return removed;
    }

    static boolean isStale(final Path file)
    {
        final ByteBuffer header = ByteBuffer.allocate(ShmSegmentDescriptor.OWNER_PID_OFFSET + Long.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            while (header.hasRemaining() && channel.read(header) > 0)
            {
                // read the fixed part of the header
            }
            if (header.hasRemaining() || header.getLong(ShmSegmentDescriptor.MAGIC_OFFSET) != ShmSegmentDescriptor.MAGIC)
            {
                final FileTime modified = Files.getLastModifiedTime(file);
                return modified.toInstant().isBefore(Instant.now().minus(UNPUBLISHED_GRACE));
            }
            final long owner = header.getLong(ShmSegmentDescriptor.OWNER_PID_OFFSET);
            return ProcessHandle.of(owner).map(process -> !process.isAlive()).orElse(true);
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
    }
}
