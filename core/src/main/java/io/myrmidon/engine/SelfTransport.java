package io.myrmidon.engine;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.spi.FragmentHandler;
import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportCapabilities;
import io.myrmidon.spi.TransportContext;
import io.myrmidon.spi.TransportProvider;
import org.agrona.DirectBuffer;

import java.util.concurrent.locks.LockSupport;

/**
 * The transport of a job of one rank ({@code self}): there is no peer, and the engine delivers
 * messages to self by itself, so nothing ever crosses it.
 */
public final class SelfTransport implements Transport
{
    private static final TransportCapabilities CAPABILITIES =
        new TransportCapabilities("self", 1 << 20, false, false, 0, 1e10, 1 << 20);

    /**
     * Provides {@link SelfTransport} under the name {@code self}.
     */
    public static final class Provider implements TransportProvider
    {
        @Override
        public String name()
        {
            return "self";
        }

        @Override
        public Transport open(final TransportContext context)
        {
            if (context.size() != 1)
            {
                throw new MyrmidonException(ErrorClass.TRANSPORT, "the self transport serves jobs of one rank, not " +
                    context.size() + "; choose threads or shm");
            }
            return new SelfTransport();
        }
    }

    @Override
    public TransportCapabilities capabilities()
    {
        return CAPABILITIES;
    }

    @Override
    public boolean offer(final int destination, final DirectBuffer header, final int headerLength,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        throw new MyrmidonException(ErrorClass.RANK, "the self transport has no peer " + destination);
    }

    @Override
    public int poll(final FragmentHandler handler, final int limit)
    {
        return 0;
    }

    @Override
    public void await(final long timeoutNanos)
    {
        LockSupport.parkNanos(timeoutNanos);
    }

    @Override
    public void close()
    {
    }
}
