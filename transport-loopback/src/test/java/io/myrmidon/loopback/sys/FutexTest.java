package io.myrmidon.loopback.sys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class FutexTest
{
    @Test
    void waitsForTheTimeoutReturnsAtOnceOnAChangedWordAndIsWoken() throws Exception
    {
        assertNull(Futex.unsupportedReason());
        try (Futex futex = new Futex(); Arena arena = Arena.ofShared())
        {
            final MemorySegment word = arena.allocate(JAVA_INT);
            word.set(JAVA_INT, 0, 7);

            long start = System.nanoTime();
            futex.await(word.address(), 7, TimeUnit.MILLISECONDS.toNanos(50));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(40), "slept for the timeout");

            start = System.nanoTime();
            futex.await(word.address(), 6, TimeUnit.SECONDS.toNanos(20));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the word differs: no sleep");

            final Thread waker = new Thread(() ->
            {
                try
                {
                    Thread.sleep(100);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                word.set(JAVA_INT, 0, 8);
                Futex.wake(word.address(), 1);
            });
            start = System.nanoTime();
            waker.start();
            while (word.get(JAVA_INT, 0) == 7 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20))
            {
                futex.await(word.address(), 7, TimeUnit.SECONDS.toNanos(20));
            }
            waker.join();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "woken, not timed out");
        }
    }
}
