package io.myrmidon.spi;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One rank's endpoint of a transport: it moves fragments between ranks and reports completions.
 * It does not match: the engine above owns every MPI semantic, so every transport behaves the
 * same.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Reliable and ordered per peer</b>: fragments offered by rank A to rank B are delivered
 *   to B's {@link #poll} exactly once, complete, and in the order A offered them.</li>
 *   <li><b>Never blocks, never throws on the hot path</b>: {@link #offer} returns false when the
 *   path to the peer is full (back-pressure); the engine polls and retries.
 *   {@link #poll} delivers what has arrived and returns.</li>
 *   <li><b>Single threaded</b>: one thread (the rank's) calls every method except that a peer's
 *   {@code offer} may wake this rank's {@link #await} from another thread or process.</li>
 *   <li><b>Failures</b>: a dead or unreachable peer is reported once through
 *   {@link FragmentHandler#onPeerFailure}; {@code offer} to it returns true and drops the bytes
 *   (the engine fails the operation).</li>
 * </ul>
 *
 * <h2>Bulk data (optional, {@link TransportCapabilities#bulkPull()})</h2>
 * A sender {@link #exposeForPull exposes} a region and sends the resulting descriptor inside an
 * ordinary fragment; the receiver {@link #pull pulls} the bytes straight into its posted buffer,
 * then tells the sender (another fragment) that it may release the region.
 */
public interface Transport extends AutoCloseable
{
    /** {@link #pull} finished before it returned. */
    int PULL_COMPLETE = 0;
    /** {@link #pull} is under way; {@link FragmentHandler#onPullComplete} will report it. */
    int PULL_PENDING = 1;
    /** {@link #pull} failed at once (bad descriptor, dead peer): the engine fails the receive. */
    int PULL_FAILED = -1;

    /**
     * @return what this transport can do; constant for its lifetime.
     */
    TransportCapabilities capabilities();

    /**
     * Tries to send one fragment: {@code headerLength} bytes of {@code header} from index 0,
     * followed by the payload. The bytes are copied (or sent) before this returns, so the caller
     * may reuse both buffers at once.
     *
     * @return true when the fragment is on its way; false when back-pressured (nothing was sent).
     */
    boolean offer(
        int destination,
        DirectBuffer header,
        int headerLength,
        DirectBuffer payload,
        int payloadOffset,
        int payloadLength);

    /**
     * Delivers fragments that have arrived, and completions of pulls, to the handler.
     *
     * @param handler receives them.
     * @param limit   the most fragments to deliver in this call.
     * @return the amount of work done (fragments and completions); 0 when idle.
     */
    int poll(FragmentHandler handler, int limit);

    /**
     * Makes {@code length} bytes of {@code source} readable by {@code destination} through
     * {@link #pull}, and writes a descriptor of them. The caller keeps the region unchanged until
     * the receiver says it has pulled it.
     *
     * @return the descriptor's length in bytes, or -1 when this region cannot be exposed (for
     * example, heap memory to a single-copy transport); the engine then falls back to fragments.
     */
    default int exposeForPull(
        final int destination,
        final DirectBuffer source,
        final int offset,
        final int length,
        final MutableDirectBuffer descriptor,
        final int descriptorOffset)
    {
        return -1;
    }

    /**
     * Undoes {@link #exposeForPull} once the receiver has pulled (or failed).
     */
    default void releaseExposure(final int destination, final DirectBuffer descriptor, final int descriptorOffset,
        final int descriptorLength)
    {
    }

    /**
     * Copies an exposed region of {@code source} into {@code destination}.
     *
     * @param token returned through {@link FragmentHandler#onPullComplete} when the pull is
     *              asynchronous.
     * @return {@link #PULL_COMPLETE}, {@link #PULL_PENDING} or {@link #PULL_FAILED}.
     */
    default int pull(
        final int source,
        final DirectBuffer descriptor,
        final int descriptorOffset,
        final int descriptorLength,
        final MutableDirectBuffer destination,
        final int destinationOffset,
        final int length,
        final long token)
    {
        return PULL_FAILED;
    }

    /**
     * Allocates memory for user buffers that this transport moves best (for example memory it
     * has registered with a NIC). The default is aligned off-heap memory.
     *
     * @param capacity  bytes.
     * @param alignment a power of two, at least 8.
     */
    default MutableDirectBuffer allocate(final int capacity, final int alignment)
    {
        return new org.agrona.concurrent.UnsafeBuffer(org.agrona.BufferUtil.allocateDirectAligned(capacity, alignment));
    }

    /**
     * Parks the calling thread until a peer may have sent something, or the timeout passes. With
     * {@link TransportCapabilities#canBlock()} a peer's {@code offer} wakes it; otherwise it
     * sleeps for the timeout. Spurious returns are allowed. The engine calls it only after it has
     * spun and backed off, so that waiting ranks do not burn cores.
     */
    void await(long timeoutNanos);

    /**
     * Closes the endpoint and frees its resources. Not collective; pending operations are
     * abandoned.
     */
    @Override
    void close();
}
