package io.myrmidon.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedMemoryLeftoversTest
{
    @Test
    void deletesTheJobsFilesAndNothingElse(@TempDir final Path dir) throws Exception
    {
        final Path ring = Files.createFile(dir.resolve("myrmidon-j42-0011aabb-ring-0-1"));
        final Path region = Files.createFile(dir.resolve("myrmidon-j42-0011aabb"));
        final Path otherJob = Files.createFile(dir.resolve("myrmidon-j42-0011aabc-ring-0-1"));
        final Path stranger = Files.createFile(dir.resolve("pulse-shm-1234"));

        assertEquals(2, SharedMemoryLeftovers.delete(dir, "j42-0011aabb"));

        assertFalse(Files.exists(ring));
        assertFalse(Files.exists(region));
        assertTrue(Files.exists(otherJob));
        assertTrue(Files.exists(stranger));
    }

    @Test
    void aMissingDirectoryIsNothingToCleanUp(@TempDir final Path dir)
    {
        assertEquals(0, SharedMemoryLeftovers.delete(dir.resolve("absent"), "j1-00000000"));
    }
}
