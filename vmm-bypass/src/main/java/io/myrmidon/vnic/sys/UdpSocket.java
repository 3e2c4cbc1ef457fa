package io.myrmidon.vnic.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

import static io.myrmidon.vnic.sys.NativeCalls.*;

/**
 * A non-blocking IPv4 UDP socket through Panama: {@code sendto} and {@code recvfrom} with {@code MSG_DONTWAIT}
 * straight from and into native memory, no allocation per datagram (the JDK's {@code DatagramChannel} allocates
 * a source address per receive, and its descriptor cannot be polled together with an eventfd). The descriptor
 * ({@link #fd()}) is what the NIC's firmware polls beside its doorbell when it sleeps.
 * <p>
 * Not thread safe: one thread sends and receives (the firmware thread); {@link #close()} from any thread once
 * that thread stopped.
 * <pre>
 *  struct sockaddr_in (16 bytes):
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |  FAMILY (AF_INET, host order) |   PORT (network byte order)   |  0
 *  |                 ADDRESS (network byte order)                  |  4
 *  |                          zero (8 bytes)                       |  8..15
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class UdpSocket implements AutoCloseable
{
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_SNDBUF = 7;
    private static final int SOCKADDR_LENGTH = 16;
    private static final int BUFFER_BYTES = 4 << 20;

    private final int fd;
    private final String name;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment sendAddress;
    private final MemorySegment sourceAddress;
    private final MemorySegment sourceLength;
    private final MemorySegment state;
    private boolean closed;

    private UdpSocket(final int fd, final String name)
    {
        this.fd = fd;
        this.name = name;
        sendAddress = arena.allocate(SOCKADDR_LENGTH, 8);
        sourceAddress = arena.allocate(SOCKADDR_LENGTH, 8);
        sourceLength = arena.allocate(ValueLayout.JAVA_INT);
        state = newCallState(arena);
    }

    /**
     * Open a socket bound to {@code address}.
     *
     * @param address an IPv4 address and port (port 0 is not allowed: peers find us by the host table).
     * @return the socket.
     */
    public static UdpSocket bind(final InetSocketAddress address)
    {
        final int ip = ipv4(address);
        try (Arena scratch = Arena.ofConfined())
        {
            final MemorySegment callState = newCallState(scratch);
            final int fd = (int)SOCKET.invokeExact(callState, AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0)
            {
                throw failure("socket(AF_INET, SOCK_DGRAM)", callState);
            }
            final MemorySegment size = scratch.allocate(ValueLayout.JAVA_INT);
            size.set(ValueLayout.JAVA_INT, 0, BUFFER_BYTES);
            // larger kernel buffers absorb bursts of a window of frames; failure only costs retransmissions
            final int ignoredRcv = (int)SETSOCKOPT.invokeExact(callState, fd, SOL_SOCKET, SO_RCVBUF, size, 4);
            final int ignoredSnd = (int)SETSOCKOPT.invokeExact(callState, fd, SOL_SOCKET, SO_SNDBUF, size, 4);
            final MemorySegment sockaddr = scratch.allocate(SOCKADDR_LENGTH, 8);
            writeSockaddr(sockaddr, ip, address.getPort());
            final int bound = (int)BIND.invokeExact(callState, fd, sockaddr, SOCKADDR_LENGTH);
            if (bound < 0)
            {
                final NativeException e = failure("bind(udp " + address.getHostString() + ":" + address.getPort() +
                    ") (is another host daemon using this address, or is the address not on this host?)", callState);
                FileDescriptors.close(fd);
                throw e;
            }
            return new UdpSocket(fd, address.getHostString() + ":" + address.getPort());
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * @param address an IPv4 socket address.
     * @return its address as an int in host order (first octet in the high byte).
     */
    public static int ipv4(final InetSocketAddress address)
    {
        if (address.isUnresolved() || !(address.getAddress() instanceof Inet4Address v4))
        {
            throw new IllegalArgumentException("not an IPv4 address: " + address +
                " (the wire runs over IPv4 UDP; name hosts by dotted address)");
        }
        final byte[] b = v4.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }

    /**
     * @return the descriptor (for poll).
     */
    public int fd()
    {
        return fd;
    }

    /**
     * Send one datagram.
     *
     * @param data   where the datagram lies.
     * @param length its length.
     * @param ip     destination address, {@link #ipv4} form.
     * @param port   destination port.
     * @return true when the kernel took it; false when its buffer is full (the reliable layer retransmits).
     */
    public boolean send(final MemorySegment data, final int length, final int ip, final int port)
    {
        writeSockaddr(sendAddress, ip, port);
        try
        {
            final long n = (long)SENDTO.invokeExact(state, fd, data, (long)length, MSG_DONTWAIT, sendAddress,
                SOCKADDR_LENGTH);
            if (n < 0)
            {
                final int errno = errno(state);
                if (errno == EAGAIN || errno == EINTR || errno == ECONNREFUSED || errno == ENETUNREACH)
                {
                    return false; // lost like any datagram: the reliable layer retransmits
                }
                throw failure("sendto(udp " + name + ")", state);
            }
            return true;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * Receive one datagram if one is waiting.
     *
     * @param data     where to put it.
     * @param capacity room in {@code data}; a longer datagram is truncated.
     * @return its length, or -1 when none is waiting.
     */
    public int receive(final MemorySegment data, final int capacity)
    {
        sourceLength.set(ValueLayout.JAVA_INT, 0, SOCKADDR_LENGTH);
        try
        {
            final long n = (long)RECVFROM.invokeExact(state, fd, data, (long)capacity, MSG_DONTWAIT, sourceAddress,
                sourceLength);
            if (n < 0)
            {
                final int errno = errno(state);
                if (errno == EAGAIN || errno == EINTR || errno == ECONNREFUSED)
                {
                    return -1;
                }
                throw failure("recvfrom(udp " + name + ")", state);
            }
            return (int)n;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * @return the source address of the last datagram received, {@link #ipv4} form.
     */
    public int sourceIp()
    {
        return Integer.reverseBytes(sourceAddress.get(ValueLayout.JAVA_INT, 4));
    }

    /**
     * @return the source port of the last datagram received.
     */
    public int sourcePort()
    {
        return Short.toUnsignedInt(Short.reverseBytes(sourceAddress.get(ValueLayout.JAVA_SHORT, 2)));
    }

    @Override
    public synchronized void close()
    {
        if (!closed)
        {
            closed = true;
            FileDescriptors.close(fd);
        }
    }

    @Override
    public String toString()
    {
        return "udp " + name;
    }

    private static void writeSockaddr(final MemorySegment sockaddr, final int ip, final int port)
    {
        sockaddr.set(ValueLayout.JAVA_SHORT, 0, (short)AF_INET);
        sockaddr.set(ValueLayout.JAVA_SHORT, 2, Short.reverseBytes((short)port));
        sockaddr.set(ValueLayout.JAVA_INT, 4, Integer.reverseBytes(ip));
        sockaddr.set(ValueLayout.JAVA_LONG, 8, 0L);
    }
}
