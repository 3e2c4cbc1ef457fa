package io.myrmidon.loopback.threads;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.launch.InProcessJob;
import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportContext;
import io.myrmidon.spi.TransportProvider;

/**
 * Provides the {@code threads} transport: ranks that are threads of one JVM, started by
 * {@code bin/myrmidon run --transport threads} or by a test through an {@link InProcessJob}.
 *
 * <p>When the job is aborted ({@link InProcessJob#abort(String)}), every rank's transport reports
 * all its peers as failed, so that ranks blocked in an operation fail with {@code PEER_DIED}
 * instead of waiting for a rank that has ended.
 *
 * <p>Property {@value #RING_BYTES}: capacity of each pair's ring (a power of two); the default is
 * 256 KiB up to 8 ranks and 64 KiB beyond.
 */
public final class ThreadsTransportProvider implements TransportProvider
{
    public static final String RING_BYTES = "myrmidon.threads.ringBytes";

    @Override
    public String name()
    {
        return "threads";
    }

    @Override
    public Transport open(final TransportContext context)
    {
        final InProcessJob job = InProcessJob.of(context.bootstrap());
        if (job == null)
        {
            throw new MyrmidonException(ErrorClass.TRANSPORT, "the threads transport needs ranks that are threads of " +
                "one JVM; start the job with 'bin/myrmidon run --transport threads', or use shm for processes");
        }
        final int defaultRing = context.size() <= 8 ? 256 * 1024 : 64 * 1024;
        final int ringBytes = Integer.parseInt(context.property(RING_BYTES, Integer.toString(defaultRing)));
        if (ringBytes < 4096 || Integer.bitCount(ringBytes) != 1)
        {
            throw new MyrmidonException(ErrorClass.ARG, RING_BYTES + " must be a power of two >= 4096: " + ringBytes);
        }
        final ThreadsFabric fabric = job.sharedState(ThreadsFabric.class, () ->
        {
            final ThreadsFabric created = new ThreadsFabric(job.size(), ringBytes);
            job.onAbort(() -> created.abort(job.abortReason()));
            return created;
        });
        final ThreadsTransport transport = new ThreadsTransport(fabric, context.rank());
        context.bootstrap().barrier();
        return transport;
    }
}
