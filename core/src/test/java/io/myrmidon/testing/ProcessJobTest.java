package io.myrmidon.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MPI semantics across real processes, each rank a JVM started by the launcher on the transport
 * under test. Transports that run ranks as processes extend it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class ProcessJobTest
{
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(150);
    private static final Pattern READY = Pattern.compile("\\[(\\d+)] pid (\\d+) ready");

    private final List<ChildJvm> launchers = new ArrayList<>();

    protected abstract String transport();

    /**
     * @return false when the launcher runs the ranks of this transport as threads of one JVM.
     */
    protected boolean ranksAreProcesses()
    {
        return true;
    }

    @AfterEach
    void endEverything()
    {
        launchers.forEach(ChildJvm::close);
    }

    protected ChildJvm run(final int ranks, final Class<?> program, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("run", "-n", Integer.toString(ranks),
            "--transport", transport(), program.getName()));
        command.addAll(Arrays.asList(args));
        final ChildJvm launcher = ChildJvm.launcher(command.toArray(String[]::new));
        launchers.add(launcher);
        return launcher;
    }

    protected static void assertAllSaid(final ChildJvm launcher, final int ranks, final String text)
    {
        for (int rank = 0; rank < ranks; rank++)
        {
            assertTrue(launcher.stdout().contains("[" + rank + "] " + text),
                "rank " + rank + " did not say '" + text + "': " + launcher.stdout() + " " + launcher.stderr());
        }
    }

    @Test
    void sendersKeepTheirOrderAcrossTheEagerThreshold() throws Exception
    {
        for (final long seed : new long[]{ 11, 12 })
        {
            final ChildJvm launcher = run(3, OrderingRank.class, Long.toString(seed), "400");
            assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), "seed " + seed + ": " + launcher.stderr());
            assertAllSaid(launcher, 3, "ordering ok");
        }
    }

    @Test
    void truncationSynchronousSendsAndProbe() throws Exception
    {
        final ChildJvm launcher = run(2, SemanticsRank.class);
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());
        assertAllSaid(launcher, 2, "semantics ok");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = { 2, 3, 4 })
    void collectivesAgreeWithTheSequentialReference(final int ranks) throws Exception
    {
        final ChildJvm launcher = run(ranks, CollectivesRank.class, Long.toString(ranks * 7919L), "40");
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());
        assertAllSaid(launcher, ranks, "collectives ok");
    }

    @Test
    void moreRanksThanCoresStillFinishCollectives() throws Exception
    {
        final ChildJvm launcher = run(8, CollectivesRank.class, "8", "16");
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());
        assertAllSaid(launcher, 8, "collectives ok");
    }

    @Test
    void moreRanksThanCoresStillFinish() throws Exception
    {
        final ChildJvm launcher = run(8, AllToAllRank.class, "20");
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());
        assertAllSaid(launcher, 8, "all-to-all ok");
    }

    @Test
    void aRankKilledMidJobEndsTheJobWithAClearMessageAndLeavesNothingInSharedMemory() throws Exception
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(ranksAreProcesses(), "ranks are threads of one process");
        final Set<String> before = sharedMemoryFiles();
        final ChildJvm launcher = run(3, PingForeverRank.class);
        final Map<Integer, Long> pids = new TreeMap<>();
        for (final String line : launcher.awaitStdout(l -> READY.matcher(l).matches(), 3, Duration.ofSeconds(60)))
        {
            final Matcher matcher = READY.matcher(line);
            assertTrue(matcher.matches());
            pids.put(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
        Thread.sleep(300); // mid-transfer
        ProcessHandle.of(pids.get(1)).orElseThrow().destroyForcibly();
        final int status = launcher.awaitExit(Duration.ofSeconds(20));
        assertTrue(status != 0, "the job must fail when a rank dies");
        assertTrue(launcher.stderr().stream().anyMatch(l -> l.contains("rank 1") && l.contains("SIGKILL")),
            "the launcher names the dead rank: " + launcher.stderr());
        for (final long pid : pids.values())
        {
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "rank pid " + pid + " still runs");
        }
        final Set<String> after = sharedMemoryFiles();
        after.removeAll(before);
        // only this job's files (job ids start with the launcher's pid): other jobs may run beside the test
        after.removeIf(name -> !name.startsWith("myrmidon-j" + launcher.process().pid() + "-"));
        assertEquals(Set.of(), after, "files left in /dev/shm");
    }

    private static Set<String> sharedMemoryFiles()
    {
        final String[] names = new File("/dev/shm").list((dir, name) -> name.startsWith("myrmidon"));
        return names == null ? new HashSet<>() : new HashSet<>(Arrays.asList(names));
    }
}
