package io.myrmidon.spi;

/**
 * What a transport can do, declared once at open: the engine composes its protocols from these
 * facts instead of knowing transports by name.
 *
 * @param name                         the transport's name, for messages and reports.
 * @param maxFragmentLength            the largest fragment, header included, that
 *                                     {@link Transport#offer} accepts. At least 256.
 * @param bulkPull                     true when {@link Transport#exposeForPull} and
 *                                     {@link Transport#pull} move large messages (RDMA-style,
 *                                     or a single copy such as {@code process_vm_readv}).
 * @param canBlock                     true when {@link Transport#await(long)} blocks the caller
 *                                     until a peer's {@code offer} wakes it (futex, eventfd);
 *                                     false when it can only sleep for the timeout.
 * @param latencyNanos                 model: one-way latency of a small fragment.
 * @param bandwidthBytesPerSecond      model: bulk bandwidth of one stream.
 * @param preferredRendezvousThreshold the message size from which this transport prefers the
 *                                     rendezvous protocol; the user's configuration may override.
 */
public record TransportCapabilities(
    String name,
    int maxFragmentLength,
    boolean bulkPull,
    boolean canBlock,
    long latencyNanos,
    double bandwidthBytesPerSecond,
    int preferredRendezvousThreshold)
{
    /** The smallest {@link #maxFragmentLength()} a transport may declare. */
    public static final int MIN_FRAGMENT_LENGTH = 256;

    public TransportCapabilities
    {
        if (maxFragmentLength < MIN_FRAGMENT_LENGTH)
        {
            throw new IllegalArgumentException(
                "maxFragmentLength must be at least " + MIN_FRAGMENT_LENGTH + ": " + maxFragmentLength);
        }
        if (preferredRendezvousThreshold < 0)
        {
            throw new IllegalArgumentException("preferredRendezvousThreshold must not be negative");
        }
    }
}
