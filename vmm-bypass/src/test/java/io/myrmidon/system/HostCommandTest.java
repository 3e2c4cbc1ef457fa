package io.myrmidon.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.myrmidon.vmm.tools.HostCommand;
import io.myrmidon.vmm.tools.HostDirectory;
import io.myrmidon.vmm.tools.JvmCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code host start}, {@code host stat} (from another process, with a guest attached) and {@code host stop}, as
 * separate processes the way {@code bin/myrmidon host ...} runs them.
 */
class HostCommandTest
{
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void startStatStop() throws Exception
    {
        final Path dir = Files.createTempDirectory(Path.of("/tmp"), "myr-cli-");
        try
        {
            final String started = host(dir, "start");
            assertTrue(started.startsWith("host started: pid "), started);
            assertTrue(host(dir, "start").startsWith("host already running"));
            try (Guest guest = new Guest(new HostFixtureView(dir), "MEDIATED"))
            {
                final String stat = host(dir, "stat");
                assertTrue(stat.contains("vmm_ops="), stat);
                assertTrue(stat.contains("\nvm " + guest.vm + " guest 1 8 1 1 "), stat);
                assertTrue(stat.contains("\nendpoint " + guest.endpoint + " " + guest.vm + " mediated open "), stat);
            }
            assertEquals("host stopped", host(dir, "stop").trim());
            assertFalse(new HostDirectory(dir).runningDaemon().isPresent());
            assertTrue(host(dir, "stat").isEmpty(), "stat without a daemon prints nothing on stdout");
        }
        finally
        {
            host(dir, "stop");
            try (var files = Files.list(dir))
            {
                for (final Path file : files.toList())
                {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String host(final Path dir, final String command) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(JvmCommand.of(HostCommand.class, command));
        builder.environment().put("MYRMIDON_HOST_DIR", dir.toString());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        final Process process = builder.start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
