package io.myrmidon.launch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The wire format between a rank's {@link SocketBootstrap} and the launcher's
 * {@link RendezvousServer}: length-prefixed frames over one TCP connection per rank, kept open
 * for the whole job.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 frame length (bytes after this field)         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     type      |              body (type specific) ...        ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Integers are big-endian; a string is an int byte count followed by UTF-8 bytes; a blob is an
 * int byte count followed by the bytes.
 * <ul>
 *   <li>rank to launcher: {@link #HELLO} (magic, version, rank, size, job id), then any number of
 *   {@link #GATHER} (round, blob), then {@link #BYE} (no body) before the rank closes.</li>
 *   <li>launcher to rank: {@link #WELCOME} (the exchange timeout in milliseconds, 0 for none)
 *   after a good hello, {@link #GATHERED} (round, count, count blobs in rank order) once every
 *   rank contributed to a round, or {@link #ERROR} (a message) when the job's exchange failed.</li>
 * </ul>
 *
 * <p>Stateless; the static methods are thread safe as long as one thread at a time uses a stream.
 */
public final class RendezvousProtocol
{
    /** "MYRM": the first field of a hello, so that a stray connection is recognized. */
    public static final int MAGIC = 0x4D59524D;
    public static final int VERSION = 1;

    public static final byte HELLO = 1;
    public static final byte GATHER = 2;
    public static final byte BYE = 3;
    public static final byte WELCOME = 11;
    public static final byte GATHERED = 12;
    public static final byte ERROR = 13;

    /** Frames larger than this are rejected as garbage: start-up blobs are small. */
    public static final int MAX_FRAME_LENGTH = 256 * 1024 * 1024;

    private RendezvousProtocol()
    {
    }

    /**
     * A decoded frame: its type and a buffer positioned at the start of the body.
     *
     * @param type one of the type constants.
     * @param body the body, big-endian.
     */
    public record Frame(byte type, ByteBuffer body)
    {
        /**
         * @return the next string of the body.
         */
        public String string()
        {
            return new String(blob(), StandardCharsets.UTF_8);
        }

        /**
         * @return the next blob of the body.
         */
        public byte[] blob()
        {
            final int length = body.getInt();
            if (length < 0 || length > body.remaining())
            {
                throw new IllegalStateException("corrupt rendezvous frame: a field claims " + length +
                    " bytes but " + body.remaining() + " remain");
            }
            final byte[] bytes = new byte[length];
            body.get(bytes);
            return bytes;
        }
    }

    /**
     * Starts a frame body of the given type; finish it with {@link #send(DataOutputStream, ByteBuffer)}.
     *
     * @param type     the frame type.
     * @param capacity an upper bound of the body length after the type byte.
     * @return a buffer holding the type byte, ready for the body.
     */
    public static ByteBuffer frame(final byte type, final int capacity)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1 + capacity);
        buffer.put(type);
        return buffer;
    }

    /**
     * Appends a length-prefixed blob.
     */
    public static ByteBuffer putBlob(final ByteBuffer buffer, final byte[] blob)
    {
        return buffer.putInt(blob.length).put(blob);
    }

    /**
     * @return the UTF-8 bytes of {@code text}, to put with {@link #putBlob}.
     */
    public static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes and flushes one frame.
     *
     * @param out   the stream of one connection.
     * @param frame a buffer from {@link #frame(byte, int)}, filled.
     */
    public static void send(final DataOutputStream out, final ByteBuffer frame) throws IOException
    {
        out.writeInt(frame.position());
        out.write(frame.array(), 0, frame.position());
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @param in the stream of one connection.
     * @return the frame.
     * @throws EOFException when the peer closed the connection before a frame began.
     * @throws IOException  on a socket error or a frame that cannot be one of this protocol.
     */
    public static Frame receive(final DataInputStream in) throws IOException
    {
        final int length = in.readInt();
        if (length < 1 || length > MAX_FRAME_LENGTH)
        {
            throw new IOException("not a Myrmidon rendezvous frame: length " + length);
        }
        final byte[] bytes = new byte[length];
        in.readFully(bytes);
        final ByteBuffer body = ByteBuffer.wrap(bytes);
        return new Frame(body.get(), body);
    }

    /**
     * Encodes a hello.
     */
    public static ByteBuffer hello(final int rank, final int size, final String jobId)
    {
        final byte[] id = utf8(jobId);
        final ByteBuffer frame = frame(HELLO, 4 * 5 + id.length);
        frame.putInt(MAGIC).putInt(VERSION).putInt(rank).putInt(size);
        return putBlob(frame, id);
    }

    /**
     * Encodes one rank's contribution to a round.
     */
    public static ByteBuffer gather(final int round, final byte[] blob)
    {
        return putBlob(frame(GATHER, 8 + blob.length).putInt(round), blob);
    }

    /**
     * Encodes the result of a round.
     */
    public static ByteBuffer gathered(final int round, final byte[][] blobs)
    {
        int capacity = 8;
        for (final byte[] blob : blobs)
        {
            capacity += 4 + blob.length;
        }
        final ByteBuffer frame = frame(GATHERED, capacity).putInt(round).putInt(blobs.length);
        for (final byte[] blob : blobs)
        {
            putBlob(frame, blob);
        }
        return frame;
    }

    /**
     * Encodes an error message.
     */
    public static ByteBuffer error(final String message)
    {
        final byte[] text = utf8(message);
        return putBlob(frame(ERROR, 4 + text.length), text);
    }

    /**
     * Encodes a welcome.
     */
    public static ByteBuffer welcome(final long timeoutMillis)
    {
        return frame(WELCOME, 8).putLong(timeoutMillis);
    }

    /**
     * Encodes a bye.
     */
    public static ByteBuffer bye()
    {
        return frame(BYE, 0);
    }
}
