package io.myrmidon.nic;

import io.myrmidon.vnic.layout.CountersDescriptor;

/**
 * The NIC model's fixed limits and tunables (system properties, read once).
 */
public final class NicConfiguration
{
    /** VM slots per NIC. */
    public static final int MAX_VMS = CountersDescriptor.MAX_VMS;
    /** Endpoint contexts per NIC (MX boards had a handful; we allow more for tests). */
    public static final int MAX_ENDPOINTS = CountersDescriptor.MAX_ENDPOINTS;
    /** Largest eager (small/medium) message; above it the rendezvous protocol is used. */
    public static final int EAGER_MAX = 32 * 1024;
    /** Rendezvous transfers outstanding per NIC. */
    public static final int MAX_RENDEZVOUS = 4096;
    /** Smallest charge of one descriptor against a deficit, so empty sends are not free. */
    public static final int MIN_COST = 64;
    /** Deficit round robin quantum per unit of weight, property {@code myrmidon.nic.quantum}, bytes. */
    public static final int QUANTUM = Integer.getInteger("myrmidon.nic.quantum", 16 * 1024);
    /** Longest firmware sleep before it looks again, ms. */
    public static final int SLEEP_MS = 100;

    private NicConfiguration()
    {
    }
}
