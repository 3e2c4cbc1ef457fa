package io.myrmidon.system;

import java.io.IOException;
import java.nio.file.Path;

import io.myrmidon.vmm.tools.HostDirectory;

/**
 * A view of a host daemon started by someone else (here: by the {@code host start} command): it neither starts
 * nor stops it.
 */
final class HostFixtureView extends HostFixture
{
    HostFixtureView(final Path dir) throws IOException
    {
        super(new HostDirectory(dir), false);
    }

    @Override
    public void close()
    {
        // the daemon belongs to whoever started it
    }
}
