package io.myrmidon.testing;

import io.myrmidon.Communicator;
import io.myrmidon.ErrorClass;
import io.myrmidon.Myrmidon;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Request;
import io.myrmidon.Status;
import org.agrona.MutableDirectBuffer;

/**
 * A rank program (2 ranks) for the semantics that span processes: truncation writes nothing
 * outside the buffer (eager and rendezvous), a synchronous send completes only after the
 * receive was posted, probe agrees with the receive. Prints {@code semantics ok}.
 */
public final class SemanticsRank
{
    public static void main(final String[] args)
    {
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            final Communicator world = mpi.world();
            final int big = 4 * mpi.eagerLimit() + 100;
            final MutableDirectBuffer buffer = mpi.allocate(big);
            final Status status = new Status();
            if (world.rank() == 0)
            {
                // truncation: one eager, one rendezvous
                for (final int length : new int[]{ 100, big })
                {
                    Patterns.fill(buffer, 0, length, length);
                    world.send(buffer, 0, length, 1, 1);
                }
                // ssend: rank 1 sends a notice, then posts the receive; the ssend completes after the
                // receive matched, so the notice (sent before) must be here by then
                for (final int length : new int[]{ 8, big })
                {
                    final Request ssend = world.iSsend(buffer, 0, length, 1, 2);
                    ssend.waitFor();
                    if (!world.iProbe(1, 3, null))
                    {
                        throw new AssertionError("ssend of " + length + " bytes completed before the receive was posted");
                    }
                    world.recv(buffer, 0, 0, 1, 3);
                }
                // probe agrees with receive
                world.probe(Communicator.ANY_SOURCE, Communicator.ANY_TAG, status);
                final int probed = status.count();
                final int tag = status.tag();
                final int got = world.recv(buffer, 0, big, Communicator.ANY_SOURCE, Communicator.ANY_TAG, status);
                if (got != probed || status.tag() != tag || status.source() != 1)
                {
                    throw new AssertionError("probe said " + probed + "/" + tag + ", receive got " + got + "/" + status.tag());
                }
                Patterns.check(buffer, 0, got, 77);
            }
            else
            {
                final MutableDirectBuffer small = mpi.allocate(512);
                for (final int length : new int[]{ 100, big })
                {
                    small.setMemory(0, 512, (byte)0x5A);
                    try
                    {
                        world.recv(small, 128, 64, 0, 1, status);
                        throw new AssertionError("a message of " + length + " bytes fit 64 bytes");
                    }
                    catch (final MyrmidonException ex)
                    {
                        if (ex.errorClass() != ErrorClass.TRUNCATE || status.count() != length)
                        {
                            throw new AssertionError("expected TRUNCATE with count " + length + ": " + ex + " " + status);
                        }
                    }
                    for (int i = 0; i < 512; i++)
                    {
                        if (small.getByte(i) != 0x5A)
                        {
                            throw new AssertionError("truncated receive wrote byte " + i);
                        }
                    }
                }
                for (final int length : new int[]{ 8, big })
                {
                    Thread.sleep(50);
                    world.send(small, 0, 0, 0, 3);
                    world.recv(buffer, 0, length, 0, 2);
                }
                Patterns.fill(buffer, 0, 3000, 77);
                world.send(buffer, 0, 3000, 0, 5);
            }
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
        System.out.println("semantics ok");
    }
}
