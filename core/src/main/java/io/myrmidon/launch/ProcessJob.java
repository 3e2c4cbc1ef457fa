package io.myrmidon.launch;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import io.myrmidon.spi.LaunchHook;
import io.myrmidon.spi.PreparedJob;

/**
 * Runs a job as one JVM per rank on this host: starts the {@link RendezvousServer}, then the
 * ranks with {@link BootstrapEnvironment}'s variables, pumps their output with a {@code [rank] }
 * prefix, supervises them ({@link JobSupervisor}), and afterwards removes what the job left in
 * {@code /dev/shm}. A shutdown hook (SIGINT, SIGTERM to the launcher) ends every rank.
 *
 * <p>{@link #run()} is called once, on the launcher's main thread; the shutdown hook and the
 * rendezvous server's threads reach the started ranks through the {@code ranks} monitor and the
 * volatile {@code supervisor}.
 */
final class ProcessJob
{
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final File NULL_FILE = new File("/dev/null");

    private final LaunchOptions options;
    private final LineSink out;
    private final LineSink err;
    private final PrintStream errStream;
    private final String jobId;
    private final List<RankProcess> ranks = new ArrayList<>();
    private final Map<String, String> hookEnvironment = new TreeMap<>();
    private volatile JobSupervisor supervisor;
    private PreparedJob hostPreparation;

    /**
     * @param options what to run.
     * @param out     the launcher's stdout, for the ranks' stdout.
     * @param err     the launcher's stderr, for the ranks' stderr and the launcher's messages.
     */
    ProcessJob(final LaunchOptions options, final PrintStream out, final PrintStream err)
    {
        this.options = options;
        this.out = new LineSink(out);
        this.err = new LineSink(err);
        this.errStream = err;
        this.jobId = newJobId();
    }

    /**
     * @return a job id unique on this host: {@code j<launcher pid>-<random hex>}.
     */
    static String newJobId()
    {
        final byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return "j" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }

    /**
     * Runs the job to its end.
     *
     * @return the exit status of the first rank that failed, 0 when all succeeded.
     * @throws IOException when a rank's JVM cannot be started (the started ones are ended).
     */
    int run() throws IOException, InterruptedException
    {
        final Thread hook = Thread.ofPlatform().name("myrmidon-shutdown-" + jobId).unstarted(this::onShutdown);
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            prepareHost();
        }
        catch (final IOException ex)
        {
            removeHook(hook);
            throw ex;
        }
        final PreparedJob prepared;
        synchronized (ranks)
        {
            prepared = hostPreparation;
        }
        try (RendezvousServer server = RendezvousServer.start(jobId, options.ranks(), options.exchangeTimeout(),
            this::rankLost, prepared == null ? null : prepared.rendezvousAddress()))
        {
            startRanks(server.address());
            return supervisor.supervise();
        }
        finally
        {
            removeHook(hook);
            cleanUp();
        }
    }

    /**
     * Runs the transport's {@link LaunchHook}, if one is installed (for example: start a host daemon).
     */
    private void prepareHost() throws IOException
    {
        for (final LaunchHook launchHook : ServiceLoader.load(LaunchHook.class))
        {
            if (launchHook.transportName().equals(options.transport()))
            {
                final PreparedJob undo = launchHook.prepareJob(
                    jobId, options.ranks(), options.hosts(), hookEnvironment);
                synchronized (ranks)
                {
                    hostPreparation = undo;
                }
                return;
            }
        }
        if (options.hosts() > 1)
        {
            throw new IOException("--hosts " + options.hosts() + " needs a transport that links hosts (myrinet); " +
                "the " + options.transport() + " transport runs its ranks on one host");
        }
    }

    private void startRanks(final String rendezvous) throws IOException
    {
        synchronized (ranks)
        {
            try
            {
                for (int rank = 0; rank < options.ranks(); rank++)
                {
                    ranks.add(RankProcess.start(
                        rank, builder(rank, rendezvous), "[" + rank + "] ", "rank " + rank, out, err));
                }
            }
            catch (final IOException ex)
            {
                new JobSupervisor(ranks, errStream).terminate(null);
                throw new IOException("could not start rank " + ranks.size() + " of job " + jobId + " (" +
                    JavaCommand.javaExecutable() + "): " + ex.getMessage(), ex);
            }
            supervisor = new JobSupervisor(ranks, errStream);
        }
    }

    private ProcessBuilder builder(final int rank, final String rendezvous)
    {
        final List<String> command = new ArrayList<>();
        if (hostPreparation != null)
        {
            command.addAll(hostPreparation.commandPrefix(rank));
        }
        final String javaOpts = String.join(" ", JavaCommand.RANK_DEFAULT_FLAGS) +
            (options.javaOpts() == null ? "" : " " + options.javaOpts());
        command.addAll(JavaCommand.of(options.classPath(), javaOpts, options.mainClass(), options.args()));
        final ProcessBuilder builder = new ProcessBuilder(command);
        final Map<String, String> env = builder.environment();
        env.putAll(hookEnvironment);
        if (hostPreparation != null)
        {
            hostPreparation.environment(rank, env);
        }
        env.put(BootstrapEnvironment.RANK, Integer.toString(rank));
        env.put(BootstrapEnvironment.SIZE, Integer.toString(options.ranks()));
        env.put(BootstrapEnvironment.JOB_ID, jobId);
        env.put(BootstrapEnvironment.TRANSPORT, options.transport());
        env.put(BootstrapEnvironment.RENDEZVOUS, rendezvous);
        // like mpirun: rank 0 reads the launcher's stdin, the others an empty one
        builder.redirectInput(rank == 0 ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.from(NULL_FILE));
        return builder;
    }

    private void rankLost(final int rank, final String why)
    {
        final JobSupervisor current = supervisor;
        if (current != null)
        {
            current.rankLost(rank, why);
        }
    }

    private void onShutdown()
    {
        final JobSupervisor current;
        synchronized (ranks)
        {
            current = supervisor != null ? supervisor : new JobSupervisor(ranks, errStream);
        }
        current.terminate("the launcher was interrupted");
        cleanUp();
    }

    private void cleanUp()
    {
        final PreparedJob undo;
        synchronized (ranks)
        {
            undo = hostPreparation;
            hostPreparation = null;
        }
        if (undo != null)
        {
            try
            {
                undo.close();
            }
            catch (final Exception ex)
            {
                errStream.println("myrmidon: could not undo the " + options.transport() + " host preparation of job " +
                    jobId + ": " + ex.getMessage());
            }
        }
        final int deleted = SharedMemoryLeftovers.delete(SharedMemoryLeftovers.SHM_DIRECTORY, jobId);
        if (deleted > 0)
        {
            errStream.println("myrmidon: removed " + deleted + " shared-memory file(s) that job " + jobId +
                " left in " + SharedMemoryLeftovers.SHM_DIRECTORY);
        }
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // the JVM is shutting down: the hook is running or ran
        }
    }
}
