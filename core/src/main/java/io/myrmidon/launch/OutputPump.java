package io.myrmidon.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies one stream of a rank (its stdout or stderr) to a {@link LineSink}, line by line, each
 * line prefixed with {@code [rank] }. A last line without a newline is written at the end of the
 * stream; a line longer than {@link #MAX_LINE} bytes is split into several.
 *
 * <p>Runs on its own thread; not shared.
 */
final class OutputPump implements Runnable
{
    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final LineSink sink;
    private final byte[] prefix;
    private byte[] line = new byte[1024];
    private int lineLength;

    /**
     * @param in     the rank's stream.
     * @param sink   where lines go.
     * @param prefix written before every line, for example {@code "[3] "}.
     */
    OutputPump(final InputStream in, final LineSink sink, final String prefix)
    {
        this.in = in;
        this.sink = sink;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts a daemon thread that pumps until the end of the stream.
     */
    static Thread start(final InputStream in, final LineSink sink, final String prefix, final String threadName)
    {
        return Thread.ofPlatform().daemon().name(threadName).start(new OutputPump(in, sink, prefix));
    }

    @Override
    public void run()
    {
        final byte[] chunk = new byte[8192];
        try (in)
        {
            int read;
            while ((read = in.read(chunk)) != -1)
            {
                accept(chunk, read);
            }
        }
        catch (final IOException ex)
        {
            // the rank's pipe broke: it is gone, and the supervisor reports how
        }
        if (lineLength > 0)
        {
            emit();
        }
    }

    private void accept(final byte[] chunk, final int length)
    {
        int start = 0;
        for (int i = 0; i < length; i++)
        {
            if (chunk[i] == '\n')
            {
                append(chunk, start, i - start);
                emit();
                start = i + 1;
            }
        }
        append(chunk, start, length - start);
    }

    private void append(final byte[] bytes, final int offset, final int length)
    {
        int from = offset;
        int remaining = length;
        while (remaining > 0)
        {
            final int room = MAX_LINE - lineLength;
            final int take = Math.min(room, remaining);
            if (line.length < lineLength + take)
            {
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(lineLength + take, line.length * 2)));
            }
            System.arraycopy(bytes, from, line, lineLength, take);
            lineLength += take;
            from += take;
            remaining -= take;
            if (lineLength == MAX_LINE)
            {
                emit();
            }
        }
    }

    private void emit()
    {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r')
        {
            length--;
        }
        sink.writeLine(prefix, line, 0, length);
        lineLength = 0;
    }
}
