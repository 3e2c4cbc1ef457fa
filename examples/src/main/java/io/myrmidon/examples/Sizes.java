package io.myrmidon.examples;

import picocli.CommandLine;

import java.util.Arrays;

/**
 * Message sizes for the benchmarks: parses {@code --sizes 8,4096,1M} and holds the OSU-style
 * defaults and iteration schedules.
 */
final class Sizes
{
    /** 0 B and every power of two up to 4 MiB, as osu_latency. */
    static final int[] LATENCY_DEFAULT = powersOfTwo(true);
    /** 1 B to 4 MiB, as osu_bw. */
    static final int[] BANDWIDTH_DEFAULT = powersOfTwo(false);

    private Sizes()
    {
    }

    private static int[] powersOfTwo(final boolean withZero)
    {
        final int[] sizes = new int[23 + (withZero ? 1 : 0)];
        int i = 0;
        if (withZero)
        {
            sizes[i++] = 0;
        }
        for (int size = 1; size <= 4 << 20; size <<= 1)
        {
            sizes[i++] = size;
        }
        return Arrays.copyOf(sizes, i);
    }

    /**
     * The size that warms the JIT up on the rendezvous path before sizes above the eager limit are
     * timed, or 0 when none is: rank JVMs run the server compiler only, so a path runs interpreted
     * until its methods have been called some 10 000 times, and the first rendezvous size measured
     * would otherwise pay for it (32 KiB bandwidth over shm: 2.3-4.1 instead of 8 GB/s).
     *
     * @param eagerLimit the largest message sent eagerly.
     * @param largest    the largest size to be timed.
     */
    static int rendezvousWarmupSize(final int eagerLimit, final int largest)
    {
        return largest <= eagerLimit ? 0 : Math.min(largest, Math.max(eagerLimit + 1, 64 * 1024));
    }

    /**
     * Warm-up iterations for a ping-pong of {@code size} bytes (the peer benchmarks' schedule).
     */
    static int latencyWarmup(final int size)
    {
        return size <= 8192 ? 2000 : size <= 262144 ? 200 : 20;
    }

    /**
     * Timed iterations for a ping-pong of {@code size} bytes.
     */
    static int latencyIterations(final int size)
    {
        return size <= 8192 ? 20000 : size <= 262144 ? 2000 : 300;
    }

    static int bandwidthWarmup(final int size)
    {
        return size <= 8192 ? 20 : size <= 262144 ? 5 : 2;
    }

    static int bandwidthIterations(final int size)
    {
        return size <= 8192 ? 200 : size <= 262144 ? 50 : 10;
    }

    /**
     * Converts one size, {@code "4096"}, {@code "64K"} or {@code "1M"}, to bytes; options split
     * {@code "8,4096,1M"} on commas first.
     */
    static final class Converter implements CommandLine.ITypeConverter<Integer>
    {
        @Override
        public Integer convert(final String value)
        {
            return parse(value.trim());
        }

        private static int parse(final String text)
        {
            final String upper = text.toUpperCase(java.util.Locale.ROOT);
            long multiplier = 1;
            String digits = upper;
            if (upper.endsWith("K") || upper.endsWith("M"))
            {
                multiplier = upper.endsWith("K") ? 1024 : 1024 * 1024;
                digits = upper.substring(0, upper.length() - 1);
            }
            final long size;
            try
            {
                size = Long.parseLong(digits) * multiplier;
            }
            catch (final NumberFormatException ex)
            {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a size (bytes, or with K or M)");
            }
            if (size < 0 || size > Integer.MAX_VALUE - 64)
            {
                throw new CommandLine.TypeConversionException("size " + text + " is out of range 0..2 GiB");
            }
            return (int)size;
        }
    }
}
