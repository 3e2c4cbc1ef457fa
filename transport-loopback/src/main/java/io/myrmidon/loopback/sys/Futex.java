package io.myrmidon.loopback.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Shared (process-wide, not {@code FUTEX_PRIVATE_FLAG}) Linux futexes over a 32-bit word in memory
 * that several processes map, called through {@code syscall(2)} with Panama.
 *
 * <p>Not thread safe: each instance owns a scratch {@code timespec}; use one instance per waiting
 * thread. {@link #wake} is stateless and may be called from any thread.
 */
@SuppressWarnings("restricted") // native calls are the point of this class; JVMs run with --enable-native-access
public final class Futex implements AutoCloseable
{
    private static final long FUTEX_WAIT = 0;
    private static final long FUTEX_WAKE = 1;
    private static final long SYS_FUTEX = futexSyscallNumber();
    private static final MethodHandle SYSCALL = Linker.nativeLinker().downcallHandle(
        Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
        Linker.Option.firstVariadicArg(1));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment timespec = arena.allocate(16, 8);

    /**
     * Blocks while the word at {@code address} still holds {@code expected}, until a
     * {@link #wake}, a signal or the timeout. Returns at once when the word differs. Spurious
     * returns are possible: the caller re-checks its condition.
     *
     * @param address      the address of a 4-byte aligned word in shared memory.
     * @param expected     the value the caller saw before it decided to sleep.
     * @param timeoutNanos relative timeout; {@code <= 0} returns at once.
     */
    public void await(final long address, final int expected, final long timeoutNanos)
    {
        if (timeoutNanos <= 0)
        {
            return;
        }
        timespec.set(JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
        timespec.set(JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
        try
        {
            // Result ignored on purpose: 0, ETIMEDOUT, EAGAIN (word changed) and EINTR all mean "re-check".
            final long ignored = (long)SYSCALL.invokeExact(
                SYS_FUTEX, address, FUTEX_WAIT, (long)expected, timespec.address(), 0L, 0L);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("futex wait failed", ex);
        }
    }

    private static boolean warmedUp;

    /**
     * Until the JIT has compiled the downcall, a futex wait allocates a little in the method-handle
     * chain, and ranks wait too seldom for the JIT to get there soon: so, once per JVM, this calls
     * the same path many times on a scratch word whose value differs from the expected one (the
     * kernel answers EAGAIN at once; a few milliseconds in all), and wakes nobody as often.
     * Thread safe.
     */
    public static synchronized void warmUpOnce()
    {
        if (warmedUp)
        {
            return;
        }
        warmedUp = true;
        try (Arena scratch = Arena.ofConfined(); Futex futex = new Futex())
        {
            final MemorySegment word = scratch.allocate(8, 8);
            word.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 1);
            for (int i = 0; i < 20_000; i++)
            {
                futex.await(word.address(), 0, 1_000_000L); // 1 != 0: EAGAIN, no sleep
                wake(word.address(), 1);
            }
        }
    }

    /**
     * Wakes up to {@code count} threads (of any process) blocked in {@link #await} on the word at
     * {@code address}.
     */
    public static void wake(final long address, final int count)
    {
        try
        {
            final long ignored = (long)SYSCALL.invokeExact(SYS_FUTEX, address, FUTEX_WAKE, (long)count, 0L, 0L, 0L);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("futex wake failed", ex);
        }
    }

    @Override
    public void close()
    {
        arena.close();
    }

    private static long futexSyscallNumber()
    {
        final String arch = System.getProperty("os.arch");
        return switch (arch)
        {
            case "amd64", "x86_64" -> 202;
            case "aarch64" -> 98;
            default -> -1;
        };
    }

    /**
     * @return null when futexes are usable here, otherwise why not.
     */
    public static String unsupportedReason()
    {
        if (!"Linux".equals(System.getProperty("os.name")))
        {
            return "futexes need Linux, this is " + System.getProperty("os.name");
        }
        if (SYS_FUTEX < 0)
        {
            return "no futex syscall number known for architecture " + System.getProperty("os.arch");
        }
        return null;
    }
}
