package io.myrmidon.loopback.sys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(30)
class ProcessMemoryTest
{
    @Test
    void copiesFromThisProcessAndReportsErrnoOtherwise() throws Exception
    {
        try (ProcessMemory memory = new ProcessMemory(); Arena arena = Arena.ofConfined())
        {
            assertNull(memory.selfTest(), "Cross Memory Attach is expected to work on the build machine");

            final int length = 3 * 4096 + 123;
            final MemorySegment source = arena.allocate(length, 64);
            final MemorySegment target = arena.allocate(length, 64);
            for (int i = 0; i < length; i++)
            {
                source.set(JAVA_BYTE, i, (byte)(i ^ (i >>> 9)));
            }
            final long self = ProcessHandle.current().pid();
            assertEquals(length, memory.read(self, source.address(), target.address(), length));
            assertEquals(-1, source.mismatch(target));

            assertEquals(-ProcessMemory.EFAULT, memory.read(self, 8, target.address(), 16), "unmapped remote address");

            final Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            assertEquals(-ProcessMemory.ESRCH, memory.read(gone.pid(), source.address(), target.address(), 16));
        }
    }
}
