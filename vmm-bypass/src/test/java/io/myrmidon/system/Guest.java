package io.myrmidon.system;

import java.io.IOException;

/**
 * A scripted guest plus what it announced: VM id, endpoint, key and its window key.
 */
final class Guest implements AutoCloseable
{
    final GuestProcess process;
    final int vm;
    int endpoint;
    int key;
    final int window;

    Guest(final HostFixture host, final String mode) throws IOException
    {
        process = GuestProcess.scripted(host, mode);
        final String[] ready = process.nextLineStartingWith("READY ", 30_000).split(" ");
        if (!"READY".equals(ready[0]))
        {
            throw new AssertionError("guest did not start: " + String.join(" ", ready));
        }
        vm = Integer.parseInt(ready[1]);
        endpoint = Integer.parseInt(ready[2]);
        key = Integer.parseInt(ready[3]);
        window = Integer.parseInt(ready[4]);
    }

    String call(final String command)
    {
        return process.call(command);
    }

    void reopen()
    {
        final String[] reply = call("reopen").split(" ");
        if (!"OK".equals(reply[0]))
        {
            throw new AssertionError("reopen failed: " + String.join(" ", reply));
        }
        endpoint = Integer.parseInt(reply[1]);
        key = Integer.parseInt(reply[2]);
    }

    @Override
    public void close()
    {
        process.close();
    }
}
