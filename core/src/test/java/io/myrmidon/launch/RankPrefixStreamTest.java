package io.myrmidon.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankPrefixStreamTest
{
    @Test
    @Timeout(30)
    void linesOfConcurrentRankThreadsNeverMixAndCarryTheirRank() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final RankPrefixStream stream = new RankPrefixStream(bytes);
        final PrintStream out = new PrintStream(stream, true, StandardCharsets.UTF_8);
        final int ranks = 4;
        final int lines = 500;
        final List<Thread> threads = new ArrayList<>();
        for (int rank = 0; rank < ranks; rank++)
        {
            final int myRank = rank;
            threads.add(Thread.ofPlatform().start(() ->
            {
                RankPrefixStream.setRank(myRank);
                final Thread child = Thread.ofPlatform().start(() -> print(out, myRank, "child", lines));
                print(out, myRank, "main", lines);
                joinQuietly(child);
                out.print("rank " + myRank + " unterminated");
                try
                {
                    stream.finishLine();
                }
                catch (final java.io.IOException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }));
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        out.println("no rank");

        final Pattern line = Pattern.compile("\\[(\\d)] rank (\\d) (main|child) \\d+ (" + "#".repeat(200) + ")|\\[(\\d)] rank (\\d) unterminated");
        final Map<String, Integer> perRank = new TreeMap<>();
        final String[] all = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("no rank", all[all.length - 1]);
        for (int i = 0; i < all.length - 1; i++)
        {
            final Matcher matcher = line.matcher(all[i]);
            assertTrue(matcher.matches(), "mixed or unprefixed: " + all[i]);
            final String prefixRank = matcher.group(1) != null ? matcher.group(1) : matcher.group(5);
            final String printedRank = matcher.group(2) != null ? matcher.group(2) : matcher.group(6);
            assertEquals(prefixRank, printedRank, all[i]);
            perRank.merge(prefixRank, 1, Integer::sum);
        }
        assertEquals(Map.of("0", 2 * lines + 1, "1", 2 * lines + 1, "2", 2 * lines + 1, "3", 2 * lines + 1), perRank);
    }

    private static void print(final PrintStream out, final int rank, final String who, final int lines)
    {
        for (int i = 0; i < lines; i++)
        {
            // several writes per line, so that a line is assembled from pieces
            out.print("rank " + rank + " ");
            out.print(who + " " + i + " ");
            out.println("#".repeat(200));
        }
    }

    private static void joinQuietly(final Thread thread)
    {
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
