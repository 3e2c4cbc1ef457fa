package io.myrmidon.launch;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Where the launcher writes the ranks' output: one whole line per call, so that lines of
 * different ranks never interleave inside a line.
 *
 * <p>Thread safe: {@link #writeLine} is serialized on the sink.
 */
final class LineSink
{
    private final PrintStream out;
    private byte[] line = new byte[256];

    /**
     * @param out the launcher's stdout or stderr.
     */
    LineSink(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * Writes {@code prefix}, {@code length} bytes of {@code text} and a newline as one write, then
     * flushes.
     */
    synchronized void writeLine(final byte[] prefix, final byte[] text, final int offset, final int length)
    {
        final int total = prefix.length + length + 1;
        if (line.length < total)
        {
            line = new byte[Math.max(total, line.length * 2)];
        }
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(text, offset, line, prefix.length, length);
        line[total - 1] = '\n';
        write(out, line, total);
    }

    private static void write(final OutputStream out, final byte[] bytes, final int length)
    {
        try
        {
            out.write(bytes, 0, length);
            out.flush();
        }
        catch (final java.io.IOException ex)
        {
            // PrintStream does not throw; other streams: a closed terminal is not worth failing the job for
        }
    }
}
