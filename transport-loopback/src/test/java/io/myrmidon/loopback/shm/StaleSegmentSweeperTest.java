package io.myrmidon.loopback.shm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StaleSegmentSweeperTest
{
    @TempDir
    Path directory;

    @Test
    void removesSegmentsOfDeadOwnersAndKeepsLiveOnes() throws Exception
    {
        final Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        try (Arena arena = Arena.ofShared())
        {
            ShmSegment.create(directory.resolve("myrmidon-gone-0"), arena, 0, 1, 4096, dead.pid());
            ShmSegment.create(directory.resolve("myrmidon-live-0"), arena, 0, 1, 4096, ProcessHandle.current().pid());
        }
        final Path fresh = Files.write(directory.resolve("myrmidon-starting-0"), new byte[8]);
        final Path abandoned = Files.write(directory.resolve("myrmidon-abandoned-0"), new byte[8]);
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(StaleSegmentSweeper.UNPUBLISHED_GRACE.multipliedBy(2))));
        final Path unrelated = Files.write(directory.resolve("other-file"), new byte[8]);

        assertEquals(2, StaleSegmentSweeper.sweep(directory));
        assertFalse(Files.exists(directory.resolve("myrmidon-gone-0")));
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(directory.resolve("myrmidon-live-0")));
        assertTrue(Files.exists(fresh), "a rank may be between creating and publishing its header");
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void toleratesAMissingDirectory() throws IOException
    {
        assertEquals(0, StaleSegmentSweeper.sweep(directory.resolve("absent")));
    }
}
