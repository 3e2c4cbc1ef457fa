package io.myrmidon.loopback.shm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code shm} transport between real JVMs ({@link ShmRankMain}), bootstrapped through files.
 */
class ShmMultiProcessTest
{
    private static final long SEED = Long.getLong("myrmidon.test.seed", System.nanoTime());

    private Path directory;
    private String jobId;
    private RankProcesses ranks;

    @BeforeEach
    void createJobDirectory() throws IOException
    {
        directory = Files.createTempDirectory("myrmidon-shm-test");
        jobId = "test-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    }

    @AfterEach
    void endRanksAndRemoveDirectory() throws Exception
    {
        if (ranks != null)
        {
            ranks.close();
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }

    @ParameterizedTest(name = "{0} processes")
    @ValueSource(ints = { 2, 4 })
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void exchangeRandomFragmentsInOrderBetweenProcesses(final int size) throws Exception
    {
        ranks = RankProcesses.start(directory, jobId, size, "exchange", "2000", Long.toString(SEED));
        final int[] codes = ranks.waitFor(80, TimeUnit.SECONDS);
        assertNotNull(codes, () -> "ranks did not finish:\n" + ranks.outputs());
        assertArrayEquals(new int[size], codes, () -> "seed " + SEED + "\n" + ranks.outputs());
        assertEquals(List.of(), ShmTransportTest.segmentFiles("myrmidon-" + jobId));
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void eightProcessesOnTwoCoresFinishBecauseWaitingRanksBlock() throws Exception
    {
        ranks = RankProcesses.start(directory, jobId, 8, "exchange", "300", Long.toString(SEED));
        final int[] codes = ranks.waitFor(140, TimeUnit.SECONDS);
        assertNotNull(codes, () -> "ranks did not finish:\n" + ranks.outputs());
        assertArrayEquals(new int[8], codes, () -> "seed " + SEED + "\n" + ranks.outputs());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aRankKilledMidJobIsReportedToTheSurvivorAndLeavesNoFiles() throws Exception
    {
        ranks = RankProcesses.start(directory, jobId, 2, "victim");
        assertTrue(ranks.awaitOutput(0, "EXCHANGING", 60, TimeUnit.SECONDS), () -> ranks.outputs());
        final Process victim = ranks.process(1);
        victim.destroyForcibly(); // SIGKILL on Linux
        assertTrue(victim.waitFor(10, TimeUnit.SECONDS));
        assertTrue(ranks.process(0).waitFor(30, TimeUnit.SECONDS), () -> "survivor hangs:\n" + ranks.outputs());
        assertEquals(0, ranks.process(0).exitValue(), () -> ranks.outputs());
        final String survivor = ranks.output(0);
        assertTrue(survivor.contains("PEER_FAILURE rank=1 reason=process " + victim.pid() + " of rank 1 is gone"),
            survivor);
        assertEquals(List.of(), ShmTransportTest.segmentFiles("myrmidon-" + jobId));
    }
}
