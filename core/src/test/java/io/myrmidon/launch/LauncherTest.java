package io.myrmidon.launch;

import io.myrmidon.testing.ChildJvm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher as users run it: a JVM of its own that starts real rank JVMs.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LauncherTest
{
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern PID_LINE = Pattern.compile("\\[(\\d+)] pid (\\d+) (ready|sleeping)");

    private final List<ChildJvm> launchers = new ArrayList<>();

    @AfterEach
    void killEverything()
    {
        launchers.forEach(ChildJvm::close);
    }

    @Test
    void theJobExitsWithTheFailingRanksStatusAndTheOthersAreEnded() throws Exception
    {
        final ChildJvm launcher = launch("run", "-n", "3", ExitingRank.class.getName(), "1", "3");
        final Map<Integer, Long> sleepers = pids(launcher, 2);

        assertEquals(3, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());
        assertTrue(launcher.stdout().contains("[1] exiting with 3"), launcher.stdout().toString());
        assertTrue(launcher.stderr().stream().anyMatch(line -> line.matches(
            "myrmidon: rank 1 \\(pid \\d+\\) exited with status 3; ending the job")), launcher.stderr().toString());
        assertAllDead(sleepers.values());
    }

    @Test
    void everyLineIsPrefixedWithItsRankAndGoesToTheRightStream() throws Exception
    {
        final int lines = 200;
        final ChildJvm launcher = launch("run", "-n", "3", ChattyRank.class.getName(), Integer.toString(lines));
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());

        final Pattern stdoutLine = Pattern.compile(
            "\\[(\\d)] rank (\\d) (thread [ab] line \\d+ -{300} end|last line without newline)");
        final Map<Integer, Integer> perRank = new TreeMap<>();
        for (final String line : launcher.stdout())
        {
            final Matcher matcher = stdoutLine.matcher(line);
            assertTrue(matcher.matches(), "a mangled or unprefixed line: " + line);
            assertEquals(matcher.group(1), matcher.group(2), line);
            perRank.merge(Integer.parseInt(matcher.group(1)), 1, Integer::sum);
        }
        assertEquals(Map.of(0, 2 * lines + 1, 1, 2 * lines + 1, 2, 2 * lines + 1), perRank);
        final List<String> expectedErr = Stream.of(0, 1, 2)
            .flatMap(rank -> Stream.of(0, 1, 2).map(i -> "[" + rank + "] rank " + rank + " err " + i))
            .sorted().toList();
        assertEquals(expectedErr, launcher.stderr().stream().sorted().toList());
    }

    @Test
    void aRankKilledWithSigkillEndsTheJobWithinFiveSeconds() throws Exception
    {
        final ChildJvm launcher = launch("run", "-n", "3", SleepingRank.class.getName());
        final Map<Integer, Long> pids = pids(launcher, 3);

        final long start = System.nanoTime();
        ProcessHandle.of(pids.get(1)).orElseThrow().destroyForcibly();
        final int status = launcher.awaitExit(Duration.ofSeconds(15));
        final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(millis < 5_000, "the job took " + millis + " ms to end after SIGKILL");
        assertEquals(128 + 9, status, launcher.stderr().toString());
        assertTrue(launcher.stderr().contains("myrmidon: rank 1 (pid " + pids.get(1) +
            ") was killed by signal 9 (SIGKILL); ending the job"), launcher.stderr().toString());
        assertAllDead(pids.values());
    }

    @Test
    void ranksEndThemselvesWhenTheLauncherIsKilled() throws Exception
    {
        final ChildJvm launcher = launch("run", "-n", "2", SleepingRank.class.getName());
        final Map<Integer, Long> pids = pids(launcher, 2);

        launcher.process().destroyForcibly();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline &&
            pids.values().stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)))
        {
            Thread.sleep(50);
        }
        assertAllDead(pids.values());
    }

    @ParameterizedTest
    @CsvSource({"INT, 2", "TERM, 15"})
    void aSignalToTheLauncherEndsEveryRank(final String signal, final int number) throws Exception
    {
        final ChildJvm launcher = launch("run", "-n", "2", SleepingRank.class.getName());
        final Map<Integer, Long> pids = pids(launcher, 2);

        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.process().pid())).start();
        assertEquals(0, kill.waitFor());
        final int status = launcher.awaitExit(Duration.ofSeconds(10));

        assertEquals(128 + number, status, launcher.stderr().toString());
        assertTrue(launcher.stderr().contains("myrmidon: the launcher was interrupted; ending the job"),
            launcher.stderr().toString());
        assertAllDead(pids.values());
    }

    @Test
    void eightRanksOnTwoCoresFinishTheirExchanges() throws Exception
    {
        final long start = System.nanoTime();
        final ChildJvm launcher = launch("run", "-n", "8", "test-gather", "3");
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());
        System.out.printf("8 ranks on %d cores: %d ms%n", Runtime.getRuntime().availableProcessors(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

        final List<String> lines = launcher.stdout().stream().sorted().toList();
        assertEquals(8, lines.size(), lines.toString());
        final Pattern line = Pattern.compile("\\[(\\d)] rank (\\d) of 8 gathered 3 rounds over shm in job (j\\d+-[0-9a-f]{8})");
        final List<String> jobIds = new ArrayList<>();
        for (int rank = 0; rank < 8; rank++)
        {
            final Matcher matcher = line.matcher(lines.get(rank));
            assertTrue(matcher.matches(), lines.get(rank));
            assertEquals(Integer.toString(rank), matcher.group(1));
            assertEquals(Integer.toString(rank), matcher.group(2));
            jobIds.add(matcher.group(3));
        }
        assertEquals(1, jobIds.stream().distinct().count(), jobIds.toString());
        assertTrue(jobIds.getFirst().startsWith("j" + launcher.process().pid() + "-"), jobIds.toString());
    }

    @Test
    void threadsModeRunsTheRanksAsThreadsOfOneJvm() throws Exception
    {
        final ChildJvm launcher = launch("run", "-n", "4", "--transport", "threads", "test-gather", "3");
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());

        final List<String> lines = launcher.stdout().stream().sorted().toList();
        assertEquals(4, lines.size(), lines.toString());
        final Pattern line = Pattern.compile("\\[(\\d)] rank (\\d) of 4 gathered 3 rounds over threads in job (threads-\\d+-\\d+)");
        final List<String> jobIds = new ArrayList<>();
        for (int rank = 0; rank < 4; rank++)
        {
            final Matcher matcher = line.matcher(lines.get(rank));
            assertTrue(matcher.matches(), lines.get(rank));
            assertEquals(Integer.toString(rank), matcher.group(1));
            assertEquals(Integer.toString(rank), matcher.group(2));
            jobIds.add(matcher.group(3));
        }
        assertEquals(1, jobIds.stream().distinct().count(), "one JVM, one job: " + jobIds);
    }

    @Test
    void aThreadsRankThatThrowsFailsTheJobAndIsNamed() throws Exception
    {
        final ChildJvm launcher = launch("run", "-n", "3", "--transport", "threads", ThrowingRank.class.getName(), "2");
        assertEquals(ThreadsRunner.RANK_FAILED, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());

        final String err = String.join("\n", launcher.stderr());
        assertTrue(err.contains("[2] myrmidon: rank 2 of 3 failed; ending the job:"), err);
        assertTrue(err.contains("[2] java.lang.IllegalStateException: rank 2 gives up on purpose"), err);
        assertTrue(err.matches("(?s).*myrmidon: the JVM of the 3 rank threads \\(pid \\d+\\) exited with status 1.*"), err);
    }

    @Test
    void aMainClassFromClasspathRunsWithMyrmidonsOwnClassPathBehindIt() throws Exception
    {
        final String testClasses = Path.of(GatherRank.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
        final String withoutTestClasses = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !Path.of(entry).toAbsolutePath().toString().equals(testClasses))
            .collect(Collectors.joining(File.pathSeparator));
        final ChildJvm launcher = track(ChildJvm.start(Map.of(), withoutTestClasses, Launcher.class.getName(),
            "run", "-n", "2", "--classpath", testClasses, GatherRank.class.getName(), "1"));

        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());
        assertEquals(2, launcher.stdout().stream().filter(line -> line.contains("gathered 1 rounds over shm")).count(),
            launcher.stdout().toString());
    }

    @Test
    void ranksThatWaitTooLongInTheStartUpExchangeFailNamingTheStraggler() throws Exception
    {
        final ChildJvm launcher = launch("run", "-n", "3", "--exchange-timeout", "1", StragglerRank.class.getName());
        assertEquals(1, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());

        final String err = String.join("\n", launcher.stderr());
        assertTrue(err.contains("rank 2 never reached the start-up exchange (ranks 0,1 waited 1 s)"), err);
        assertTrue(err.matches("(?s).*myrmidon: rank [01] \\(pid \\d+\\) exited with status 1; ending the job.*"), err);
    }

    @Test
    void sharedMemoryFilesTheRanksLeftAreRemovedAfterTheJob() throws Exception
    {
        final ChildJvm launcher = launch("run", "-n", "2", ShmLeavingRank.class.getName());
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), launcher.stderr().toString());

        final List<Path> files = launcher.stdout().stream()
            .map(line -> Path.of(line.substring(line.indexOf("left ") + "left ".length())))
            .toList();
        assertEquals(2, files.size(), launcher.stdout().toString());
        for (final Path file : files)
        {
            assertFalse(java.nio.file.Files.exists(file), file + " is still there");
        }
        assertTrue(launcher.stderr().stream().anyMatch(line -> line.matches(
            "myrmidon: removed 2 shared-memory file\\(s\\) that job j\\d+-[0-9a-f]{8} left in /dev/shm")),
            launcher.stderr().toString());
    }

    private ChildJvm launch(final String... args) throws Exception
    {
        return track(ChildJvm.launcher(args));
    }

    private ChildJvm track(final ChildJvm launcher)
    {
        launchers.add(launcher);
        return launcher;
    }

    private static Map<Integer, Long> pids(final ChildJvm launcher, final int count) throws InterruptedException
    {
        final Map<Integer, Long> pids = new TreeMap<>();
        for (final String line : launcher.awaitStdout(l -> PID_LINE.matcher(l).matches(), count, JOB_TIMEOUT))
        {
            final Matcher matcher = PID_LINE.matcher(line);
            assertTrue(matcher.matches());
            pids.put(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
        return pids;
    }

    private static void assertAllDead(final Iterable<Long> pids)
    {
        for (final long pid : pids)
        {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "rank pid " + pid + " is alive");
        }
    }
}
