package io.myrmidon.loopback.shm;

import io.myrmidon.spi.Bootstrap;
import io.myrmidon.spi.TransportContext;

import java.util.Map;

/**
 * A transport context for tests: explicit properties first, then system properties.
 */
record TestContext(Bootstrap bootstrap, Map<String, String> properties) implements TransportContext
{
    TestContext(final Bootstrap bootstrap)
    {
        this(bootstrap, Map.of());
    }

    @Override
    public String property(final String name, final String defaultValue)
    {
        final String value = properties.get(name);
        return value != null ? value : System.getProperty(name, defaultValue);
    }
}
