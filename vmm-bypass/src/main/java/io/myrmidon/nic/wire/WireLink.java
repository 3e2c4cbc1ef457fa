package io.myrmidon.nic.wire;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.SecureRandom;

import io.myrmidon.vnic.sys.UdpSocket;

/**
 * This NIC's wire: one non-blocking UDP socket at the address the {@link HostTable} gives this host, and a
 * reliable, ordered, flow-controlled link to every other host's NIC ({@link ReliableSender} and
 * {@link ReliableReceiver} per peer). Messages larger than {@link #maxPayload()} are cut into fragments by the
 * caller (the NIC), one frame each; the link keeps frames whole and in order.
 * <p>
 * Use: {@link #room(int)} frames may be sent to a peer now; fill each with {@link #claim(int)} and send it with
 * {@link #send(int, long)}; {@link #poll(WireFrameHandler, long)} receives, delivers in order, acknowledges and
 * retransmits. Firmware thread only (not thread safe); no allocation per frame.
 */
public final class WireLink implements AutoCloseable
{
    /** Default payload budget per frame: a 1500-byte Ethernet MTU minus IPv4 (20) and UDP (8) headers and ours. */
    public static final int DEFAULT_MTU = 1472;
    /** Datagrams taken from the socket per poll at most, so sending and acknowledging are not starved. */
    private static final int RECEIVES_PER_POLL = 64;
    /** A peer that acknowledges nothing for this long while frames are in flight is reported unreachable. */
    public static final long PEER_TIMEOUT_NS = 5_000_000_000L;
    /** Longest delay of a pure acknowledgement: a frame going back usually carries it sooner. */
    public static final long ACK_DELAY_NS = 500_000L;

    private final HostTable table;
    private final int localNic;
    private final int mtu;
    private final int epoch;
    private final UdpSocket socket;
    private final Arena arena = Arena.ofShared();
    private final ReliableSender[] senders;
    private final ReliableReceiver[] receivers;
    private final MemorySegment receiveBuffer;
    private final MemorySegment ackFrame;
    private final WireFrameFlyweight incoming = new WireFrameFlyweight();
    private final WireFrameFlyweight ack = new WireFrameFlyweight();
    private final WireFrameFlyweight stamp = new WireFrameFlyweight();
    private final boolean[] unreachable;
    private long nextRetransmitCheckNs;
    private long framesSent;
    private long framesReceived;

    /**
     * @param table    the hosts.
     * @param localNic this host's NIC id (its position in the table).
     * @param mtu      bytes per datagram, header included (at least {@link WireFrameFlyweight#HEADER_LENGTH} + 64).
     */
    public WireLink(final HostTable table, final int localNic, final int mtu)
    {
        if (table.byNicId(localNic) == null)
        {
            throw new IllegalArgumentException("NIC id " + localNic + " is not in the host table " + table);
        }
        if (mtu < WireFrameFlyweight.HEADER_LENGTH + 64 || mtu > 65_507)
        {
            throw new IllegalArgumentException("the wire MTU must be " + (WireFrameFlyweight.HEADER_LENGTH + 64) +
                "..65507 bytes (a UDP payload), not " + mtu);
        }
        this.table = table;
        this.localNic = localNic;
        this.mtu = mtu;
        int random = 0;
        final SecureRandom seed = new SecureRandom();
        while (random == 0)
        {
            random = seed.nextInt();
        }
        this.epoch = random;
        senders = new ReliableSender[table.size()];
        receivers = new ReliableReceiver[table.size()];
        unreachable = new boolean[table.size()];
        receiveBuffer = arena.allocate(mtu, 64);
        ackFrame = arena.allocate(WireFrameFlyweight.HEADER_LENGTH, 64);
        socket = UdpSocket.bind(table.byNicId(localNic).address());
    }

    /**
     * @return this host's NIC id.
     */
    public int localNic()
    {
        return localNic;
    }

    /**
     * @param nic a NIC id.
     * @return true when it is another host of the table (a peer this link reaches).
     */
    public boolean reaches(final int nic)
    {
        return nic != localNic && table.byNicId(nic) != null;
    }

