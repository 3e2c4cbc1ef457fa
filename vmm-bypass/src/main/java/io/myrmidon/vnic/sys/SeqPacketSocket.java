package io.myrmidon.vnic.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.myrmidon.vnic.sys.NativeCalls.*;

/**
 * A Unix domain {@code SOCK_SEQPACKET} socket through Panama: connection oriented, message boundaries kept,
 * end of stream seen as a zero-length receive, and file descriptors passed with {@code SCM_RIGHTS}, which the
 * JDK's own channels cannot do.
 * <p>
 * Not thread safe: one thread sends and one thread receives (each direction has its own scratch memory, so a
 * sender and a receiver thread may work concurrently).
 */
public final class SeqPacketSocket implements AutoCloseable
{
    /** Largest message this class sends or receives. */
    public static final int MAX_MESSAGE = 64 * 1024;
    /** Largest number of descriptors passed with one message. */
    public static final int MAX_FDS = 4;

    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SHUT_RDWR = 2;
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int MSGHDR_SIZE = 56;
    private static final int CMSG_HEADER = 16;
    private static final int CMSG_SPACE = CMSG_HEADER + 16;
    private static final int[] NO_FDS = new int[0];

    private final int fd;
    private final Arena arena = Arena.ofAuto();
    private final Direction sendSide;
    private final Direction receiveSide;
    private volatile boolean closed;

    private final class Direction
    {
        final MemorySegment state = newCallState(arena);
        final MemorySegment data = arena.allocate(MAX_MESSAGE, 8);
        final MemorySegment iov = arena.allocate(16, 8);
        final MemorySegment msghdr = arena.allocate(MSGHDR_SIZE, 8);
        final MemorySegment control = arena.allocate(CMSG_SPACE, 8);
    }

    private SeqPacketSocket(final int fd)
    {
        this.fd = fd;
        sendSide = new Direction();
        receiveSide = new Direction();
    }

