package io.myrmidon.nic.wire;

/**
 * Takes the frames of a {@link WireLink}, per peer in sequence order, each once.
 */
@FunctionalInterface
public interface WireFrameHandler
{
    /**
     * @param peer  the NIC id of the sender.
     * @param frame the frame, valid only during the call.
     * @return true when consumed; false to be offered the same frame again later (back-pressure: nothing after it
     * from that peer is delivered meanwhile, and it is not acknowledged).
     */
    boolean onFrame(int peer, WireFrameFlyweight frame);
}
