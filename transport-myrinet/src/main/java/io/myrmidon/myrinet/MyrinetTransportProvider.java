package io.myrmidon.myrinet;

import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportContext;
import io.myrmidon.spi.TransportProvider;

/**
 * The {@code myrinet} transport: every rank is a guest (a VM) of the host's virtualized Myrinet NIC and drives
 * its own endpoint directly (VMM-bypass); see {@link MyrinetTransport} and {@link MyrinetConnector}.
 * <p>
 * Thread safe: {@link #open} keeps no state.
 */
public final class MyrinetTransportProvider implements TransportProvider
{
    /** The name users choose this transport by. */
    public static final String NAME = "myrinet";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Transport open(final TransportContext context)
    {
        return MyrinetConnector.connect(context);
    }
}
