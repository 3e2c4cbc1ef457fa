package io.myrmidon;

import io.myrmidon.engine.EngineConfig;
import io.myrmidon.spi.Bootstrap;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to start a rank: the transport, protocol thresholds, waiting, and properties for the
 * transport. Every setting has a default; each can also come from a system property or an
 * environment variable (property {@code myrmidon.eagerThreshold} is variable
 * {@code MYRMIDON_EAGERTHRESHOLD}). Values set here win over both.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #TRANSPORT}</td><td>the launcher's choice; {@code shm} for several ranks,
 *   {@code self} for one</td><td>transport name</td></tr>
 *   <tr><td>{@value #EAGER_THRESHOLD}</td><td>the transport's preference</td><td>largest eager
 *   message, bytes</td></tr>
 *   <tr><td>{@value #SPIN_NANOS}</td><td>{@value #DEFAULT_SPIN_NANOS} ({@value #OVERSUBSCRIBED_SPIN_NANOS}
 *   with more ranks than cores)</td><td>time spent spinning while waiting, ns</td></tr>
 *   <tr><td>{@value #YIELD_NANOS}</td><td>{@value #DEFAULT_YIELD_NANOS} ({@value #OVERSUBSCRIBED_YIELD_NANOS}
 *   with more ranks than cores)</td><td>then time spent yielding, ns</td></tr>
 *   <tr><td>{@value #MAX_PARK_NANOS}</td><td>{@value #DEFAULT_MAX_PARK_NANOS}</td><td>longest
 *   park, ns</td></tr>
 * </table>
 *
 * <p>Not thread safe; {@link #conclude()} validates once, before init uses it.
 */
public final class MyrmidonContext
{
    public static final String TRANSPORT = "myrmidon.transport";
    public static final String EAGER_THRESHOLD = "myrmidon.eagerThreshold";
    public static final String SPIN_NANOS = "myrmidon.idle.spinNanos";
    public static final String YIELD_NANOS = "myrmidon.idle.yieldNanos";
    public static final String MIN_PARK_NANOS = "myrmidon.idle.minParkNanos";
    public static final String MAX_PARK_NANOS = "myrmidon.idle.maxParkNanos";

    public static final long DEFAULT_SPIN_NANOS = 4_000_000;
    public static final long DEFAULT_YIELD_NANOS = 200_000;
    public static final long DEFAULT_MIN_PARK_NANOS = 1_000;
    public static final long DEFAULT_MAX_PARK_NANOS = 1_000_000;
    public static final long OVERSUBSCRIBED_SPIN_NANOS = 2_000;
    public static final long OVERSUBSCRIBED_YIELD_NANOS = 1_000_000;

    private final Map<String, String> properties = new HashMap<>();
    private Bootstrap bootstrap;

    /**
     * Chooses the transport by name ({@code threads}, {@code shm}, {@code myrinet}, ...).
     */
    public MyrmidonContext transport(final String name)
    {
        return set(TRANSPORT, name);
    }

    /**
     * Sets the largest message sent eagerly, in bytes; larger ones use rendezvous.
     */
    public MyrmidonContext eagerThreshold(final int bytes)
    {
        return set(EAGER_THRESHOLD, Integer.toString(bytes));
    }

    /**
     * Sets any property, for Myrmidon or for the transport.
     */
    public MyrmidonContext set(final String name, final String value)
    {
        properties.put(name, value);
        return this;
    }

    /**
     * Uses this bootstrap instead of the one the launcher's environment describes.
     */
    public MyrmidonContext bootstrap(final Bootstrap bootstrap)
    {
        this.bootstrap = bootstrap;
        return this;
    }

    public Bootstrap bootstrap()
    {
        return bootstrap;
    }

    /**
     * Resolves a property: this context, then the system property, then the environment.
     *
     * @return the value, or {@code defaultValue}.
     */
    public String property(final String name, final String defaultValue)
    {
        String value = properties.get(name);
        if (value == null)
        {
            value = System.getProperty(name);
        }
        if (value == null)
        {
            value = System.getenv(name.replace('.', '_').toUpperCase(Locale.ROOT));
        }
        return value == null ? defaultValue : value;
    }

    /**
     * Validates the settings for a rank that does not share its cores with more ranks than cores.
     *
     * @return the engine's configuration.
     * @throws MyrmidonException with {@link ErrorClass#ARG} naming the bad setting.
     */
    public EngineConfig conclude()
    {
        return conclude(false);
    }

    /**
     * Validates the settings.
     *
     * @param oversubscribed true when this host runs more ranks than it has cores: then, unless
     *                       set explicitly, ranks spin and yield only briefly before they block
     *                       ({@value #OVERSUBSCRIBED_SPIN_NANOS} ns, {@value #OVERSUBSCRIBED_YIELD_NANOS}
     *                       ns), so that a waiting rank gives its core to one that has work.
     * @return the engine's configuration.
     * @throws MyrmidonException with {@link ErrorClass#ARG} naming the bad setting.
     */
    public EngineConfig conclude(final boolean oversubscribed)
    {
        final int eager = (int)number(EAGER_THRESHOLD, -1, -1, Integer.MAX_VALUE);
        final long spins = number(SPIN_NANOS, oversubscribed ? OVERSUBSCRIBED_SPIN_NANOS : DEFAULT_SPIN_NANOS, 0,
            60_000_000_000L);
        final long yields = number(YIELD_NANOS, oversubscribed ? OVERSUBSCRIBED_YIELD_NANOS : DEFAULT_YIELD_NANOS, 0,
            60_000_000_000L);
        final long minPark = number(MIN_PARK_NANOS, DEFAULT_MIN_PARK_NANOS, 1, 1_000_000_000L);
        final long maxPark = number(MAX_PARK_NANOS, DEFAULT_MAX_PARK_NANOS, minPark, 1_000_000_000L);
        return new EngineConfig(eager, spins, yields, minPark, maxPark);
    }

    private long number(final String name, final long defaultValue, final long min, final long max)
    {
        final String text = property(name, null);
        if (text == null)
        {
            return defaultValue;
        }
        final long value;
        try
        {
            value = Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new MyrmidonException(ErrorClass.ARG, name + " must be a whole number but is '" + text + "'");
        }
        if (value < min || value > max)
        {
            throw new MyrmidonException(ErrorClass.ARG, name + " must be in " + min + ".." + max + " but is " + value);
        }
        return value;
    }
}