    /**
     * @return payload bytes per frame.
     */
    public int maxPayload()
    {
        return mtu - WireFrameFlyweight.HEADER_LENGTH;
    }

    /**
     * @return the socket's descriptor, to poll beside the doorbell.
     */
    public int fd()
    {
        return socket.fd();
    }

    /**
     * @param peer a NIC id this link {@link #reaches}.
     * @return frames that may be sent to it now (0: back-pressure, wait for acknowledgements).
     */
    public int room(final int peer)
    {
        return sender(peer).room();
    }

    /**
     * Claim the next frame to {@code peer}: the header is cleared and the link fields (sequence, epoch, type,
     * NIC ids) are set by {@link #send}; the caller writes the rest and the payload. Call only when
     * {@link #room(int)} is positive.
     *
     * @param peer the destination NIC.
     * @return the frame.
     */
    public WireFrameFlyweight claim(final int peer)
    {
        return sender(peer).claim();
    }

    /**
     * Send the frame from {@link #claim(int)}; it stays in flight until acknowledged.
     *
     * @param peer  the destination NIC.
     * @param nowNs now.
     */
    public void send(final int peer, final long nowNs)
    {
        final ReliableSender sender = sender(peer);
        final WireFrameFlyweight frame = sender.claimed();
        final int length = WireFrameFlyweight.HEADER_LENGTH + frame.fragmentLength();
        frame.sourceNic(localNic).destNic(peer).epoch(epoch);
        transmit(peer, sender.commit(length, nowNs), length);
    }

    /**
     * Receive what the socket holds, hand frames in order to {@code handler}, retry frames the handler refused
     * before, acknowledge, retransmit what timed out.
     *
     * @param handler where frames go.
     * @param nowNs   now.
     * @return work done (frames received, delivered or sent).
     */
    public int poll(final WireFrameHandler handler, final long nowNs)
    {
        int work = 0;
        for (int i = 0; i < RECEIVES_PER_POLL; i++)
        {
            final int length = socket.receive(receiveBuffer, mtu);
            if (length < 0)
            {
                break;
            }
            work++;
            framesReceived++;
            work += onDatagram(incoming.wrap(receiveBuffer), length, handler, nowNs);
        }
        for (int peer = 0; peer < receivers.length; peer++)
        {
            final ReliableReceiver receiver = receivers[peer];
            if (receiver != null && receiver.held() > 0)
            {
                work += receiver.deliver(peer, handler, nowNs);
            }
        }
        work += acknowledge(nowNs);
        if (nowNs - nextRetransmitCheckNs >= 0)
        {
            nextRetransmitCheckNs = nowNs + 1_000_000L;
            for (int peer = 0; peer < senders.length; peer++)
            {
                if (senders[peer] != null && senders[peer].inFlight() > 0)
                {
                    work += senders[peer].retransmitExpired(this, peer, nowNs);
                }
            }
        }
        return work;
    }

