package io.myrmidon.myrinet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.myrmidon.vnic.sys.Futex;

/**
 * Until the JIT has compiled the futex downcall, every wait allocates a little (40 bytes measured, in the
 * method-handle chain of the interpreted call), and ranks wait often enough for that to show in steady state
 * but too seldom for the JIT to compile it soon. So before the first rank of this JVM uses its endpoint, call
 * the same code path many times on a scratch word whose value differs from the expected one: the kernel returns
 * EAGAIN at once, so 20000 calls cost a few milliseconds. Once per JVM; thread safe.
 */
final class FutexWarmUp
{
    private static final int CALLS = 20_000;
    private static boolean done;

    private FutexWarmUp()
    {
    }

    static synchronized void once()
    {
        if (done)
        {
            return;
        }
        done = true;
        try (Arena arena = Arena.ofConfined(); Futex futex = new Futex())
        {
            final MemorySegment word = arena.allocate(ValueLayout.JAVA_INT);
            word.set(ValueLayout.JAVA_INT, 0, 1);
            for (int i = 0; i < CALLS; i++)
            {
                futex.await(word, 0, 1_000_000L); // value 1 != expected 0: EAGAIN, no sleep
            }
        }
    }
}
