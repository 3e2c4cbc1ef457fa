package io.myrmidon.launch;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.spi.Bootstrap;

/**
 * The bootstrap of a rank started by the launcher: it talks to the launcher's rendezvous
 * service. (Being built on the launch branch.)
 */
public final class SocketBootstrap
{
    private SocketBootstrap()
    {
    }

    public static Bootstrap connect(final BootstrapEnvironment env)
    {
        throw new MyrmidonException(ErrorClass.UNSUPPORTED, "the socket bootstrap is not built yet");
    }
}
