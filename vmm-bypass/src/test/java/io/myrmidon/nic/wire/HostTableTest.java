package io.myrmidon.nic.wire;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostTableTest
{
    @Test
    void nicIdsAreTablePositionsAndTheTableRoundTrips()
    {
        final HostTable table = HostTable.parse("h0=10.77.0.1:7000, h1=10.77.0.2:7001");
        assertEquals(2, table.size());
        assertEquals(0, table.host("h0").nicId());
        assertEquals(1, table.host("h1").nicId());
        assertEquals(7001, table.byNicId(1).port());
        assertEquals(10 << 24 | 77 << 16 | 2, table.byNicId(1).ip());
        assertNull(table.byNicId(2));
        assertEquals(table.toString(), HostTable.parse(table.toString()).toString());
    }

    @Test
    void readsAFileWithCommentsAndOneHostPerLine() throws Exception
    {
        final Path file = Files.createTempFile("hosts", ".txt");
        try
        {
            Files.writeString(file, "# the cluster\nalpha=127.0.0.2:7000\n\nbeta=127.0.0.3:7000  # second\n");
            final HostTable table = HostTable.parse(file.toString());
            assertEquals(1, table.host("beta").nicId());
        }
        finally
        {
            Files.delete(file);
        }
    }

    @Test
    void badEntriesSayWhatIsWrong()
    {
        assertMessage("must be name=address:port", "h0=10.77.0.1");
        assertMessage("port must be 1..65535", "h0=10.77.0.1:70000");
        assertMessage("appears twice", "h0=10.77.0.1:7000,h0=10.77.0.2:7000");
        assertMessage("share the address", "h0=10.77.0.1:7000,h1=10.77.0.1:7000");
        assertMessage("is empty", " ");
        assertMessage("not in the host table", "h0=10.77.0.1:7000", "h9");
    }

    private static void assertMessage(final String expected, final String table)
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostTable.parse(table));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertMessage(final String expected, final String table, final String host)
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HostTable.parse(table).host(host));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
