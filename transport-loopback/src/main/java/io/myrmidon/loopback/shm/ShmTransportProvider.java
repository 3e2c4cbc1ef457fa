package io.myrmidon.loopback.shm;

import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportContext;
import io.myrmidon.spi.TransportProvider;

/**
 * The {@code shm} transport: ranks are processes (or threads) of one host that exchange fragments
 * through memory-mapped SPSC rings, wake each other with futexes and move large messages with a
 * single {@code process_vm_readv} copy. See {@link ShmTransport}.
 *
 * <p>Thread safe: {@link #open} keeps no state.
 */
public final class ShmTransportProvider implements TransportProvider
{
    /** The name users choose this transport by. */
    public static final String NAME = "shm";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Transport open(final TransportContext context)
    {
        return ShmJobConnector.connect(context);
    }
}
