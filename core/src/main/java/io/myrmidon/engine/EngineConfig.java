package io.myrmidon.engine;

/**
 * The engine's tunables, concluded and validated by {@link io.myrmidon.MyrmidonContext}.
 *
 * @param eagerThreshold  largest eager message in bytes, or -1 for the transport's preference.
 * @param spinIterations  idle passes spent spinning before yielding.
 * @param yieldIterations idle passes spent yielding before parking.
 * @param minParkNanos    first park time.
 * @param maxParkNanos    longest park time (a blocking transport is woken earlier by peers).
 */
public record EngineConfig(
    int eagerThreshold,
    long spinIterations,
    long yieldIterations,
    long minParkNanos,
    long maxParkNanos)
{
}
