package io.myrmidon.spi;

/**
 * What a transport is told when it is opened for one rank.
 */
public interface TransportContext
{
    /**
     * @return this rank in the job (the world communicator).
     */
    default int rank()
    {
        return bootstrap().rank();
    }

    /**
     * @return the number of ranks in the job.
     */
    default int size()
    {
        return bootstrap().size();
    }

    /**
     * @return the job's identifier, for names of shared resources.
     */
    default String jobId()
    {
        return bootstrap().jobId();
    }

    /**
     * @return how to exchange addresses with the peers at open.
     */
    Bootstrap bootstrap();

    /**
     * A configuration value for the transport, from the user's context, then the system
     * property {@code name}, then the environment variable named like it in upper case with
     * dots as underscores ({@code myrmidon.shm.ring} -> {@code MYRMIDON_SHM_RING}).
     *
     * @param name         the property name, for example {@code myrmidon.shm.ringBytes}.
     * @param defaultValue returned when none is set.
     * @return the value.
     */
    String property(String name, String defaultValue);
}
