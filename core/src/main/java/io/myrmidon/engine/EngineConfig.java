package io.myrmidon.engine;

/**
 * The engine's tunables, concluded and validated by {@link io.myrmidon.MyrmidonContext}.
 *
 * @param eagerThreshold  largest eager message in bytes, or -1 for the transport's preference.
 * @param spinNanos       time spent spinning before yielding.
 * @param yieldNanos      time spent yielding before parking.
 * @param minParkNanos    first park time.
 * @param maxParkNanos    longest park time (a blocking transport is woken earlier by peers).
 */
public record EngineConfig(
    int eagerThreshold,
    long spinNanos,
    long yieldNanos,
    long minParkNanos,
    long maxParkNanos)
{
}
