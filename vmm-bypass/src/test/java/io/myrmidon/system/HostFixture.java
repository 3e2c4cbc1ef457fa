package io.myrmidon.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.myrmidon.vmm.tools.HostControl;
import io.myrmidon.vmm.tools.HostDirectory;
import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.layout.CountersDescriptor.*;

/**
 * A real host daemon (its own JVM) in a fresh runtime directory, for one test class.
 */
class HostFixture implements AutoCloseable
{
    private final HostDirectory dir;
    private final UnsafeBuffer counters;

    HostFixture() throws IOException
    {
        this(new HostDirectory(Files.createTempDirectory(Path.of("/tmp"), "myr-test-")), true);
    }

    HostFixture(final HostDirectory dir, final boolean start) throws IOException
    {
        this.dir = dir;
        if (start)
        {
            HostControl.start(dir);
        }
        counters = dir.mapCounters(false);
    }

    HostDirectory dir()
    {
        return dir;
    }

    long global(final int offset)
    {
        return counters.getLongVolatile(offset);
    }

    long vm(final int vm, final int field)
    {
        return counters.getLongVolatile(vmRecord(vm) + field);
    }

    long endpoint(final int endpoint, final int field)
    {
        return counters.getLongVolatile(endpointRecord(endpoint) + field);
    }

    @Override
    public void close() throws IOException
    {
        HostControl.stop(dir);
        try (var files = Files.list(dir.root()))
        {
            for (final Path file : files.toList())
            {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir.root());
    }
}
