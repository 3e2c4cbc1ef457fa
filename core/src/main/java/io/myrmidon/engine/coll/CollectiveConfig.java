package io.myrmidon.engine.coll;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Which algorithm each collective uses: {@code auto} (the default) chooses by message size and
 * rank count; a name forces one, so that benchmarks can compare them. Read once at init from the
 * {@link io.myrmidon.MyrmidonContext} properties (or system properties, or environment).
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>values</th><th>auto chooses</th></tr>
 *   <tr><td>{@value #BCAST}</td><td>binomial, scatter-allgather</td><td>binomial below
 *   {@value #BCAST_LARGE} bytes (default {@value #DEFAULT_BCAST_LARGE}), under 8 ranks, or
 *   when the host runs more ranks than it has cores (each of the ring's steps then waits for
 *   ranks to be scheduled in turn: with 8 ranks on 2 cores binomial takes half the time at
 *   1 MiB)</td></tr>
 *   <tr><td>{@value #ALLREDUCE}</td><td>recursive-doubling, rabenseifner, ring</td><td>recursive
 *   doubling up to {@value #ALLREDUCE_LARGE} bytes (default {@value #DEFAULT_ALLREDUCE_LARGE}),
 *   then Rabenseifner; ring from {@value #ALLREDUCE_RING} bytes (default
 *   {@value #DEFAULT_ALLREDUCE_RING}) with more than 2 ranks and a commutative operation</td></tr>
 *   <tr><td>{@value #ALLGATHER}</td><td>bruck, ring</td><td>Bruck while the result is below
 *   {@value #ALLGATHER_LARGE} bytes (default {@value #DEFAULT_ALLGATHER_LARGE}), then ring</td></tr>
 *   <tr><td>{@value #ALLTOALL}</td><td>linear, pairwise</td><td>linear for blocks below
 *   {@value #ALLTOALL_LARGE} bytes (default {@value #DEFAULT_ALLTOALL_LARGE}), then pairwise</td></tr>
 *   <tr><td>{@value #BARRIER}</td><td>dissemination</td><td>dissemination</td></tr>
 *   <tr><td>{@value #REDUCE}</td><td>binomial, reduce-scatter-gather</td><td>binomial up to
 *   {@value #REDUCE_LARGE} bytes (default {@value #DEFAULT_REDUCE_LARGE}), then Rabenseifner's
 *   reduce-scatter and gather</td></tr>
 * </table>
 * A forced ring allreduce with a non-commutative operation falls back to Rabenseifner (the ring
 * would combine out of rank order). Immutable.
 */
public final class CollectiveConfig
{
    public static final String BARRIER = "myrmidon.coll.barrier";
    public static final String BCAST = "myrmidon.coll.bcast";
    public static final String REDUCE = "myrmidon.coll.reduce";
    public static final String ALLREDUCE = "myrmidon.coll.allreduce";
    public static final String ALLGATHER = "myrmidon.coll.allgather";
    public static final String ALLTOALL = "myrmidon.coll.alltoall";
    public static final String BCAST_LARGE = "myrmidon.coll.bcast.largeBytes";
    public static final String ALLREDUCE_LARGE = "myrmidon.coll.allreduce.largeBytes";
    public static final String REDUCE_LARGE = "myrmidon.coll.reduce.largeBytes";
    public static final String ALLREDUCE_RING = "myrmidon.coll.allreduce.ringBytes";
    public static final String ALLGATHER_LARGE = "myrmidon.coll.allgather.largeBytes";
    public static final String ALLTOALL_LARGE = "myrmidon.coll.alltoall.largeBytes";

    public static final int DEFAULT_BCAST_LARGE = 12 * 1024;
    public static final int DEFAULT_ALLREDUCE_LARGE = 2048;
    public static final int DEFAULT_REDUCE_LARGE = 2048;
    public static final int DEFAULT_ALLREDUCE_RING = 4 * 1024 * 1024;
    public static final int DEFAULT_ALLGATHER_LARGE = 80 * 1024;
    public static final int DEFAULT_ALLTOALL_LARGE = 32 * 1024;

    /** Barrier algorithms. */
    public enum BarrierAlgorithm
    {
        AUTO, DISSEMINATION
    }

    /** Broadcast algorithms. */
    public enum BcastAlgorithm
    {
        AUTO, BINOMIAL, SCATTER_ALLGATHER
    }

    /** Reduce algorithms. */
    public enum ReduceAlgorithm
    {
        AUTO, BINOMIAL, REDUCE_SCATTER_GATHER
    }

    /** Allreduce algorithms. */
    public enum AllReduceAlgorithm
    {
        AUTO, RECURSIVE_DOUBLING, RABENSEIFNER, RING
    }

    /** Allgather algorithms. */
    public enum AllGatherAlgorithm
    {
        AUTO, BRUCK, RING
    }

    /** All-to-all algorithms. */
    public enum AllToAllAlgorithm
    {
        AUTO, LINEAR, PAIRWISE
    }

    final BcastAlgorithm bcast;
    final ReduceAlgorithm reduce;
    final AllReduceAlgorithm allReduce;
    final AllGatherAlgorithm allGather;
    final AllToAllAlgorithm allToAll;
    final int bcastLarge;
    final int allReduceLarge;
    final int reduceLarge;
    final int allReduceRing;
    final int allGatherLarge;
    final int allToAllLarge;
    final boolean oversubscribed;

    private CollectiveConfig(final UnaryOperator<String> properties, final boolean oversubscribed)
    {
        this.oversubscribed = oversubscribed;
        choice(properties, BARRIER, BarrierAlgorithm.class);
        reduce = choice(properties, REDUCE, ReduceAlgorithm.class);
        bcast = choice(properties, BCAST, BcastAlgorithm.class);
        allReduce = choice(properties, ALLREDUCE, AllReduceAlgorithm.class);
        allGather = choice(properties, ALLGATHER, AllGatherAlgorithm.class);
        allToAll = choice(properties, ALLTOALL, AllToAllAlgorithm.class);
        bcastLarge = bytes(properties, BCAST_LARGE, DEFAULT_BCAST_LARGE);
        allReduceLarge = bytes(properties, ALLREDUCE_LARGE, DEFAULT_ALLREDUCE_LARGE);
        reduceLarge = bytes(properties, REDUCE_LARGE, DEFAULT_REDUCE_LARGE);
        allReduceRing = bytes(properties, ALLREDUCE_RING, DEFAULT_ALLREDUCE_RING);
        allGatherLarge = bytes(properties, ALLGATHER_LARGE, DEFAULT_ALLGATHER_LARGE);
        allToAllLarge = bytes(properties, ALLTOALL_LARGE, DEFAULT_ALLTOALL_LARGE);
    }

    /**
     * Reads and validates the settings.
     *
     * @param properties looks a property up by name; null when unset.
     * @throws MyrmidonException {@link ErrorClass#ARG} naming a bad value and the valid ones.
     */
    public static CollectiveConfig from(final UnaryOperator<String> properties)
    {
        return new CollectiveConfig(properties, false);
    }

    /**
     * Reads and validates the settings for ranks that share cores or not.
     *
     * @param properties     looks a property up by name; null when unset.
     * @param oversubscribed true when the host runs more ranks than it has cores.
     * @throws MyrmidonException {@link ErrorClass#ARG} naming a bad value and the valid ones.
     */
    public static CollectiveConfig from(final UnaryOperator<String> properties, final boolean oversubscribed)
    {
        return new CollectiveConfig(properties, oversubscribed);
    }

    /**
     * @return the defaults (every choice {@code auto}).
     */
    public static CollectiveConfig defaults()
    {
        return new CollectiveConfig(name -> null, false);
    }

    private static <E extends Enum<E>> E choice(final UnaryOperator<String> properties, final String name,
        final Class<E> type)
    {
        final String text = properties.apply(name);
        final E[] values = type.getEnumConstants();
        if (text == null || text.isBlank())
        {
            return values[0];
        }
        final String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final E value : values)
        {
            if (value.name().equals(wanted))
            {
                return value;
            }
        }
        throw new MyrmidonException(ErrorClass.ARG, name + " is '" + text + "' but must be one of " +
            Arrays.stream(values).map(CollectiveConfig::propertyValue).toList());
    }

    private static int bytes(final UnaryOperator<String> properties, final String name, final int defaultValue)
    {
        final String text = properties.apply(name);
        if (text == null || text.isBlank())
        {
            return defaultValue;
        }
        try
        {
            final int value = Integer.parseInt(text.trim());
            if (value >= 0)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new MyrmidonException(ErrorClass.ARG, name + " must be a number of bytes, 0 or more, but is '" +
            text + "'");
    }

    /**
     * @return the property spelling of an algorithm, such as {@code recursive-doubling}.
     */
    public static String propertyValue(final Enum<?> algorithm)
    {
        return algorithm.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