    /**
     * Bind and listen on a path (an existing socket file there is replaced).
     *
     * @param path the socket file.
     * @return the listening socket; use {@link #accept()}.
     */
    public static SeqPacketSocket listen(final Path path)
    {
        final int fd = newSocket();
        try (Arena scratch = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(scratch);
            final MemorySegment address = socketAddress(scratch, path);
            if ((int)BIND.invokeExact(state, fd, address, SOCKADDR_UN_SIZE) != 0)
            {
                final NativeException e = failure("bind(" + path + ")", state);
                FileDescriptors.close(fd);
                throw e;
            }
            if ((int)LISTEN.invokeExact(state, fd, 64) != 0)
            {
                final NativeException e = failure("listen(" + path + ")", state);
                FileDescriptors.close(fd);
                throw e;
            }
            return new SeqPacketSocket(fd);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * @param path the socket file of a listening peer.
     * @return the connected socket.
     */
    public static SeqPacketSocket connect(final Path path)
    {
        final int fd = newSocket();
        try (Arena scratch = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(scratch);
            final MemorySegment address = socketAddress(scratch, path);
            if ((int)CONNECT.invokeExact(state, fd, address, SOCKADDR_UN_SIZE) != 0)
            {
                final NativeException e = failure(
                    "connect(" + path + "): is the host daemon running? start it with 'myrmidon host start'", state);
                FileDescriptors.close(fd);
                throw e;
            }
            return new SeqPacketSocket(fd);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * Block until a peer connects.
     *
     * @return the connection, or null when this socket was closed meanwhile.
     */
    public SeqPacketSocket accept()
    {
        try
        {
            final int connection = (int)ACCEPT.invokeExact(
                receiveSide.state, fd, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC);
            if (connection < 0)
            {
                if (closed)
                {
                    return null;
                }
                throw failure("accept", receiveSide.state);
            }
            return new SeqPacketSocket(connection);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * @return the buffer whose first bytes {@link #send(int, int...)} sends; fill it before sending.
     */
    public MemorySegment sendBuffer()
    {
        return sendSide.data;
    }

    /**
     * @return the buffer that {@link #receive(int[])} fills.
     */
    public MemorySegment receiveBuffer()
    {
        return receiveSide.data;
    }

    /**
     * Send the first {@code length} bytes of {@link #sendBuffer()} as one message (no allocation).
     *
     * @param length bytes to send.
     */
    public void send(final int length)
    {
        send(length, NO_FDS);
    }

    /**
     * Send the first {@code length} bytes of {@link #sendBuffer()} as one message, with descriptors attached.
     *
     * @param length bytes to send.
     * @param fds    descriptors to pass (duplicated into the receiver); at most {@link #MAX_FDS}.
     */
    public void send(final int length, final int... fds)
    {
        if (fds.length > MAX_FDS)
        {
            throw new IllegalArgumentException("at most " + MAX_FDS + " descriptors per message, got " + fds.length);
        }
        final Direction d = sendSide;
        d.iov.set(ValueLayout.ADDRESS, 0, d.data);
        d.iov.set(ValueLayout.JAVA_LONG, 8, length);
        d.msghdr.fill((byte)0);
        d.msghdr.set(ValueLayout.ADDRESS, 16, d.iov);
        d.msghdr.set(ValueLayout.JAVA_LONG, 24, 1L);
        if (fds.length > 0)
        {
            d.control.fill((byte)0);
            d.control.set(ValueLayout.JAVA_LONG, 0, CMSG_HEADER + 4L * fds.length);
            d.control.set(ValueLayout.JAVA_INT, 8, SOL_SOCKET);
            d.control.set(ValueLayout.JAVA_INT, 12, SCM_RIGHTS);
            for (int i = 0; i < fds.length; i++)
            {
                d.control.set(ValueLayout.JAVA_INT, CMSG_HEADER + 4L * i, fds[i]);
            }
            d.msghdr.set(ValueLayout.ADDRESS, 32, d.control);
            d.msghdr.set(ValueLayout.JAVA_LONG, 40, CMSG_HEADER + ((4L * fds.length + 7) & ~7L));
        }
        try
        {
            long sent;
            do
            {
                sent = (long)SENDMSG.invokeExact(d.state, fd, d.msghdr, MSG_NOSIGNAL);
            }
            while (sent < 0 && errno(d.state) == EINTR);
            if (sent < 0)
            {
                throw failure("sendmsg on control socket (peer gone?)", d.state);
            }
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * Receive one message into {@link #receiveBuffer()}.
     *
     * @param fdsOut filled with received descriptors, unused entries set to -1; the caller owns (and closes)
     *               what it gets. Length at least {@link #MAX_FDS}.
     * @return the message length, or -1 at end of stream (peer closed or died).
     */
    public int receive(final int[] fdsOut)
    {
        final Direction d = receiveSide;
        java.util.Arrays.fill(fdsOut, -1);
        d.iov.set(ValueLayout.ADDRESS, 0, d.data);
        d.iov.set(ValueLayout.JAVA_LONG, 8, MAX_MESSAGE);
        d.msghdr.fill((byte)0);
        d.msghdr.set(ValueLayout.ADDRESS, 16, d.iov);
        d.msghdr.set(ValueLayout.JAVA_LONG, 24, 1L);
        d.control.fill((byte)0);
        d.msghdr.set(ValueLayout.ADDRESS, 32, d.control);
        d.msghdr.set(ValueLayout.JAVA_LONG, 40, (long)CMSG_SPACE);
        try
        {
            long received;
            do
            {
                received = (long)RECVMSG.invokeExact(d.state, fd, d.msghdr, MSG_CMSG_CLOEXEC);
            }
            while (received < 0 && errno(d.state) == EINTR);
            if (received < 0)
            {
                if (closed)
                {
                    return -1;
                }
                throw failure("recvmsg on control socket", d.state);
            }
            final long controlLength = d.msghdr.get(ValueLayout.JAVA_LONG, 40);
            if (controlLength >= CMSG_HEADER &&
                d.control.get(ValueLayout.JAVA_INT, 8) == SOL_SOCKET &&
                d.control.get(ValueLayout.JAVA_INT, 12) == SCM_RIGHTS)
            {
                final int count = (int)((d.control.get(ValueLayout.JAVA_LONG, 0) - CMSG_HEADER) / 4);
                for (int i = 0; i < count && i < fdsOut.length; i++)
                {
                    fdsOut[i] = d.control.get(ValueLayout.JAVA_INT, CMSG_HEADER + 4L * i);
                }
            }
            return received == 0 ? -1 : (int)received;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * Shut the connection down (wakes a thread blocked in receive or accept) and close it.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try (Arena scratch = Arena.ofConfined())
        {
            final int ignored = (int)SHUTDOWN.invokeExact(newCallState(scratch), fd, SHUT_RDWR);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
        FileDescriptors.close(fd);
    }

    private static int newSocket()
    {
        try (Arena scratch = Arena.ofConfined())
        {
            final MemorySegment state = newCallState(scratch);
            final int fd = (int)SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
            if (fd < 0)
            {
                throw failure("socket(AF_UNIX, SOCK_SEQPACKET)", state);
            }
            return fd;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    private static MemorySegment socketAddress(final Arena arena, final Path path)
    {
        final byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= SOCKADDR_UN_SIZE - 2)
        {
            throw new IllegalArgumentException("socket path too long (max 107 bytes): " + path +
                "; set MYRMIDON_HOST_DIR to a shorter directory");
        }
        final MemorySegment address = arena.allocate(SOCKADDR_UN_SIZE, 8);
        address.set(ValueLayout.JAVA_SHORT, 0, (short)AF_UNIX);
        MemorySegment.copy(bytes, 0, address, ValueLayout.JAVA_BYTE, 2, bytes.length);
        return address;
    }
}
