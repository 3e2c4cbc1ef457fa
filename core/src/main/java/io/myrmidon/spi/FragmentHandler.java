package io.myrmidon.spi;

import org.agrona.DirectBuffer;

/**
 * Receives what {@link Transport#poll(FragmentHandler, int)} delivers. Called on the polling
 * thread only.
 */
public interface FragmentHandler
{
    /**
     * One fragment, exactly as a peer offered it (header and payload back to back). The buffer is
     * valid only during this call: copy what you keep.
     *
     * @param source the world rank of the sender.
     * @param buffer holds the fragment.
     * @param offset where it starts.
     * @param length its length in bytes.
     */
    void onFragment(int source, DirectBuffer buffer, int offset, int length);

    /**
     * An asynchronous {@link Transport#pull} finished.
     *
     * @param token   the token given to {@code pull}.
     * @param success false when the data could not be moved (the peer died, the exposure was
     *                revoked); the engine fails the receive.
     */
    void onPullComplete(long token, boolean success);

    /**
     * A peer is gone (its process died, its host is unreachable). Called once per peer.
     *
     * @param rank   the world rank of the peer.
     * @param reason what was observed, for the error message.
     */
    void onPeerFailure(int rank, String reason);
}
