package io.myrmidon.vnic.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.myrmidon.vnic.sys.NativeCalls.*;

/**
 * Anonymous shared memory ({@code memfd_create}), the sizes of such files and mapping them
 * ({@code mmap(MAP_SHARED)} / {@code munmap}). Stateless and thread safe.
 */
@SuppressWarnings("restricted") // binding libc is what this class is for
public final class SharedMemory
{
    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_GET_SEALS = 1034;
    private static final int F_SEAL_SEAL = 1;
    private static final int F_SEAL_SHRINK = 2;
    private static final int F_SEAL_GROW = 4;
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_SHARED = 1;
    private static final int SEEK_END = 2;

    private SharedMemory()
    {
    }

    /**
     * Create an anonymous memory file of the given size, zero filled, sealed so that nobody it is handed to
     * can shrink or grow it: a guest that shrank memory the NIC has mapped would make the NIC fault (SIGBUS).
     *
     * @param name   shows in /proc/PID/fd, for debugging.
     * @param length size in bytes.
     * @return the file descriptor; the caller closes it with {@link FileDescriptors#close(int)}.
     */
    public static int createMemFd(final String name, final long length)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(arena);
            final int fd = (int)MEMFD_CREATE.invokeExact(
                state, arena.allocateFrom(name), MFD_CLOEXEC | MFD_ALLOW_SEALING);
            if (fd < 0)
            {
                throw failure("memfd_create(" + name + ")", state);
            }
            final int rc = (int)FTRUNCATE.invokeExact(state, fd, length);
            if (rc != 0)
            {
                final NativeException e = failure("ftruncate(memfd " + name + ", " + length + ")", state);
                FileDescriptors.close(fd);
                throw e;
            }
            if ((int)FCNTL.invokeExact(state, fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0)
            {
                final NativeException e = failure("fcntl(memfd " + name + ", F_ADD_SEALS)", state);
                FileDescriptors.close(fd);
                throw e;
            }
            return fd;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * @param fd a descriptor received from someone untrusted.
     * @return true when it is a memory file sealed against shrinking, so that mapping it is safe.
     */
    public static boolean isSealedAgainstShrink(final int fd)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(arena);
            final int seals = (int)FCNTL.invokeExact(state, fd, F_GET_SEALS, 0);
            return seals >= 0 && (seals & F_SEAL_SHRINK) != 0;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * @param fd a file descriptor of a regular or memory file.
     * @return its size in bytes (lseek to the end).
     */
    public static long sizeOf(final int fd)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(arena);
            final long size = (long)LSEEK.invokeExact(state, fd, 0L, SEEK_END);
            if (size < 0)
            {
                throw failure("lseek(fd " + fd + ", SEEK_END)", state);
            }
            return size;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * Map a whole file shared, read and write.
     *
     * @param fd     the file.
     * @param length bytes to map; must not exceed the file's size (check with {@link #sizeOf(int)} when the
     *               file came from someone untrusted, or touching the tail raises SIGBUS).
     * @return the mapping; unmap it with {@link #unmap(MemorySegment)}.
     */
    public static MemorySegment map(final int fd, final long length)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(arena);
            final MemorySegment address = (MemorySegment)MMAP.invokeExact(
                state, MemorySegment.NULL, length, PROT_READ_WRITE, MAP_SHARED, fd, 0L);
            if (address.address() == -1L)
            {
                throw failure("mmap(fd " + fd + ", " + length + " bytes)", state);
            }
            return address.reinterpret(length);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * @param mapping a segment returned by {@link #map(int, long)}; it must not be used afterwards.
     */
    public static void unmap(final MemorySegment mapping)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(arena);
            final int rc = (int)MUNMAP.invokeExact(state, mapping, mapping.byteSize());
            if (rc != 0)
            {
                throw failure("munmap(" + mapping.byteSize() + " bytes)", state);
            }
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }
}
