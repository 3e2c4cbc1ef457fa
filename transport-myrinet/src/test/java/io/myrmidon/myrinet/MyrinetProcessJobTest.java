package io.myrmidon.myrinet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.myrmidon.launch.Launcher;
import io.myrmidon.testing.ChildJvm;
import io.myrmidon.testing.ProcessJobTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MPI semantics across real JVMs started by the launcher ({@code myrmidon run --transport myrinet}), each rank a
 * guest of the host daemon. No daemon runs beforehand: the launcher starts one for each job in this class's
 * host directory and stops it when the job ends, which {@link #noDaemonOutlivesAJob()} checks.
 */
class MyrinetProcessJobTest extends ProcessJobTest
{
    private static TestHost host;
    private final List<ChildJvm> started = new ArrayList<>();

    @BeforeAll
    static void createHostDirectory() throws IOException
    {
        host = TestHost.withoutDaemon();
    }

    @AfterAll
    static void removeHostDirectory() throws IOException
    {
        host.close();
    }

    @Override
    protected String transport()
    {
        return MyrinetTransportProvider.NAME;
    }

    @Override
    protected ChildJvm run(final int ranks, final Class<?> program, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("run", "-n", Integer.toString(ranks),
            "--transport", transport(), program.getName()));
        command.addAll(Arrays.asList(args));
        final ChildJvm launcher = ChildJvm.start(Map.of(MyrinetLaunchHook.HOST_DIR_ENV, host.dir().root().toString()),
            System.getProperty("java.class.path"), Launcher.class.getName(), command.toArray(String[]::new));
        started.add(launcher);
        return launcher;
    }

    @AfterEach
    void noDaemonOutlivesAJob()
    {
        started.forEach(ChildJvm::close);
        started.clear();
        assertTrue(host.dir().runningDaemon().isEmpty(), "the daemon the launcher started still runs");
    }
}
