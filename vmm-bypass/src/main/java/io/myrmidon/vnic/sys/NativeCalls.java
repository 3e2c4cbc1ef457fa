package io.myrmidon.vnic.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc entry points this module needs, bound once through Panama, each capturing {@code errno}.
 * <p>
 * Every handle takes a leading {@link MemorySegment} for the captured call state (see
 * {@link #newCallState(Arena)}); {@link #errno(MemorySegment)} reads it after a failed call and
 * {@link #failure(String, MemorySegment)} turns it into an exception whose message says what failed and why.
 * Linux x86_64/aarch64 only (it is what the project targets).
 */
@SuppressWarnings("restricted") // binding libc is what this class is for
public final class NativeCalls
{
    static final Linker LINKER = Linker.nativeLinker();
    static final StructLayout CALL_STATE_LAYOUT = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO = CALL_STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    static final ValueLayout C_POINTER = ValueLayout.ADDRESS;

    static final MethodHandle MEMFD_CREATE = bind("memfd_create", FunctionDescriptor.of(C_INT, C_POINTER, C_INT));
    static final MethodHandle FTRUNCATE = bind("ftruncate", FunctionDescriptor.of(C_INT, C_INT, C_LONG));
    static final MethodHandle MMAP = bind(
        "mmap", FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG, C_INT, C_INT, C_INT, C_LONG));
    static final MethodHandle MUNMAP = bind("munmap", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG));
    static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(C_INT, C_INT));
    static final MethodHandle READ = bind("read", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
    static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
    static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT));
    static final MethodHandle EVENTFD = bind("eventfd", FunctionDescriptor.of(C_INT, C_INT, C_INT));
    static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT));
    static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT));
    static final MethodHandle LISTEN = bind("listen", FunctionDescriptor.of(C_INT, C_INT, C_INT));
    static final MethodHandle ACCEPT = bind("accept4", FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_POINTER, C_INT));
    static final MethodHandle CONNECT = bind("connect", FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT));
    static final MethodHandle SHUTDOWN = bind("shutdown", FunctionDescriptor.of(C_INT, C_INT, C_INT));
    static final MethodHandle SENDMSG = bind("sendmsg", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_INT));
    static final MethodHandle RECVMSG = bind("recvmsg", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_INT));
    static final MethodHandle SENDTO = bind(
        "sendto", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG, C_INT, C_POINTER, C_INT));
    static final MethodHandle RECVFROM = bind(
        "recvfrom", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG, C_INT, C_POINTER, C_POINTER));
    static final MethodHandle SETSOCKOPT = bind(
        "setsockopt", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, C_POINTER, C_INT));
    static final MethodHandle LSEEK = bind("lseek", FunctionDescriptor.of(C_LONG, C_INT, C_LONG, C_INT));
    /** {@code int fcntl(int fd, int cmd, ...)} with one int argument, for memfd seals. */
    static final MethodHandle FCNTL = LINKER.downcallHandle(
        LINKER.defaultLookup().find("fcntl").orElseThrow(),
        FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT),
        CAPTURE_ERRNO,
        Linker.Option.firstVariadicArg(2));
    /** {@code long syscall(long number, ...)}: used for futex, variadic after the first argument. */
    static final MethodHandle SYSCALL6 = LINKER.downcallHandle(
        LINKER.defaultLookup().find("syscall").orElseThrow(),
        FunctionDescriptor.of(C_LONG, C_LONG, C_POINTER, C_INT, C_INT, C_POINTER, C_POINTER, C_INT),
        CAPTURE_ERRNO,
        Linker.Option.firstVariadicArg(1));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
        LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(C_POINTER, C_INT));

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ETIMEDOUT = 110;
    static final int ENETUNREACH = 101;
    static final int ECONNREFUSED = 111;

    private NativeCalls()
    {
    }

    private static MethodHandle bind(final String name, final FunctionDescriptor descriptor)
    {
        final MemorySegment symbol = LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: " + name + " (Linux with glibc needed)"));
        return LINKER.downcallHandle(symbol, descriptor, CAPTURE_ERRNO);
    }

    /**
     * @param arena where to allocate.
     * @return a segment to pass as the first argument of every handle here.
     */
    public static MemorySegment newCallState(final Arena arena)
    {
        return arena.allocate(CALL_STATE_LAYOUT);
    }

    static int errno(final MemorySegment callState)
    {
        return (int)ERRNO.get(callState, 0L);
    }

    /**
     * @param errno an errno value.
     * @return the C library's text for it.
     */
    public static String strerror(final int errno)
    {
        try
        {
            final MemorySegment text = (MemorySegment)STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        }
        catch (final Throwable t)
        {
            return "errno " + errno;
        }
    }

    static NativeException failure(final String what, final MemorySegment callState)
    {
        final int errno = errno(callState);
        return new NativeException(what + " failed: " + strerror(errno) + " (errno " + errno + ")", errno);
    }

    static RuntimeException rethrow(final Throwable t)
    {
        if (t instanceof RuntimeException re)
        {
            return re;
        }
        if (t instanceof Error e)
        {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
