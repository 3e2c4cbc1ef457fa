package io.myrmidon.vnic.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.myrmidon.vnic.sys.NativeCalls.*;

/**
 * A Linux eventfd used as a doorbell wake-up: {@link #signal()} from any thread or process that holds the
 * descriptor, {@link #await(int)} in the one thread that sleeps on it. The descriptor can be passed to another
 * process with {@link SeqPacketSocket#send}.
 * <p>
 * {@link #signal()} and {@link #await(int)} do not allocate: each instance owns its scratch memory.
 * {@code signal} is safe from many threads (the 8 bytes it writes are constant; concurrent signallers share the
 * errno capture, which only matters for the text of an error); {@code await} from one thread.
 */
public final class EventFd implements AutoCloseable
{
    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EFD_NONBLOCK = 0x800;
    private static final short POLLIN = 1;

    private final int fd;
    private final boolean owned;
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment one;
    private final MemorySegment readScratch;
    private final MemorySegment pollFd;
    private final MemorySegment signalState;
    private final MemorySegment awaitState;

    private EventFd(final int fd, final boolean owned)
    {
        this.fd = fd;
        this.owned = owned;
        one = arena.allocate(ValueLayout.JAVA_LONG);
        one.set(ValueLayout.JAVA_LONG, 0, 1L);
        readScratch = arena.allocate(ValueLayout.JAVA_LONG);
        pollFd = arena.allocate(16, 8);
        signalState = newCallState(arena);
        awaitState = newCallState(arena);
    }

    /**
     * @return a new non-blocking eventfd with counter 0; closing this object closes it.
     */
    public static EventFd create()
    {
        try (Arena scratch = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(scratch);
            final int fd = (int)EVENTFD.invokeExact(state, 0, EFD_CLOEXEC | EFD_NONBLOCK);
            if (fd < 0)
            {
                throw failure("eventfd", state);
            }
            return new EventFd(fd, true);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * @param fd an eventfd received from another process; closing this object closes it.
     * @return a wrapper for it.
     */
    public static EventFd adopt(final int fd)
    {
        return new EventFd(fd, true);
    }

    /**
     * @return the descriptor, e.g. to pass it on.
     */
    public int fd()
    {
        return fd;
    }

    /**
     * Add one to the counter, waking a sleeper. Never blocks; a saturated counter (impossible in practice) is
     * ignored because the sleeper is awake anyway.
     */
    public void signal()
    {
        try
        {
            final long n = (long)WRITE.invokeExact(signalState, fd, one, 8L);
            if (n < 0 && errno(signalState) != EAGAIN && errno(signalState) != EINTR)
            {
                throw failure("write(eventfd " + fd + ")", signalState);
            }
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * Wait until the counter is non-zero or the timeout passes, then reset the counter.
     *
     * @param timeoutMs how long to sleep at most.
     * @return true when signalled, false on timeout.
     */
    public boolean await(final int timeoutMs)
    {
        return await(timeoutMs, -1);
    }

    /**
     * Wait until the counter is non-zero, or {@code alsoFd} is readable, or the timeout passes; reset the counter
     * if it was signalled. The NIC's firmware sleeps this way on its doorbell and its wire socket at once.
     *
     * @param timeoutMs how long to sleep at most.
     * @param alsoFd    a second descriptor to wake on when readable, or -1 for none.
     * @return true when signalled or {@code alsoFd} became readable, false on timeout.
     */
    public boolean await(final int timeoutMs, final int alsoFd)
    {
        try
        {
            pollFd.set(ValueLayout.JAVA_INT, 0, fd);
            pollFd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
            pollFd.set(ValueLayout.JAVA_SHORT, 6, (short)0);
            pollFd.set(ValueLayout.JAVA_INT, 8, alsoFd);
            pollFd.set(ValueLayout.JAVA_SHORT, 12, POLLIN);
            pollFd.set(ValueLayout.JAVA_SHORT, 14, (short)0);
            final int ready = (int)POLL.invokeExact(awaitState, pollFd, alsoFd < 0 ? 1L : 2L, timeoutMs);
            if (ready < 0)
            {
                if (errno(awaitState) == EINTR)
                {
                    return false;
                }
                throw failure("poll(eventfd " + fd + ")", awaitState);
            }
            if (ready == 0)
            {
                return false;
            }
            if ((pollFd.get(ValueLayout.JAVA_SHORT, 6) & POLLIN) != 0)
            {
                final long n = (long)READ.invokeExact(awaitState, fd, readScratch, 8L);
                return n == 8 || alsoFd >= 0;
            }
            return true;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    @Override
    public void close()
    {
        if (owned)
        {
            FileDescriptors.close(fd);
        }
        // scratch memory is released by the garbage collector (automatic arena): another thread may still be
        // inside a call that uses it when this runs
    }
}
