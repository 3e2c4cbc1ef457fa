package io.myrmidon.loopback.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Cross Memory Attach: copies bytes out of another process's address space with one copy,
 * {@code process_vm_readv(2)} called through Panama.
 *
 * <p>Not thread safe: each instance owns its scratch {@code iovec}s and errno capture; use one per
 * thread. No allocation per call.
 */
@SuppressWarnings("restricted") // native calls are the point of this class; JVMs run with --enable-native-access
public final class ProcessMemory implements AutoCloseable
{
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle PROCESS_VM_READV = LINKER.downcallHandle(
        LINKER.defaultLookup().find("process_vm_readv").orElseThrow(),
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG),
        Linker.Option.captureCallState("errno"));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment localIov = arena.allocate(16, 8);
    private final MemorySegment remoteIov = arena.allocate(16, 8);
    private final MemorySegment callState = arena.allocate(CAPTURE_LAYOUT);

    private static boolean warmedUp;

    /**
     * Until the JIT has compiled the downcall, a call allocates (method-handle customisation,
     * generated classes), and pulls are too rare for that to be over before steady state: so, once
     * per JVM, this makes many small reads from this process into itself (a few milliseconds).
     * Thread safe.
     */
    public static synchronized void warmUpOnce()
    {
        if (warmedUp)
        {
            return;
        }
        warmedUp = true;
        try (Arena scratch = Arena.ofConfined(); ProcessMemory memory = new ProcessMemory())
        {
            final MemorySegment from = scratch.allocate(64, 64);
            final MemorySegment to = scratch.allocate(64, 64);
            final long pid = ProcessHandle.current().pid();
            for (int i = 0; i < 20_000; i++)
            {
                memory.read(pid, from.address(), to.address(), 8);
            }
        }
    }

    /**
     * Copies {@code length} bytes at {@code remoteAddress} in process {@code pid} to
     * {@code localAddress} in this process.
     *
     * @return {@code length} on success, or {@code -errno} ({@code -ESRCH}: the process is gone,
     * {@code -EFAULT}: the remote range is not mapped, {@code -EPERM}: ptrace rules forbid it).
     */
    public long read(final long pid, final long remoteAddress, final long localAddress, final long length)
    {
        long done = 0;
        while (done < length)
        {
            localIov.set(JAVA_LONG, 0, localAddress + done);
            localIov.set(JAVA_LONG, 8, length - done);
            remoteIov.set(JAVA_LONG, 0, remoteAddress + done);
            remoteIov.set(JAVA_LONG, 8, length - done);
            final long result;
            try
            {
                result = (long)PROCESS_VM_READV.invokeExact(callState, (int)pid, localIov, 1L, remoteIov, 1L, 0L);
            }
            catch (final Throwable ex)
            {
                throw new IllegalStateException("process_vm_readv failed", ex);
            }
            if (result <= 0)
            {
                return result == 0 ? -EFAULT : -(int)ERRNO.get(callState, 0L);
            }
            done += result;
        }
        return done;
    }

    /** errno: operation not permitted. */
    public static final int EPERM = 1;
    /** errno: no such process. */
    public static final int ESRCH = 3;
    /** errno: bad address. */
    public static final int EFAULT = 14;
    /** errno: function not implemented. */
    public static final int ENOSYS = 38;

    /**
     * Reads a pattern from this very process, to find out whether the kernel (ptrace rules,
     * seccomp, container policy) lets this process use Cross Memory Attach at all.
     *
     * @return null when it works, otherwise what went wrong.
     */
    public String selfTest()
    {
        final int length = 4096;
        try (Arena scratch = Arena.ofConfined())
        {
            final MemorySegment source = scratch.allocate(length, 64);
            final MemorySegment target = scratch.allocate(length, 64);
            for (int i = 0; i < length; i++)
            {
                source.set(JAVA_BYTE, i, (byte)(i * 31 + 7));
            }
            final long result = read(ProcessHandle.current().pid(), source.address(), target.address(), length);
            if (result != length)
            {
                return "process_vm_readv on this process failed with errno " + (-result) +
                    (result == -EPERM ? " (EPERM: ptrace rules or a seccomp policy forbid Cross Memory Attach)" :
                    result == -ENOSYS ? " (ENOSYS: the kernel or a seccomp policy lacks process_vm_readv)" : "");
            }
            if (source.mismatch(target) != -1)
            {
                return "process_vm_readv on this process returned success but copied wrong bytes";
            }
            return null;
        }
    }

    @Override
    public void close()
    {
        arena.close();
    }
}
