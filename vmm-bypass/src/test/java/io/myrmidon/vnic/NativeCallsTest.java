package io.myrmidon.vnic;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.myrmidon.vnic.sys.EventFd;
import io.myrmidon.vnic.sys.FileDescriptors;
import io.myrmidon.vnic.sys.Futex;
import io.myrmidon.vnic.sys.NativeException;
import io.myrmidon.vnic.sys.SeqPacketSocket;
import io.myrmidon.vnic.sys.SharedMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Panama layer against the real kernel: memfd sharing, descriptor passing with SCM_RIGHTS, eventfd and futex
 * wake-ups, and errno in error messages.
 */
class NativeCallsTest
{
    @Test
    @Timeout(10)
    void memoryFilePassedOverTheSocketIsTheSameMemory() throws Exception
    {
        final Path dir = Files.createTempDirectory(Path.of("/tmp"), "myr-native-");
        final Path path = dir.resolve("s.sock");
        try (SeqPacketSocket listener = SeqPacketSocket.listen(path))
        {
            final CompletableFuture<SeqPacketSocket> accepted = CompletableFuture.supplyAsync(listener::accept);
            try (SeqPacketSocket client = SeqPacketSocket.connect(path))
            {
                final SeqPacketSocket server = accepted.get(5, TimeUnit.SECONDS);
                final int fd = SharedMemory.createMemFd("test", 8192);
                final MemorySegment mine = SharedMemory.map(fd, 8192);
                mine.set(ValueLayout.JAVA_LONG, 4096, 0x1122334455667788L);
                server.sendBuffer().set(ValueLayout.JAVA_INT, 0, 42);
                server.send(4, fd);

                final int[] fds = new int[SeqPacketSocket.MAX_FDS];
                assertEquals(4, client.receive(fds));
                assertEquals(42, client.receiveBuffer().get(ValueLayout.JAVA_INT, 0));
                assertNotEquals(-1, fds[0]);
                assertNotEquals(fd, fds[0]);
                assertEquals(8192, SharedMemory.sizeOf(fds[0]));
                assertTrue(SharedMemory.isSealedAgainstShrink(fds[0]), "memory handed out must be sealed");
                final MemorySegment theirs = SharedMemory.map(fds[0], 8192);
                assertEquals(0x1122334455667788L, theirs.get(ValueLayout.JAVA_LONG, 4096));
                theirs.set(ValueLayout.JAVA_LONG, 0, 7L);
                assertEquals(7L, mine.get(ValueLayout.JAVA_LONG, 0));

                SharedMemory.unmap(theirs);
                SharedMemory.unmap(mine);
                FileDescriptors.close(fds[0]);
                FileDescriptors.close(fd);

                server.close();
                assertEquals(-1, client.receive(fds), "end of stream when the peer closes");
            }
        }
        finally
        {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    @Timeout(10)
    void eventFdWakesAndTimesOut()
    {
        try (EventFd eventFd = EventFd.create())
        {
            assertFalse(eventFd.await(10));
            eventFd.signal();
            eventFd.signal();
            assertTrue(eventFd.await(1000));
            assertFalse(eventFd.await(10), "await resets the counter");
        }
    }

    @Test
    @Timeout(10)
    void futexWakesASleeperInAnotherThread() throws Exception
    {
        final int fd = SharedMemory.createMemFd("futex", 4096);
        final MemorySegment page = SharedMemory.map(fd, 4096);
        final MemorySegment word = page.asSlice(64, 4);
        try
        {
            final CompletableFuture<Long> slept = CompletableFuture.supplyAsync(() ->
            {
                try (Futex futex = new Futex())
                {
                    final long start = System.nanoTime();
                    while (word.get(ValueLayout.JAVA_INT, 0) == 0)
                    {
                        futex.await(word, 0, 5_000_000_000L);
                    }
                    return System.nanoTime() - start;
                }
            });
            Thread.sleep(50);
            word.set(ValueLayout.JAVA_INT, 0, 1);
            try (Futex futex = new Futex())
            {
                futex.wakeAll(word);
            }
            assertTrue(slept.get(5, TimeUnit.SECONDS) < 4_000_000_000L, "woken, not timed out");
        }
        finally
        {
            SharedMemory.unmap(page);
            FileDescriptors.close(fd);
        }
    }

    @Test
    void failuresCarryErrnoText()
    {
        final NativeException e = assertThrows(NativeException.class,
            () -> SeqPacketSocket.connect(Path.of("/tmp/no-such-dir-myrmidon/x.sock")));
        assertEquals(2, e.errno());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        assertTrue(e.getMessage().contains("host start"), "the message says what to do: " + e.getMessage());
        assertThrows(NativeException.class, () -> SharedMemory.map(-1, 4096));
    }
}
