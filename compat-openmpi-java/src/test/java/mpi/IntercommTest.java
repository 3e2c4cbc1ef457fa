package mpi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.IntBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inter-communicators as 4-rank threads jobs (and over {@code shm} in {@link ShmScenariosTest}):
 * groups of 2 + 2 and of 3 + 1 (with a leader that is not local rank 0 and interleaved world
 * ranks), point-to-point with remote ranks and wildcard sources, barrier and broadcast across the
 * groups, merge with both orderings, dup and compare, and the errors of the unsupported parts.
 */
@Timeout(60)
class IntercommTest
{
    @Test
    void twoPlusTwo()
    {
        MpiJob.run(4, IntercommTest::twoPlusTwo);
    }

    @Test
    void threePlusOne()
    {
        MpiJob.run(4, IntercommTest::threePlusOne);
    }

    /**
     * World ranks {0, 1} and {2, 3}; leaders are local rank 0 of each.
     */
    static void twoPlusTwo(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int me = world.getRank();
        final boolean lower = me < 2;
        final Intracomm local = world.split(lower ? 0 : 1, me);
        final Intercomm inter = world.createIntercomm(local, 0, lower ? 2 : 0, 77);
        assertTrue(inter.isInter());
        assertFalse(world.isInter());
        assertEquals(2, inter.getSize());
        assertEquals(me % 2, inter.getRank());
        assertEquals(2, inter.getRemoteSize());
        final int[] remoteWorld = lower ? new int[]{2, 3} : new int[]{0, 1};
        assertArrayEquals(remoteWorld, Group.translateRanks(inter.getRemoteGroup(), new int[]{0, 1},
            world.getGroup()));
        assertArrayEquals(lower ? new int[]{0, 1} : new int[]{2, 3}, Group.translateRanks(inter.getGroup(),
            new int[]{0, 1}, world.getGroup()));

        // point-to-point: local rank r talks to remote rank r; wildcard sources name remote ranks
        final int partner = inter.getRank();
        final int[] value = {me};
        final int[] got = new int[1];
        if (lower)
        {
            inter.send(value, 1, MPI.INT, partner, 5);
            final Status status = inter.recv(got, 1, MPI.INT, MPI.ANY_SOURCE, 6);
            assertEquals(partner, status.getSource(), "the source is a rank of the remote group");
            assertEquals(6, status.getTag());
        }
        else
        {
            final Status status = inter.recv(got, 1, MPI.INT, MPI.ANY_SOURCE, 5);
            assertEquals(partner, status.getSource());
            inter.send(value, 1, MPI.INT, partner, 6);
        }
        assertEquals(remoteWorld[partner], got[0]);
        final IntBuffer in = MPI.newIntBuffer(2);
        final IntBuffer out = MPI.newIntBuffer(2);
        out.put(0, me).put(1, 10 * me);
        final Request receive = inter.iRecv(in, 2, MPI.INT, 1 - partner, 9);
        final Request send = inter.iSend(out, 2, MPI.INT, 1 - partner, 9);
        final Status received = receive.waitStatus();
        send.waitFor();
        assertEquals(1 - partner, received.getSource());
        assertEquals(remoteWorld[1 - partner], in.get(0));
        assertEquals(10 * remoteWorld[1 - partner], in.get(1));
        final Status both = inter.sendRecv(value, 1, MPI.INT, partner, 3, got, 1, MPI.INT, partner, 3);
        assertEquals(partner, both.getSource());
        assertEquals(remoteWorld[partner], got[0]);

        // barrier and broadcast: world rank 1 (local rank 1 of the lower group) is the root
        inter.barrier();
        final int[] data = me == 1 ? new int[]{4, 5, 6} : new int[3];
        final int root = lower ? (me == 1 ? MPI.ROOT : MPI.PROC_NULL) : 1;
        inter.bcast(data, 3, MPI.INT, root);
        assertArrayEquals(me == 0 ? new int[3] : new int[]{4, 5, 6}, data, "PROC_NULL ranks receive nothing");
        inter.iBarrier().waitFor();

        // all-reduce and all-gather: each group gets the other group's data
        final long[] sums = new long[2];
        inter.allReduce(new long[]{me, 1}, sums, 2, MPI.LONG, MPI.SUM);
        assertArrayEquals(lower ? new long[]{5, 2} : new long[]{1, 2}, sums);
        final int[] pair = new int[4];
        inter.allGather(new int[]{me, -me}, 2, MPI.INT, pair, 2, MPI.INT);
        assertArrayEquals(lower ? new int[]{2, -2, 3, -3} : new int[]{0, 0, 1, -1}, pair);

        // dup and compare; the duplicate's traffic stays apart from the original's
        final Intercomm copy = inter.dup();
        assertEquals(MPI.IDENT, Comm.compare(inter, inter));
        assertEquals(MPI.CONGRUENT, Comm.compare(inter, copy));
        assertEquals(MPI.UNEQUAL, Comm.compare(inter, world));
        if (lower)
        {
            inter.send(new int[]{111}, 1, MPI.INT, partner, 1);
            copy.send(new int[]{222}, 1, MPI.INT, partner, 1);
        }
        else
        {
            copy.recv(got, 1, MPI.INT, partner, 1);
            assertEquals(222, got[0], "the duplicate's receive takes the duplicate's message");
            inter.recv(got, 1, MPI.INT, partner, 1);
            assertEquals(111, got[0]);
        }

        // merge: the group that passes high = false comes first
        final Intracomm lowerFirst = inter.merge(!lower);
        assertEquals(4, lowerFirst.getSize());
        assertEquals(me, lowerFirst.getRank());
        final Intracomm upperFirst = copy.merge(lower);
        assertEquals((me + 2) % 4, upperFirst.getRank());
        final int[] members = new int[4];
        upperFirst.allGather(new int[]{me}, 1, MPI.INT, members, 1, MPI.INT);
        assertArrayEquals(new int[]{2, 3, 0, 1}, members);
        final Intracomm sameFlag = inter.merge(true);
        assertEquals(me, sameFlag.getRank(), "equal flags: the group holding world rank 0 first");

        // what does not work says so
        inter.setErrhandler(MPI.ERRORS_RETURN);
        final MPIException badRank = assertThrows(MPIException.class,
            () -> inter.send(value, 1, MPI.INT, 2, 0));
        assertEquals(MPI.ERR_RANK, badRank.getErrorClass());
        assertTrue(badRank.getMessage().contains("remote group"), badRank.getMessage());
        final MPIException allToAll = assertThrows(MPIException.class,
            () -> inter.allToAll(value, 1, MPI.INT, got, 1, MPI.INT));
        assertEquals(MPI.ERR_UNSUPPORTED_OPERATION, allToAll.getErrorClass());
        assertTrue(allToAll.getMessage().startsWith("allToAll on an inter-communicator"), allToAll.getMessage());
        final MPIException badRoot = assertThrows(MPIException.class, () -> inter.bcast(data, 3, MPI.INT, 5));
        assertEquals(MPI.ERR_ROOT, badRoot.getErrorClass());

        sameFlag.free();
        upperFirst.free();
        lowerFirst.free();
        copy.free();
        inter.free();
        local.free();
        MPI.Finalize();
    }

