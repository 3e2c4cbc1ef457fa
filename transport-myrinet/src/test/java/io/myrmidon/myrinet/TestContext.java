package io.myrmidon.myrinet;

import java.util.Map;

import io.myrmidon.spi.Bootstrap;
import io.myrmidon.spi.TransportContext;

/**
 * A transport context for tests: explicit properties first, then system properties.
 */
record TestContext(Bootstrap bootstrap, Map<String, String> properties) implements TransportContext
{
    @Override
    public String property(final String name, final String defaultValue)
    {
        final String value = properties.get(name);
        return value != null ? value : System.getProperty(name, defaultValue);
    }
}
