package io.myrmidon.launch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad command lines are refused with exit status 2 and a message that says what is wrong, before
 * any rank starts.
 */
class LauncherArgumentsTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void zeroRanksIsRefused()
    {
        assertEquals(Launcher.BAD_ARGUMENTS, run("run", "-n", "0", "test-gather"));
        assertTrue(err().contains("myrmidon run: -n must be at least 1 (it is the number of ranks to start), but is 0"), err());
        assertTrue(err().contains("Try 'bin/myrmidon run --help'"), err());
    }

    @Test
    void aMissingRankCountIsRefused()
    {
        assertEquals(Launcher.BAD_ARGUMENTS, run("run", "test-gather"));
        assertTrue(err().contains("Missing required option: '--ranks=N'"), err());
    }

    @Test
    void anUnknownTargetListsTheKnownExamples()
    {
        assertEquals(Launcher.BAD_ARGUMENTS, run("run", "-n", "2", "ping-pang"));
        assertTrue(err().contains("unknown target 'ping-pang': it is neither an example (known examples: test-gather)"),
            err());
    }

    @Test
    void anAbsentMainClassIsRefused()
    {
        assertEquals(Launcher.BAD_ARGUMENTS, run("run", "-n", "2", "org.example.Absent"));
        assertTrue(err().contains("unknown target 'org.example.Absent': no class org.example.Absent on the class " +
            "path; pass its jar or directory with --classpath (known examples: test-gather)"), err());
    }

    @Test
    void aClassWithoutMainIsRefused()
    {
        assertEquals(Launcher.BAD_ARGUMENTS, run("run", "-n", "2", NoMain.class.getName()));
        assertTrue(err().contains(NoMain.class.getName() + " has no main method"), err());
    }

    @Test
    void aMalformedTransportNameIsRefused()
    {
        assertEquals(Launcher.BAD_ARGUMENTS, run("run", "-n", "2", "--transport", "../shm", "test-gather"));
        assertTrue(err().contains("--transport must be a transport's name"), err());
    }

    @Test
    void optionsAfterTheTargetBelongToTheTarget()
    {
        assertEquals(Launcher.BAD_ARGUMENTS, run("run", "-n", "0", "test-gather", "--frobnicate"));
        assertTrue(err().contains("-n must be at least 1"), err());
        assertTrue(!err().contains("frobnicate"), err());
    }

    @Test
    void helpShowsTheRunUsage()
    {
        assertEquals(0, run("run", "--help"));
        final String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("Usage: myrmidon run"), usage);
        assertTrue(usage.contains("--transport=NAME"), usage);
    }

    @Test
    void moreHostsThanRanksIsRefused()
    {
        assertEquals(Launcher.BAD_ARGUMENTS, run("run", "-n", "2", "--hosts", "3", "test-gather"));
        assertTrue(err().contains("--hosts must be 1..2 (every host runs at least one rank), not 3"), err());
    }

    @Test
    void hostsWithThreadsIsRefused()
    {
        assertEquals(Launcher.BAD_ARGUMENTS, run("run", "-n", "2", "--hosts", "2", "--transport", "threads",
            "test-gather"));
        assertTrue(err().contains("cannot run threads of one JVM on several hosts"), err());
    }

    @Test
    void hostsWithATransportThatStaysOnOneHostFailsBeforeAnyRankStarts()
    {
        assertEquals(1, run("run", "-n", "2", "--hosts", "2", "--transport", "shm", "test-gather"));
        assertTrue(err().contains("--hosts 2 needs a transport that links hosts (myrinet)"), err());
    }

    private int run(final String... args)
    {
        return Launcher.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
