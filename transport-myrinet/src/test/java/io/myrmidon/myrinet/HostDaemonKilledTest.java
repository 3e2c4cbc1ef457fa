package io.myrmidon.myrinet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myrmidon.launch.Launcher;
import io.myrmidon.testing.ChildJvm;
import io.myrmidon.testing.PingForeverRank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host daemon (NIC model and VMM) killed in the middle of a job: the ranks notice, fail with a message that
 * names the daemon, and the job ends with a failure status instead of hanging.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostDaemonKilledTest
{
    private static final Pattern READY = Pattern.compile("\\[(\\d+)] pid (\\d+) ready");

    @Test
    void aKilledDaemonEndsTheJobWithAClearError() throws Exception
    {
        try (TestHost host = TestHost.withDaemon();
            ChildJvm launcher = ChildJvm.start(Map.of(MyrinetLaunchHook.HOST_DIR_ENV, host.dir().root().toString()),
                System.getProperty("java.class.path"), Launcher.class.getName(),
                "run", "-n", "3", "--transport", "myrinet", PingForeverRank.class.getName()))
        {
            final List<Long> ranks = new ArrayList<>();
            for (final String line : launcher.awaitStdout(l -> READY.matcher(l).matches(), 3, Duration.ofSeconds(60)))
            {
                final Matcher matcher = READY.matcher(line);
                assertTrue(matcher.matches());
                ranks.add(Long.parseLong(matcher.group(2)));
            }
            Thread.sleep(300); // mid-transfer
            final ProcessHandle daemon = ProcessHandle.of(host.daemonPid()).orElseThrow();
            daemon.destroyForcibly();
            daemon.onExit().get(10, TimeUnit.SECONDS);

            final int status = launcher.awaitExit(Duration.ofSeconds(30));
            assertTrue(status != 0, "the job must fail when its host daemon dies");
            assertTrue(launcher.stderr().stream().anyMatch(l -> l.contains("host daemon") && l.contains("died")),
                "a rank names the dead daemon: " + launcher.stderr());
            for (final long pid : ranks)
            {
                assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "rank pid " + pid + " still runs");
            }
        }
    }
}
