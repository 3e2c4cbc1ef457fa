package io.myrmidon.vnic.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.myrmidon.vnic.sys.NativeCalls.*;

/**
 * Shared (not process-private) futex wait and wake on a 32-bit word in a {@code MAP_SHARED} mapping, so that a
 * process can sleep until another process that maps the same file wakes it.
 * <p>
 * One instance per waiting thread (not thread safe): it owns its scratch memory so that calls do not allocate.
 */
public final class Futex implements AutoCloseable
{
    private static final long SYS_FUTEX = sysFutex();
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;

    private final Arena arena = Arena.ofAuto();
    private final MemorySegment state = newCallState(arena);
    private final MemorySegment timeout = arena.allocate(16, 8);

    private static long sysFutex()
    {
        final String arch = System.getProperty("os.arch");
        return "aarch64".equals(arch) ? 98 : 202;
    }

    /**
     * Sleep while the word at {@code address} equals {@code expected}, at most {@code timeoutNs}.
     *
     * @param word      a 4-byte aligned word of a shared mapping.
     * @param expected  the value seen before deciding to sleep (no lost wake-ups: the kernel re-checks it).
     * @param timeoutNs the longest sleep.
     */
    public void await(final MemorySegment word, final int expected, final long timeoutNs)
    {
        timeout.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, timeoutNs / 1_000_000_000L);
        timeout.set(java.lang.foreign.ValueLayout.JAVA_LONG, 8, timeoutNs % 1_000_000_000L);
        try
        {
            final long rc = (long)SYSCALL6.invokeExact(
                state, SYS_FUTEX, word, FUTEX_WAIT, expected, timeout, MemorySegment.NULL, 0);
            if (rc < 0)
            {
                final int errno = errno(state);
                if (errno != EAGAIN && errno != EINTR && errno != ETIMEDOUT)
                {
                    throw failure("futex(FUTEX_WAIT)", state);
                }
            }
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * Wake every waiter on the word.
     *
     * @param word the word sleepers wait on.
     * @return how many were woken.
     */
    public int wakeAll(final MemorySegment word)
    {
        try
        {
            final long rc = (long)SYSCALL6.invokeExact(
                state, SYS_FUTEX, word, FUTEX_WAKE, Integer.MAX_VALUE, MemorySegment.NULL, MemorySegment.NULL, 0);
            if (rc < 0)
            {
                throw failure("futex(FUTEX_WAKE)", state);
            }
            return (int)rc;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    @Override
    public void close()
    {
        // scratch memory is released by the garbage collector (automatic arena): another thread may still be
        // inside a call that uses it when this runs
    }
}
