package io.myrmidon.myrinet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myrmidon.launch.Launcher;
import io.myrmidon.testing.ChildJvm;
import io.myrmidon.testing.CollectivesRank;
import io.myrmidon.testing.OrderingRank;
import io.myrmidon.testing.PingForeverRank;
import io.myrmidon.testing.SemanticsRank;
import io.myrmidon.vmm.tools.HostDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs of real JVMs spread over two hosts by the launcher ({@code myrmidon run --transport myrinet --hosts 2}):
 * each host a network namespace with its own host daemon and the ranks placed on it started inside it (or, where
 * namespaces cannot be made, daemons on loopback addresses: the launcher prints why). Every case checks that the
 * job's hosts, daemons and namespaces are gone afterwards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrossHostJobTest
{
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern READY = Pattern.compile("\\[(\\d+)] pid (\\d+) ready");
    private static final Pattern RELAY = Pattern.compile(
        ".*impairment relay \\(seed (-?\\d+)\\): forwarded (\\d+), dropped (\\d+), duplicated (\\d+), reordered (\\d+)");

    private final List<ChildJvm> launchers = new ArrayList<>();
    private Path root;
    private String namespacesBefore;

    @BeforeEach
    void createRoot() throws IOException
    {
        root = Files.createTempDirectory(Path.of("/tmp"), "myri-j-");
        namespacesBefore = namespaces();
    }

    @AfterEach
    void nothingOutlivesTheJob() throws IOException
    {
        launchers.forEach(ChildJvm::close);
        launchers.clear();
        try (var left = Files.list(root))
        {
            final List<Path> dirs = left.toList();
            for (final Path dir : dirs)
            {
                final var daemon = new HostDirectory(dir).runningDaemon();
                daemon.ifPresent(ProcessHandle::destroyForcibly); // backstop, then fail below
            }
            assertEquals(List.of(), dirs, "the job left host directories (and maybe daemons) behind");
        }
        finally
        {
            Files.deleteIfExists(root);
        }
        assertEquals(namespacesBefore, namespaces(), "the job left network namespaces behind");
    }

    @Test
    void pingPongOrderAndContentAcrossTwoHosts() throws Exception
    {
        final ChildJvm launcher = run(2, 2, Map.of(), OrderingRank.class, "4242", "300");
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), String.join("\n", launcher.stderr()));
        assertTrue(launcher.stdout().contains("[0] ordering ok"), launcher.stdout().toString());
    }

    @Test
    void withoutNamespacesTheHostsAreLoopbackAddressesAndTheLauncherSaysWhy() throws Exception
    {
        final ChildJvm launcher = run(2, 2, Map.of(MyrinetLaunchHook.HOSTS_MODE_ENV, "loopback"), OrderingRank.class,
            "77", "100");
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), String.join("\n", launcher.stderr()));
        assertTrue(launcher.stdout().contains("[0] ordering ok"), launcher.stdout().toString());
        assertTrue(launcher.stderr().stream().anyMatch(l -> l.contains("runs its host daemons on loopback addresses")),
            "the launcher says the hosts are not namespaces, and why: " + launcher.stderr());
    }

    @Test
    void truncationSynchronousSendsAndProbeAcrossTwoHosts() throws Exception
    {
        final ChildJvm launcher = run(2, 2, Map.of(), SemanticsRank.class);
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), String.join("\n", launcher.stderr()));
        assertTrue(launcher.stdout().contains("[0] semantics ok") && launcher.stdout().contains("[1] semantics ok"),
            launcher.stdout().toString());
    }

    @Test
    void collectivesOnTwoRanksOnEachOfTwoHosts() throws Exception
    {
        final ChildJvm launcher = run(4, 2, Map.of(), CollectivesRank.class, "31676", "24");
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), String.join("\n", launcher.stderr()));
        for (int rank = 0; rank < 4; rank++)
        {
            assertTrue(launcher.stdout().contains("[" + rank + "] collectives ok"), launcher.stdout().toString());
        }
    }

    /**
     * Through a relay that drops 5%, reorders and duplicates, every message arrives once, in order, byte for byte
     * (the ordering program checks each sender's order, each length and every byte against its pattern; the
     * transport checks the NIC's per-peer fragment sequence, so a duplicate or a gap fails the job).
     */
    @Test
    void anImpairedLinkStillDeliversEveryMessageOnceInOrderIntact() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("impairment relay seed " + seed);
        final ChildJvm launcher = run(2, 2, Map.of(MyrinetLaunchHook.RELAY_ENV, Long.toString(seed)),
            OrderingRank.class, Long.toString(seed), "200");
        assertEquals(0, launcher.awaitExit(JOB_TIMEOUT), "seed " + seed + ": " + String.join("\n", launcher.stderr()));
        assertTrue(launcher.stdout().contains("[0] ordering ok"), launcher.stdout().toString());
        final Matcher relay = launcher.stderr().stream().map(RELAY::matcher).filter(Matcher::matches).findFirst()
            .orElseThrow(() -> new AssertionError("the relay did not report: " + launcher.stderr()));
        assertEquals(Long.toString(seed), relay.group(1));
        assertTrue(Long.parseLong(relay.group(3)) > 0 && Long.parseLong(relay.group(4)) > 0 &&
            Long.parseLong(relay.group(5)) > 0, "seed " + seed + ": the relay did not impair the link: " + relay.group());
    }

    @Test
    void aHostDaemonKilledMidJobEndsTheJobWithAClearError() throws Exception
    {
        final ChildJvm launcher = run(2, 2, Map.of(), PingForeverRank.class);
        final List<String> ready = launcher.awaitStdout(l -> READY.matcher(l).matches(), 2, Duration.ofSeconds(60));
        assertEquals(2, ready.size(), launcher.stderr().toString());
        final Path h1;
        try (var dirs = Files.list(root))
        {
            h1 = dirs.filter(d -> d.getFileName().toString().endsWith("-h1")).findFirst().orElseThrow();
        }
        final ProcessHandle daemon = new HostDirectory(h1).runningDaemon().orElseThrow();
        Thread.sleep(300); // mid-transfer
        daemon.destroyForcibly();
        final int status = launcher.awaitExit(Duration.ofSeconds(30));
        assertTrue(status != 0, "the job must fail when a host daemon dies");
        assertTrue(launcher.stderr().stream().anyMatch(l -> l.contains("host daemon") && l.contains("died")),
            "a rank says its host daemon died: " + launcher.stderr());
    }

    private ChildJvm run(
        final int ranks, final int hosts, final Map<String, String> env, final Class<?> program, final String... args)
        throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("run", "-n", Integer.toString(ranks),
            "--transport", MyrinetTransportProvider.NAME, "--hosts", Integer.toString(hosts), program.getName()));
        command.addAll(Arrays.asList(args));
        final Map<String, String> environment = new HashMap<>(env);
        environment.put(MyrinetLaunchHook.HOST_DIR_ENV, root.toString());
        final ChildJvm launcher = ChildJvm.start(environment, System.getProperty("java.class.path"),
            Launcher.class.getName(), command.toArray(String[]::new));
        launchers.add(launcher);
        return launcher;
    }

    private static String namespaces() throws IOException
    {
        final Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir))
        {
            return "";
        }
        try (var names = Files.list(dir))
        {
            return names.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("myr-")).sorted().toList()
                .toString();
        }
    }
}
