package io.myrmidon.examples;

import io.myrmidon.testing.ThreadJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The examples run as jobs of threads: the heat solver gives the same checksum for every rank
 * count, and the allreduce benchmark prints its table.
 */
@Timeout(120)
class ExamplesTest
{
    private static final Map<String, String> FEW_CORES = Map.of("myrmidon.idle.spinNanos", "20000");

    private static String run(final int size, final String[] args, final boolean heat)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ThreadJob.run(size, "threads", FEW_CORES, 90, mpi ->
        {
            final PrintStream mine = mpi.rank() == 0 ? out : new PrintStream(PrintStream.nullOutputStream());
            if (heat)
            {
                Heat.run(mpi, args, mine);
            }
            else
            {
                AllReduceBenchmark.run(mpi, args, mine);
            }
        });
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void heatGivesTheSameChecksumForEveryRankCount()
    {
        final String[] args = {"--grid", "61", "--iterations", "300", "--check-every", "7", "--tolerance", "1e-4"};
        String reference = null;
        for (final int size : new int[]{1, 2, 3, 4, 7})
        {
            final String output = run(size, args, true);
            final Matcher checksum = Pattern.compile("checksum (\\S+) \\(bits ([0-9a-f]+)\\)").matcher(output);
            assertTrue(checksum.find(), output);
            final Matcher steps = Pattern.compile("steps (\\d+)").matcher(output);
            assertTrue(steps.find(), output);
            final String result = checksum.group(2) + " after " + steps.group(1) + " steps";
            if (reference == null)
            {
                reference = result;
                assertTrue(Double.parseDouble(checksum.group(1)) > 0, "heat flowed in: " + output);
            }
            assertEquals(reference, result, "heat on " + size + " ranks:\n" + output);
        }
    }

    @Test
    void allReduceBenchmarkPrintsAHeaderAndOneRowPerSize()
    {
        final String output = run(3, new String[]{"--sizes", "8,4096,65536", "--iterations", "20", "--warmup", "5", "--jit-warmup", "10"},
            false);
        final String[] lines = output.strip().split("\n");
        assertTrue(lines[0].startsWith("#"), output);
        assertEquals("# size avg_us p50_us p99_us", lines[1], output);
        assertEquals(5, lines.length, output);
        final String[] sizes = {"8", "4096", "65536"};
        for (int i = 0; i < sizes.length; i++)
        {
            final String[] fields = lines[2 + i].trim().split(" ");
            assertEquals(4, fields.length, lines[2 + i]);
            assertEquals(sizes[i], fields[0]);
            for (int f = 1; f < 4; f++)
            {
                assertTrue(Double.parseDouble(fields[f]) > 0, lines[2 + i]);
            }
        }
    }

    @Test
    void bcastAndBarrierBenchmarksPrintTheirRows()
    {
        final String bcast = run(3, new String[]{"--collective", "bcast", "--sizes", "8,65536", "--iterations", "20",
            "--warmup", "5", "--jit-warmup", "10"}, false);
        final String[] lines = bcast.strip().split("\n");
        assertTrue(lines[0].startsWith("# Myrmidon bcast"), bcast);
        assertEquals(4, lines.length, bcast);
        assertTrue(lines[3].startsWith("65536 "), bcast);
        final String barrier = run(4, new String[]{"--collective", "barrier", "--iterations", "20", "--warmup", "5",
            "--jit-warmup", "10"}, false);
        final String[] rows = barrier.strip().split("\n");
        assertTrue(rows[0].startsWith("# Myrmidon barrier"), barrier);
        assertEquals(3, rows.length, barrier);
        assertTrue(rows[2].startsWith("0 "), barrier);
    }
}
