package io.myrmidon.spi;

/**
 * A transport backend, found with {@link java.util.ServiceLoader} and chosen by {@link #name()}.
 *
 * <p>Register an implementation in {@code META-INF/services/io.myrmidon.spi.TransportProvider}.
 * Core never names a backend: the user or the launcher picks one by name ({@code threads},
 * {@code shm}, {@code myrinet}, ...).
 *
 * <p>Implementations must be thread safe: in the {@code threads} mode several ranks of one JVM
 * call {@link #open(TransportContext)} concurrently, one call per rank.
 */
public interface TransportProvider
{
    /**
     * @return the name users choose this transport by, lower case, for example {@code "shm"}.
     */
    String name();

    /**
     * Opens this rank's endpoint of the transport. Blocks until the endpoint can reach every peer
     * (it typically exchanges addresses through {@link TransportContext#bootstrap()}).
     *
     * @param context who this rank is and how to reach its peers.
     * @return an open transport, owned by the calling rank.
     * @throws io.myrmidon.MyrmidonException with {@link io.myrmidon.ErrorClass#TRANSPORT} when it
     *                                       cannot be opened, saying why and what to do.
     */
    Transport open(TransportContext context);
}
