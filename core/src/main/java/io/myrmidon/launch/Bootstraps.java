package io.myrmidon.launch;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.spi.Bootstrap;

/**
 * Finds the {@link Bootstrap} of the calling rank, in this order:
 * <ol>
 *   <li>one installed for the calling thread with {@link #installForThread(Bootstrap)} (the
 *   {@code threads} mode: ranks are threads of one JVM);</li>
 *   <li>the launcher's environment ({@link BootstrapEnvironment}), answered by a
 *   {@link SocketBootstrap} that talks to the launcher's rendezvous service;</li>
 *   <li>otherwise a job of one rank ({@link SingletonBootstrap}).</li>
 * </ol>
 */
public final class Bootstraps
{
    private static final ThreadLocal<Bootstrap> THREAD_BOOTSTRAP = new InheritableThreadLocal<>();

    private Bootstraps()
    {
    }

    /**
     * Makes {@code bootstrap} the one {@link #forThisRank()} returns on this thread (and threads
     * it starts), or removes it when null.
     */
    public static void installForThread(final Bootstrap bootstrap)
    {
        if (bootstrap == null)
        {
            THREAD_BOOTSTRAP.remove();
        }
        else
        {
            THREAD_BOOTSTRAP.set(bootstrap);
        }
    }

    /**
     * @return the bootstrap of the calling rank.
     * @throws MyrmidonException with {@link ErrorClass#ARG} when the launcher's environment is
     *                           inconsistent.
     */
    public static Bootstrap forThisRank()
    {
        final Bootstrap installed = THREAD_BOOTSTRAP.get();
        if (installed != null)
        {
            return installed;
        }
        final BootstrapEnvironment env;
        try
        {
            env = BootstrapEnvironment.from(System.getenv());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new MyrmidonException(ErrorClass.ARG, "bad launcher environment: " + ex.getMessage() +
                ". Start ranks with bin/myrmidon run, or unset the MYRMIDON_* variables to run one rank alone.", ex);
        }
        if (env == null)
        {
            return new SingletonBootstrap(System.getenv(BootstrapEnvironment.TRANSPORT));
        }
        if (env.size() == 1)
        {
            return new SingletonBootstrap(env.jobId(), env.transport());
        }
        return SocketBootstrap.connect(env);
    }
}
