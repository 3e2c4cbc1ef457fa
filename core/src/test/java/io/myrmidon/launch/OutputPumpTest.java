package io.myrmidon.launch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputPumpTest
{
    @Test
    void prefixesEveryLineAndFinishesAnUnterminatedLastOne()
    {
        assertEquals(List.of("[4] one", "[4] ", "[4] three", "[4] tail"), pump("one\n\nthree\r\ntail"));
    }

    @Test
    void aLineLongerThanTheLimitIsSplitNotLost()
    {
        final String longLine = "z".repeat(OutputPump.MAX_LINE + 10);
        final List<String> lines = pump(longLine + "\nnext\n");
        assertEquals(3, lines.size());
        assertEquals("[4] " + "z".repeat(OutputPump.MAX_LINE), lines.get(0));
        assertEquals("[4] " + "z".repeat(10), lines.get(1));
        assertEquals("[4] next", lines.get(2));
    }

    @Test
    void multiByteCharactersPassThroughUnchanged()
    {
        assertEquals(List.of("[4] Μυρμιδόνες ✓"), pump("Μυρμιδόνες ✓\n"));
    }

    @Test
    void emptyInputWritesNothing()
    {
        assertEquals(List.of(), pump(""));
    }

    private static List<String> pump(final String input)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final LineSink sink = new LineSink(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        new OutputPump(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), sink, "[4] ").run();
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