    /**
     * World ranks {0, 2, 3} (leader: local rank 1, world rank 2) and {1}.
     */
    static void threePlusOne(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int me = world.getRank();
        final boolean big = me != 1;
        final Intracomm local = world.split(big ? 0 : 1, me);
        final Intercomm inter = world.createIntercomm(local, big ? 1 : 0, big ? 1 : 2, 5);
        assertEquals(big ? 3 : 1, inter.getSize());
        assertEquals(big ? 1 : 3, inter.getRemoteSize());
        final int[] got = new int[2];
        if (big)
        {
            final int[] mine = {me, inter.getRank()};
            inter.send(mine, 2, MPI.INT, 0, 4);
            final Status status = inter.recv(got, 2, MPI.INT, 0, 4);
            assertEquals(0, status.getSource());
            assertEquals(1, got[0]);
            assertEquals(100 + inter.getRank(), got[1]);
        }
        else
        {
            for (int i = 0; i < 3; i++)
            {
                final Status status = inter.recv(got, 2, MPI.INT, MPI.ANY_SOURCE, 4);
                assertEquals(got[1], status.getSource(), "the status names the sender's rank in its group");
                assertEquals(new int[]{0, 2, 3}[got[1]], got[0]);
            }
            for (int r = 0; r < 3; r++)
            {
                inter.send(new int[]{me, 100 + r}, 2, MPI.INT, r, 4);
            }
        }
        // the single process broadcasts to the three
        final double[] data = me == 1 ? new double[]{0.5, 1.5} : new double[2];
        inter.bcast(data, 2, MPI.DOUBLE, big ? 0 : MPI.ROOT);
        assertArrayEquals(new double[]{0.5, 1.5}, data);
        final Request barrier = inter.iBarrier();
        barrier.waitFor();
        // groups of different sizes: the three get one block, the one gets three
        final int[] blocks = new int[big ? 1 : 3];
        inter.allGather(new int[]{10 * me}, 1, MPI.INT, blocks, 1, MPI.INT);
        assertArrayEquals(big ? new int[]{10} : new int[]{0, 20, 30}, blocks);
        final double[] max = new double[1];
        inter.allReduce(new double[]{me * 1.5}, max, 1, MPI.DOUBLE, MPI.MAX);
        assertEquals(big ? 1.5 : 4.5, max[0]);

        // merge, the big group low: it comes first in its own order, then world rank 1
        final Intracomm merged = inter.merge(!big);
        final int[] order = new int[4];
        merged.allGather(new int[]{me}, 1, MPI.INT, order, 1, MPI.INT);
        assertArrayEquals(new int[]{0, 2, 3, 1}, order);
        // and the other way round
        final Intracomm reversed = inter.merge(big);
        reversed.allGather(new int[]{me}, 1, MPI.INT, order, 1, MPI.INT);
        assertArrayEquals(new int[]{1, 0, 2, 3}, order);
        final int[] sum = new int[1];
        reversed.allReduce(new int[]{me}, sum, 1, MPI.INT, MPI.SUM);
        assertEquals(6, sum[0]);

        reversed.free();
        merged.free();
        inter.free();
        local.free();
        MPI.Finalize();
    }
}
