package io.myrmidon.vnic.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.myrmidon.vnic.sys.NativeCalls.*;

/**
 * Closing raw file descriptors. Thread safe.
 */
public final class FileDescriptors
{
    private FileDescriptors()
    {
    }

    /**
     * Close a descriptor; negative values are ignored so that callers can close "maybe opened" fields.
     *
     * @param fd the descriptor.
     */
    public static void close(final int fd)
    {
        if (fd < 0)
        {
            return;
        }
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(arena);
            final int rc = (int)CLOSE.invokeExact(state, fd);
            if (rc != 0 && errno(state) != EINTR)
            {
                throw failure("close(fd " + fd + ")", state);
            }
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }
}
