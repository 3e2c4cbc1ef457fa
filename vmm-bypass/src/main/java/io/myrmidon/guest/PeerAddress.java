package io.myrmidon.guest;

/**
 * An endpoint's address as MX names it: NIC id and endpoint id, plus the endpoint's key that senders must
 * present (so a stale address of a closed and reused endpoint does not deliver).
 *
 * @param nic      NIC id.
 * @param endpoint endpoint id on that NIC.
 * @param key      the endpoint's key.
 */
public record PeerAddress(int nic, int endpoint, int key)
{
}
