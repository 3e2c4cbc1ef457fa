package io.myrmidon.guest;

/**
 * How an endpoint's data operations reach the NIC. The guest API is the same in every mode.
 */
public enum EndpointMode
{
    /**
     * A host process (no VM): it brings its own memory and posts to the NIC's rings directly; the control
     * operations are handled by the host driver and counted as driver operations, not VMM operations.
     */
    NATIVE,
    /** VMM-bypass, the design: control through the VMM, data straight between guest memory and the NIC. */
    BYPASS,
    /** Split-driver style: every post goes to the VMM over the control socket, which writes the NIC's ring. */
    MEDIATED
}
