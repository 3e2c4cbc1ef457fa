package io.myrmidon.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code System.out} and {@code System.err} of a threads job: every line is written with the
 * prefix {@code [rank] } of the rank thread that printed it (threads a rank starts inherit its
 * rank; other threads print without a prefix). Each thread collects its own line, so lines
 * printed by different ranks at the same time never mix.
 *
 * <p>Thread safe: line buffers are per thread, and whole lines go to the underlying stream under
 * this stream's monitor.
 */
final class RankPrefixStream extends OutputStream
{
    private static final InheritableThreadLocal<Integer> RANK = new InheritableThreadLocal<>();

    private final OutputStream out;
    private final ThreadLocal<LineBuffer> lines = ThreadLocal.withInitial(LineBuffer::new);

    /**
     * @param out the real stream.
     */
    RankPrefixStream(final OutputStream out)
    {
        this.out = out;
    }

    /**
     * Marks the calling thread (and threads it starts later) as rank {@code rank}.
     */
    static void setRank(final int rank)
    {
        RANK.set(rank);
    }

    @Override
    public void write(final int b) throws IOException
    {
        write(new byte[]{ (byte)b }, 0, 1);
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length) throws IOException
    {
        final LineBuffer line = lines.get();
        int start = offset;
        final int end = offset + length;
        for (int i = offset; i < end; i++)
        {
            if (bytes[i] == '\n')
            {
                line.append(bytes, start, i + 1 - start);
                emit(line);
                start = i + 1;
            }
        }
        line.append(bytes, start, end - start);
    }

    /**
     * Writes what the calling thread printed without a final newline, as a line of its own. A rank
     * thread calls it when it ends.
     */
    void finishLine() throws IOException
    {
        final LineBuffer line = lines.get();
        if (line.length > 0)
        {
            line.append(new byte[]{ '\n' }, 0, 1);
            emit(line);
        }
        lines.remove();
    }

    @Override
    public void flush() throws IOException
    {
        synchronized (this)
        {
            out.flush();
        }
    }

    private void emit(final LineBuffer line) throws IOException
    {
        final Integer rank = RANK.get();
        synchronized (this)
        {
            if (rank != null)
            {
                out.write(("[" + rank + "] ").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(line.bytes, 0, line.length);
            out.flush();
        }
        line.length = 0;
    }

    private static final class LineBuffer
    {
        private byte[] bytes = new byte[256];
        private int length;

        private void append(final byte[] source, final int offset, final int count)
        {
            if (length + count > bytes.length)
            {
                bytes = Arrays.copyOf(bytes, Math.max(length + count, bytes.length * 2));
            }
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }
    }
}
