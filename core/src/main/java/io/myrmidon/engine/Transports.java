package io.myrmidon.engine;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.spi.TransportProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds transport providers with {@link ServiceLoader}, by name. Core names no backend.
 */
public final class Transports
{
    private Transports()
    {
    }

    /**
     * @param name the transport's name.
     * @return its provider.
     * @throws MyrmidonException with {@link ErrorClass#TRANSPORT} listing the transports that are
     *                           available when none has that name.
     */
    public static TransportProvider provider(final String name)
    {
        final List<String> names = new ArrayList<>();
        for (final TransportProvider provider : ServiceLoader.load(TransportProvider.class))
        {
            if (provider.name().equals(name))
            {
                return provider;
            }
            names.add(provider.name());
        }
        throw new MyrmidonException(ErrorClass.TRANSPORT, "no transport named '" + name + "' on the class path; " +
            "available: " + names + ". Put the module that provides it (for example myrmidon-transport-loopback " +
            "for threads and shm) on the class path, or choose one of those");
    }

    /**
     * @return the names of every transport on the class path.
     */
    public static List<String> available()
    {
        final List<String> names = new ArrayList<>();
        for (final TransportProvider provider : ServiceLoader.load(TransportProvider.class))
        {
            names.add(provider.name());
        }
        return names;
    }
}
