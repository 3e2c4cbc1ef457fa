package io.myrmidon.launch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitStatusTest
{
    @Test
    void anOrdinaryExitIsDescribedByItsStatus()
    {
        final ExitStatus status = new ExitStatus(3);
        assertFalse(status.signalled());
        assertEquals(0, status.signal());
        assertEquals("exited with status 3", status.describe());
    }

    @Test
    void aSignalIsNamed()
    {
        assertTrue(new ExitStatus(137).signalled());
        assertEquals("was killed by signal 9 (SIGKILL)", new ExitStatus(137).describe());
        assertEquals("was killed by signal 15 (SIGTERM)", new ExitStatus(143).describe());
        assertEquals("was killed by signal 11 (SIGSEGV)", new ExitStatus(139).describe());
        assertEquals("was killed by signal 40 (SIGRT40)", new ExitStatus(168).describe());
    }

    @Test
    void statusesOutsideTheSignalRangeAreExits()
    {
        assertEquals("exited with status 128", new ExitStatus(128).describe());
        assertEquals("exited with status 255", new ExitStatus(255).describe());
    }
}
