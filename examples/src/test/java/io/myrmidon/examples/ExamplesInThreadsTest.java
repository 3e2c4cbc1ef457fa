package io.myrmidon.examples;

import io.myrmidon.launch.Bootstraps;
import io.myrmidon.launch.InProcessJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the examples with their ranks as threads of this JVM and checks what rank 0 reports.
 */
@Timeout(120)
class ExamplesInThreadsTest
{
    private static String runInThreads(final int ranks, final Supplier<Callable<Integer>> factory,
        final java.util.function.BiConsumer<Callable<Integer>, PrintStream> setOut, final String... args)
        throws InterruptedException
    {
        final InProcessJob job = new InProcessJob(ranks, "threads");
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        final int[] exitCodes = new int[ranks];
        final Thread[] threads = new Thread[ranks];
        for (int r = 0; r < ranks; r++)
        {
            final int rank = r;
            threads[r] = new Thread(() ->
            {
                Bootstraps.installForThread(job.bootstrap(rank));
                final Callable<Integer> command = factory.get();
                setOut.accept(command, out);
                exitCodes[rank] = new CommandLine(command).execute(args);
            });
            threads[r].start();
        }
        for (final Thread thread : threads)
        {
            thread.join(100_000);
            assertFalse(thread.isAlive(), "a rank did not finish");
        }
        for (int r = 0; r < ranks; r++)
        {
            assertEquals(0, exitCodes[r], "exit code of rank " + r);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pingPongPrintsAHeaderAndOneRowPerSize() throws Exception
    {
        final String output = runInThreads(3, PingPong::new, (c, o) -> ((PingPong)c).out = o,
            "--sizes", "0,8,4K,100000", "--iterations", "50", "--warmup", "5");
        System.out.println(output);
        final String[] lines = output.strip().split("\n");
        assertTrue(lines[0].startsWith("#"), output);
        assertTrue(lines[1].startsWith("#") && lines[1].contains("avg_us") && lines[1].contains("p99_us"), output);
        final int[] expected = { 0, 8, 4096, 100000 };
        assertEquals(2 + expected.length, lines.length, output);
        for (int i = 0; i < expected.length; i++)
        {
            final String[] columns = lines[2 + i].trim().split("\\s+");
            assertEquals(5, columns.length, lines[2 + i]);
            assertEquals(expected[i], Integer.parseInt(columns[0]));
            for (int c = 1; c < 5; c++)
            {
                assertTrue(Double.parseDouble(columns[c]) > 0, lines[2 + i]);
            }
            assertTrue(Double.parseDouble(columns[2]) <= Double.parseDouble(columns[4]), "p50 <= max");
        }
    }

    @Test
    void bandwidthPrintsOneRowPerSize() throws Exception
    {
        final String output = runInThreads(2, Bandwidth::new, (c, o) -> ((Bandwidth)c).out = o,
            "--sizes", "8,64K,1M", "--iterations", "3", "--window", "8");
        System.out.println(output);
        final String[] lines = output.strip().split("\n");
        assertTrue(lines[1].contains("MB_per_s"), output);
        assertEquals(5, lines.length, output);
        for (int i = 2; i < 5; i++)
        {
            final String[] columns = lines[i].trim().split("\\s+");
            assertEquals(2, columns.length);
            assertTrue(Double.parseDouble(columns[1]) >= 0, lines[i]);
            assertTrue(Double.parseDouble(columns[1]) > 0 || i == 2, lines[i]);
        }
    }

    @Test
    void bandwidthOfMessagesSmallerThanItsWarmUpOnes() throws Exception
    {
        final String output = runInThreads(2, Bandwidth::new, (c, o) -> ((Bandwidth)c).out = o,
            "--sizes", "1", "--iterations", "3", "--window", "8", "--jit-warmup", "20");
        final String[] lines = output.strip().split("\n");
        assertEquals(3, lines.length, output);
        final String[] columns = lines[2].trim().split("\\s+");
        assertEquals("1", columns[0], output);
        assertTrue(Double.parseDouble(columns[1]) > 0, output);
    }
}