    /**
     * @return true when frames await acknowledgement (either way) or the handler refused some (the firmware must
     * then not sleep longer than about a millisecond).
     */
    public boolean busy()
    {
        for (int peer = 0; peer < senders.length; peer++)
        {
            if ((senders[peer] != null && senders[peer].inFlight() > 0) ||
                (receivers[peer] != null && (receivers[peer].held() > 0 || receivers[peer].ackOwed())))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Declare unreachable a peer that acknowledged nothing for {@link #PEER_TIMEOUT_NS} while frames were in
     * flight: its frames are dropped (a restarted peer starts again from sequence 0 anyway) and it stays
     * unreachable until a frame from it arrives.
     *
     * @param nowNs now.
     * @return a peer that became unreachable by this call, or -1.
     */
    public int checkUnreachable(final long nowNs)
    {
        for (int peer = 0; peer < senders.length; peer++)
        {
            if (!unreachable[peer] && senders[peer] != null && senders[peer].stalledNs(nowNs) > PEER_TIMEOUT_NS)
            {
                unreachable[peer] = true;
                senders[peer].reset();
                return peer;
            }
        }
        return -1;
    }

    /**
     * @param peer a NIC id.
     * @return true while that peer is considered unreachable (see {@link #checkUnreachable}).
     */
    public boolean isUnreachable(final int peer)
    {
        return unreachable[peer];
    }

    /**
     * @return frames sent (first transmissions, retransmissions and acknowledgements).
     */
    public long framesSent()
    {
        return framesSent;
    }

    /**
     * @return datagrams received.
     */
    public long framesReceived()
    {
        return framesReceived;
    }

    /**
     * @return frames retransmitted, all peers.
     */
    public long retransmissions()
    {
        long total = 0;
        for (final ReliableSender sender : senders)
        {
            total += sender == null ? 0 : sender.retransmissions;
        }
        return total;
    }

    /**
     * @return duplicate frames dropped, all peers.
     */
    public long duplicatesDropped()
    {
        long total = 0;
        for (final ReliableReceiver receiver : receivers)
        {
            total += receiver == null ? 0 : receiver.duplicates;
        }
        return total;
    }

    @Override
    public void close()
    {
        socket.close();
    }

    @Override
    public String toString()
    {
        return "wire of NIC " + localNic + " (" + table.byNicId(localNic).name() + ", " + socket + ")";
    }

    /**
     * Put a frame on the wire, stamped with the current acknowledgement for its peer.
     */
    void transmit(final int peer, final MemorySegment frame, final int length)
    {
        final ReliableReceiver receiver = receiver(peer);
        stamp.wrap(frame).ack(receiver.ack()).window(receiver.window());
        receiver.acknowledged();
        final HostTable.Entry host = table.byNicId(peer);
        socket.send(frame, length, host.ip(), host.port());
        framesSent++;
    }

    private int onDatagram(
        final WireFrameFlyweight frame, final int length, final WireFrameHandler handler, final long nowNs)
    {
        if (length < WireFrameFlyweight.HEADER_LENGTH || frame.destNic() != localNic ||
            !reaches(frame.sourceNic()) || frame.epoch() == 0 ||
            length != WireFrameFlyweight.HEADER_LENGTH + frame.fragmentLength())
        {
            return 0; // not for us, or damaged: dropped like a bad checksum
        }
        final int peer = frame.sourceNic();
        unreachable[peer] = false;
        final ReliableReceiver receiver = receiver(peer);
        final ReliableSender sender = sender(peer);
        if (receiver.epochChanged(frame.epoch()))
        {
            sender.reset(); // the peer restarted: both directions start again
        }
        if (frame.type() == WireFrameFlyweight.TYPE_ACK)
        {
            if (frame.handle() == epoch)
            {
                final long fast = sender.onAck(frame.ack(), frame.window(), nowNs);
                if (fast >= 0)
                {
                    transmit(peer, sender.frame((int)fast), sender.length((int)fast));
                }
            }
            return 0;
        }
        sender.onAck(frame.ack(), frame.window(), nowNs); // piggy-backed
        return receiver.onFrame(peer, frame, length, handler, nowNs);
    }

    private int acknowledge(final long nowNs)
    {
        int sent = 0;
        for (int peer = 0; peer < receivers.length; peer++)
        {
            final ReliableReceiver receiver = receivers[peer];
            if (receiver != null && receiver.ackDue(nowNs))
            {
                ack.wrap(ackFrame).clearHeader().type(WireFrameFlyweight.TYPE_ACK).sourceNic(localNic).destNic(peer)
                    .epoch(epoch).handle(receiverEpoch(peer));
                transmit(peer, ackFrame, WireFrameFlyweight.HEADER_LENGTH);
                sent++;
            }
        }
        return sent;
    }

    private long receiverEpoch(final int peer)
    {
        return receivers[peer].peerEpoch();
    }

    private ReliableSender sender(final int peer)
    {
        ReliableSender sender = senders[peer];
        if (sender == null)
        {
            sender = new ReliableSender(arena, mtu); // once per peer, at its first frame
            senders[peer] = sender;
        }
        return sender;
    }

    private ReliableReceiver receiver(final int peer)
    {
        ReliableReceiver receiver = receivers[peer];
        if (receiver == null)
        {
            receiver = new ReliableReceiver(arena, mtu);
            receivers[peer] = receiver;
        }
        return receiver;
    }
}
