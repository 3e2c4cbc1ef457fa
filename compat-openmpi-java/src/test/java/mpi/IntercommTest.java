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
 * Inter-communicators as threads jobs of 4 and 5 ranks (and over {@code shm} in
 * {@link ShmScenariosTest}): groups of 2 + 2, 3 + 1 (with a leader that is not local rank 0 and
 * interleaved world ranks) and 3 + 2, point-to-point with remote ranks and wildcard sources, every
 * collective across the groups, blocking and non-blocking (these also in flight together, and
 * beside point-to-point traffic that a process blocks in), merge with both orderings, dup and
 * compare, blocks of the wrong length ({@code ERR_TRUNCATE}), and the errors of the in-place
 * forms and of the unsupported parts.
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

    @Test
    void collectivesAcrossThreePlusTwo()
    {
        MpiJob.run(5, IntercommTest::collectivesAcrossThreePlusTwo);
    }

    @Test
    void nonBlockingCollectivesAcrossThreePlusTwo()
    {
        MpiJob.run(5, IntercommTest::nonBlockingCollectivesAcrossThreePlusTwo);
    }

    @Test
    void nonBlockingBcastOverlapsPointToPoint()
    {
        MpiJob.run(5, IntercommTest::nonBlockingBcastOverlapsPointToPoint);
    }

    @Test
    void blocksOfTheWrongLengthFailWithErrTruncate()
    {
        MpiJob.run(5, IntercommTest::blocksOfTheWrongLengthFailWithErrTruncate);
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

        // all-to-allw: one int for each remote rank i, sent from byte 8 * i (a gap between blocks)
        // and received at byte 4 * (1 - i) (reversed), with a different datatype per block
        final Datatype oneInt = Datatype.createContiguous(1, MPI.INT);
        oneInt.commit();
        final Datatype[] types = {MPI.INT, oneInt};
        final IntBuffer sendW = MPI.newIntBuffer(4);
        for (int i = 0; i < 2; i++)
        {
            sendW.put(2 * i, 10 * me + i);
        }
        final IntBuffer recvW = MPI.newIntBuffer(2);
        inter.allToAllw(sendW, new int[]{1, 1}, new int[]{0, 8}, types, recvW, new int[]{1, 1}, new int[]{4, 0},
            types);
        final int mine = inter.getRank();
        assertEquals(10 * remoteWorld[0] + mine, recvW.get(1), "remote rank 0's block lands at byte 4");
        assertEquals(10 * remoteWorld[1] + mine, recvW.get(0), "remote rank 1's block lands at byte 0");
        final IntBuffer recvNonBlocking = MPI.newIntBuffer(2);
        inter.iAllToAllw(sendW, new int[]{1, 1}, new int[]{0, 8}, types, recvNonBlocking, new int[]{1, 1},
            new int[]{0, 4}, types).waitFor();
        assertEquals(10 * remoteWorld[0] + mine, recvNonBlocking.get(0));
        assertEquals(10 * remoteWorld[1] + mine, recvNonBlocking.get(1));
        oneInt.free();

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
        final MPIException shortTypes = assertThrows(MPIException.class,
            () -> inter.allToAllw(MPI.newIntBuffer(2), new int[]{1, 1}, new int[]{0, 4}, new Datatype[]{MPI.INT},
                MPI.newIntBuffer(2), new int[]{1, 1}, new int[]{0, 4}, new Datatype[]{MPI.INT, MPI.INT}));
        assertEquals(MPI.ERR_ARG, shortTypes.getErrorClass());
        assertTrue(shortTypes.getMessage().contains("sendTypes needs one datatype per process of the remote group"),
            shortTypes.getMessage());
        final MPIException neighbours = assertThrows(MPIException.class,
            () -> inter.neighborAllGather(new int[1], 1, MPI.INT, new int[2], 1, MPI.INT));
        assertEquals(MPI.ERR_TOPOLOGY, neighbours.getErrorClass());
        assertTrue(neighbours.getMessage().startsWith("neighborAllGather on an inter-communicator"),
            neighbours.getMessage());
        final MPIException inPlace = assertThrows(MPIException.class,
            () -> inter.allReduce(new int[1], 1, MPI.INT, MPI.SUM));
        assertEquals(MPI.ERR_ARG, inPlace.getErrorClass());
        assertTrue(inPlace.getMessage().startsWith("allReduce in place"), inPlace.getMessage());
        assertTrue(inPlace.getMessage().contains("MPI does not allow MPI_IN_PLACE on inter-communicators"),
            inPlace.getMessage());
        final MPIException inPlaceNonBlocking = assertThrows(MPIException.class,
            () -> inter.iReduceScatterBlock(MPI.newIntBuffer(2), 1, MPI.INT, MPI.SUM));
        assertEquals(MPI.ERR_ARG, inPlaceNonBlocking.getErrorClass());
        assertTrue(inPlaceNonBlocking.getMessage().startsWith("iReduceScatterBlock in place"),
            inPlaceNonBlocking.getMessage());
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
     * The rooted, vector, all-to-all and reduce-scatter collectives across groups A = world ranks
     * {0, 1, 2} and B = {3, 4}, with roots in both groups and vectors in unordered displacements.
     */
    static void collectivesAcrossThreePlusTwo(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int me = world.getRank();
        final boolean inA = me < 3;
        final Intracomm local = world.split(inA ? 0 : 1, me);
        final Intercomm inter = world.createIntercomm(local, 0, inA ? 3 : 0, 31);
        final int r = inter.getRank();

        // reduce to A's rank 1 (B's inputs), then to B's rank 1 (A's inputs)
        final long[] sum = {-1, -1};
        inter.reduce(new long[]{me, 1}, sum, 2, MPI.LONG, MPI.SUM, inA ? (r == 1 ? MPI.ROOT : MPI.PROC_NULL) : 1);
        assertArrayEquals(inA && r == 1 ? new long[]{7, 2} : new long[]{-1, -1}, sum);
        final int[] max = {-1};
        inter.reduce(new int[]{10 * me}, max, 1, MPI.INT, MPI.MAX, inA ? 1 : (r == 1 ? MPI.ROOT : MPI.PROC_NULL));
        assertEquals(!inA && r == 1 ? 20 : -1, max[0]);

        // gather to A's rank 0: one block of two from each of B
        final int[] gathered = new int[4];
        inter.gather(new int[]{me, me * me}, 2, MPI.INT, gathered, 2, MPI.INT,
            inA ? (r == 0 ? MPI.ROOT : MPI.PROC_NULL) : 0);
        assertArrayEquals(inA && r == 0 ? new int[]{3, 9, 4, 16} : new int[4], gathered);

        // gatherv to B's rank 0: A's rank a sends a + 1 copies of its world rank
        final int[] varied = new int[6];
        if (inA)
        {
            final int[] mine = new int[r + 1];
            java.util.Arrays.fill(mine, me);
            inter.gatherv(mine, r + 1, MPI.INT, 0);
        }
        else
        {
            inter.gatherv(new int[0], 0, MPI.INT, varied, new int[]{1, 2, 3}, new int[]{5, 3, 0}, MPI.INT,
                r == 0 ? MPI.ROOT : MPI.PROC_NULL);
        }
        assertArrayEquals(!inA && r == 0 ? new int[]{2, 2, 2, 1, 1, 0} : new int[6], varied);

        // scatter from A's rank 2: B's rank b gets doubles 2b and 2b + 1
        final double[] part = new double[2];
        inter.scatter(new double[]{1.5, 2.5, 3.5, 4.5}, 2, MPI.DOUBLE, part, 2, MPI.DOUBLE,
            inA ? (r == 2 ? MPI.ROOT : MPI.PROC_NULL) : 2);
        assertArrayEquals(inA ? new double[2] : new double[]{1.5 + 2 * r, 2.5 + 2 * r}, part);

        // scatterv from B's rank 1: A's ranks get 2, 0 and 1 elements
        final int[] scattered = {-1, -1};
        if (inA)
        {
            inter.scatterv(scattered, new int[]{2, 0, 1}[r], MPI.INT, 1);
            assertArrayEquals(new int[][]{{8, 9}, {-1, -1}, {7, -1}}[r], scattered);
        }
        else
        {
            inter.scatterv(new int[]{7, 8, 9}, new int[]{2, 0, 1}, new int[]{1, 0, 0}, MPI.INT, scattered, 0,
                MPI.INT, r == 1 ? MPI.ROOT : MPI.PROC_NULL);
        }

        // all-gatherv: A's processes send one int, B's two; each group gets the other's
        final int[] all = new int[inA ? 4 : 3];
        if (inA)
        {
            inter.allGatherv(new int[]{me}, 1, MPI.INT, all, new int[]{2, 2}, new int[]{2, 0}, MPI.INT);
            assertArrayEquals(new int[]{4, 4, 3, 3}, all);
        }
        else
        {
            inter.allGatherv(new int[]{me, me}, 2, MPI.INT, all, new int[]{1, 1, 1}, new int[]{0, 1, 2}, MPI.INT);
            assertArrayEquals(new int[]{0, 1, 2}, all);
        }

        // all-to-all: block i goes to remote rank i
        final int remote = inter.getRemoteSize();
        final int[] blocks = new int[remote];
        for (int i = 0; i < remote; i++)
        {
            blocks[i] = 10 * me + i;
        }
        final int[] swapped = new int[remote];
        inter.allToAll(blocks, 1, MPI.INT, swapped, 1, MPI.INT);
        assertArrayEquals(inA ? new int[]{30 + r, 40 + r} : new int[]{r, 10 + r, 20 + r}, swapped);

        // all-to-allv: A's rank sends 1 int to B's rank 0 and 2 to B's rank 1; B's ranks send 1 to each
        if (inA)
        {
            final int[] in = new int[2];
            inter.allToAllv(new int[]{me, me + 100, me + 200}, new int[]{1, 2}, new int[]{0, 1}, MPI.INT,
                in, new int[]{1, 1}, new int[]{1, 0}, MPI.INT);
            assertArrayEquals(new int[]{40 + r, 30 + r}, in);
        }
        else
        {
            final int n = r + 1;
            final int[] in = new int[3 * n];
            inter.allToAllv(new int[]{10 * me, 10 * me + 1, 10 * me + 2}, new int[]{1, 1, 1}, new int[]{0, 1, 2},
                MPI.INT, in, new int[]{n, n, n}, new int[]{0, n, 2 * n}, MPI.INT);
            assertArrayEquals(r == 0 ? new int[]{0, 1, 2} : new int[]{100, 200, 101, 201, 102, 202}, in);
        }

        // reduce-scatter-block: 6 elements in each group (A: 3 x 2, B: 2 x 3)
        final long[] vector = new long[6];
        for (int k = 0; k < 6; k++)
        {
            vector[k] = me + k;
        }
        final long[] share = new long[inA ? 2 : 3];
        inter.reduceScatterBlock(vector, share, inA ? 2 : 3, MPI.LONG, MPI.SUM);
        assertArrayEquals(inA ? new long[]{7 + 4L * r, 9 + 4L * r} : new long[]{3 + 9L * r, 6 + 9L * r, 9 + 9L * r},
            share);

        // reduce-scatter with uneven counts (A: 1, 2, 3; B: 4, 2) and MAX
        final int[] tens = new int[6];
        for (int k = 0; k < 6; k++)
        {
            tens[k] = 10 * me + k;
        }
        final int[] counts = inA ? new int[]{1, 2, 3} : new int[]{4, 2};
        final int[] mineOfMax = new int[counts[r]];
        inter.reduceScatter(tens, mineOfMax, counts, MPI.INT, MPI.MAX);
        final int first = inA ? 40 + new int[]{0, 1, 3}[r] : 20 + 4 * r;
        for (int k = 0; k < counts[r]; k++)
        {
            assertEquals(first + k, mineOfMax[k], "element " + k);
        }

        // non-blocking forms: an all-to-all and a scatterv from A's rank 0 in flight together
        final java.nio.IntBuffer sendBlocks = MPI.newIntBuffer(remote);
        for (int i = 0; i < remote; i++)
        {
            sendBlocks.put(i, 1000 * me + i);
        }
        final java.nio.IntBuffer received = MPI.newIntBuffer(remote);
        final Request allToAllRequest = inter.iAllToAll(sendBlocks, 1, MPI.INT, received, 1, MPI.INT);
        final java.nio.IntBuffer piece = MPI.newIntBuffer(2);
        final Request scatterRequest = inA ?
            inter.iScatterv(java.nio.IntBuffer.wrap(new int[]{5, 6, 7}), new int[]{1, 2}, new int[]{2, 0}, MPI.INT,
                piece, 0, MPI.INT, r == 0 ? MPI.ROOT : MPI.PROC_NULL) :
            inter.iScatterv(piece, r + 1, MPI.INT, 0);
        Request.waitAll(new Request[]{scatterRequest, allToAllRequest});
        for (int i = 0; i < remote; i++)
        {
            assertEquals(1000 * (inA ? 3 + i : i) + r, received.get(i), "block from remote rank " + i);
        }
        if (!inA)
        {
            assertEquals(r == 0 ? 7 : 5, piece.get(0));
            assertEquals(r == 0 ? 0 : 6, piece.get(1));
        }
        final java.nio.IntBuffer gatheredAtB = MPI.newIntBuffer(3);
        final Request gatherRequest = inA ? inter.iGather(java.nio.IntBuffer.wrap(new int[]{me + 50}), 1, MPI.INT,
            MPI.newIntBuffer(1), 1, MPI.INT, 1) :
            inter.iGather(MPI.newIntBuffer(1), 0, MPI.INT, gatheredAtB, 1, MPI.INT, r == 1 ? MPI.ROOT : MPI.PROC_NULL);
        gatherRequest.waitFor();
        if (!inA && r == 1)
        {
            assertEquals(50, gatheredAtB.get(0));
            assertEquals(51, gatheredAtB.get(1));
            assertEquals(52, gatheredAtB.get(2));
        }

        // a root that is not a remote rank
        inter.setErrhandler(MPI.ERRORS_RETURN);
        final MPIException badRoot = assertThrows(MPIException.class,
            () -> inter.gather(new int[1], 1, MPI.INT, new int[8], 1, MPI.INT, 7));
        assertEquals(MPI.ERR_ROOT, badRoot.getErrorClass());

        inter.free();
        local.free();
        MPI.Finalize();
    }

    /**
     * Every non-blocking collective that forwards nothing through a group's rank 0 (broadcast,
     * reduce, all-reduce with a predefined and a non-commutative user operation, all-gather,
     * reduce-scatter with equal and uneven blocks) across A = world ranks {0, 1, 2} and
     * B = {3, 4}, all in flight together.
     */
    static void nonBlockingCollectivesAcrossThreePlusTwo(final String[] args) throws Exception
    {
        final Intercomm inter = threePlusTwo(args);
        final int me = MPI.COMM_WORLD.getRank();
        final boolean inA = me < 3;
        final int r = inter.getRank();

        // broadcasts from A's rank 1 (ints) and from B's rank 1 (doubles), sentinels at PROC_NULL ranks
        final IntBuffer fromA = MPI.newIntBuffer(3);
        fill(fromA, me == 1 ? new int[]{7, 8, 9} : new int[]{-1, -1, -1});
        final Request bcastFromA = inter.iBcast(fromA, 3, MPI.INT, inA ? (r == 1 ? MPI.ROOT : MPI.PROC_NULL) : 1);
        final java.nio.DoubleBuffer fromB = java.nio.DoubleBuffer.wrap(me == 4 ? new double[]{0.25, 0.5} :
            new double[]{-1, -1});
        final Request bcastFromB = inter.iBcast(fromB, 2, MPI.DOUBLE, inA ? 1 : (r == 1 ? MPI.ROOT : MPI.PROC_NULL));

        // reduce of A's inputs to B's rank 0
        final java.nio.LongBuffer sum = MPI.newLongBuffer(3);
        fill(sum, -1, -1, -1);
        final Request reduce = inter.iReduce(MPI.newLongBuffer(3).put(0, me).put(1, 1).put(2, 10L * me), sum, 3,
            MPI.LONG, MPI.SUM, inA ? 0 : (r == 0 ? MPI.ROOT : MPI.PROC_NULL));

        // all-reduces: each group gets the other's; a product of matrices that do not commute shows
        // the fold's order
        final java.nio.DoubleBuffer sums = MPI.newDoubleBuffer(1);
        final Request allReduce = inter.iAllReduce(MPI.newDoubleBuffer(1).put(0, 1.5 * me), sums, 1, MPI.DOUBLE,
            MPI.SUM);
        final Op product = NonBlockingCollectivesTest.matrixProduct();
        final Datatype matrixType = Datatype.createContiguous(4, MPI.INT);
        matrixType.commit();
        final IntBuffer ordered = MPI.newIntBuffer(4);
        final Request userAllReduce = inter.iAllReduce(IntBuffer.wrap(matrix(me)), ordered, 1, matrixType, product);

        // all-gather: A's processes send one int, B's two
        final IntBuffer gathered = MPI.newIntBuffer(inA ? 4 : 3);
        final Request allGather = inA ?
            inter.iAllGather(IntBuffer.wrap(new int[]{me}), 1, MPI.INT, gathered, 2, MPI.INT) :
            inter.iAllGather(IntBuffer.wrap(new int[]{me, -me}), 2, MPI.INT, gathered, 1, MPI.INT);

        // reduce-scatter-block: 6 elements in each group (A: 3 x 2, B: 2 x 3)
        final java.nio.LongBuffer vector = MPI.newLongBuffer(6);
        for (int k = 0; k < 6; k++)
        {
            vector.put(k, me + k);
        }
        final java.nio.LongBuffer share = MPI.newLongBuffer(inA ? 2 : 3);
        final Request reduceScatterBlock = inter.iReduceScatterBlock(vector, share, inA ? 2 : 3, MPI.LONG, MPI.SUM);

        // reduce-scatter with uneven counts (A: 1, 2, 3; B: 4, 2) and MAX
        final IntBuffer tens = MPI.newIntBuffer(6);
        for (int k = 0; k < 6; k++)
        {
            tens.put(k, 10 * me + k);
        }
        final int[] counts = inA ? new int[]{1, 2, 3} : new int[]{4, 2};
        final IntBuffer mineOfMax = MPI.newIntBuffer(counts[r]);
        final Request reduceScatter = inter.iReduceScatter(tens, mineOfMax, counts, MPI.INT, MPI.MAX);

        while (!allGather.test())
        {
            Thread.onSpinWait();
        }
        Request.waitAll(new Request[]{bcastFromA, bcastFromB, reduce, allReduce, userAllReduce, reduceScatterBlock,
            reduceScatter});

        assertArrayEquals(me == 0 || me == 2 ? new int[]{-1, -1, -1} : new int[]{7, 8, 9}, contents(fromA),
            "PROC_NULL ranks receive nothing");
        assertArrayEquals(inA ? new double[]{0.25, 0.5} : me == 4 ? new double[]{0.25, 0.5} : new double[]{-1, -1},
            fromB.array());
        assertArrayEquals(!inA && r == 0 ? new long[]{3, 3, 30} : new long[]{-1, -1, -1},
            new long[]{sum.get(0), sum.get(1), sum.get(2)});
        assertEquals(inA ? 10.5 : 4.5, sums.get(0));
        final int[] inRankOrder = inA ? NonBlockingCollectivesTest.multiply(matrix(3), matrix(4)) :
            NonBlockingCollectivesTest.multiply(NonBlockingCollectivesTest.multiply(matrix(0), matrix(1)), matrix(2));
        assertArrayEquals(inRankOrder, contents(ordered), "folded in the remote group's rank order");
        assertArrayEquals(inA ? new int[]{3, -3, 4, -4} : new int[]{0, 1, 2}, contents(gathered));
        assertArrayEquals(inA ? new long[]{7 + 4L * r, 9 + 4L * r} : new long[]{3 + 9L * r, 6 + 9L * r, 9 + 9L * r},
            inA ? new long[]{share.get(0), share.get(1)} : new long[]{share.get(0), share.get(1), share.get(2)});
        final int first = inA ? 40 + new int[]{0, 1, 3}[r] : 20 + 4 * r;
        for (int k = 0; k < counts[r]; k++)
        {
            assertEquals(first + k, mineOfMax.get(k), "element " + k);
        }

        matrixType.free();
        product.free();
        inter.free();
        MPI.Finalize();
    }

    /**
     * A non-blocking broadcast in flight while its processes exchange point-to-point messages
     * across the groups (A = world ranks {0, 1, 2}, B = {3, 4}): the call returns at once, and
     * completes whatever the group's other processes are blocked in meanwhile.
     */
    static void nonBlockingBcastOverlapsPointToPoint(final String[] args) throws Exception
    {
        final Intercomm inter = threePlusTwo(args);
        final int me = MPI.COMM_WORLD.getRank();
        final boolean inA = me < 3;
        final int r = inter.getRank();
        final int[] got = new int[1];

        // B posts, then sends to A's rank 0, which takes both messages before it posts as the root
        final IntBuffer data = MPI.newIntBuffer(2);
        if (inA)
        {
            if (r == 0)
            {
                final int senders = inter.recv(got, 1, MPI.INT, MPI.ANY_SOURCE, 1).getSource() +
                    inter.recv(got, 1, MPI.INT, MPI.ANY_SOURCE, 1).getSource();
                assertEquals(1, senders, "both of B's processes sent before A's rank 0 broadcast");
                data.put(0, 41).put(1, 42);
            }
            inter.iBcast(data, 2, MPI.INT, r == 0 ? MPI.ROOT : MPI.PROC_NULL).waitFor();
        }
        else
        {
            final Request pending = inter.iBcast(data, 2, MPI.INT, 0);
            assertFalse(pending.test(), "the root has not broadcast yet: it waits for this process's message");
            inter.send(new int[]{me}, 1, MPI.INT, 0, 1);
            pending.waitFor();
            assertEquals(41, data.get(0));
            assertEquals(42, data.get(1));
        }

        // B's rank 0 blocks in a receive that A's rank 2 sends only once B's rank 1 has the data:
        // nothing may wait for B's rank 0 to forward it
        final IntBuffer more = MPI.newIntBuffer(1);
        if (inA)
        {
            final Request bcast = inter.iBcast(more.put(0, me == 1 ? 99 : -1), 1, MPI.INT,
                r == 1 ? MPI.ROOT : MPI.PROC_NULL);
            if (r == 2)
            {
                inter.recv(got, 1, MPI.INT, 1, 2);
                assertEquals(99, got[0], "B's rank 1 had the broadcast");
                inter.send(new int[]{got[0] + 1}, 1, MPI.INT, 0, 2);
            }
            bcast.waitFor();
        }
        else
        {
            final Request bcast = inter.iBcast(more, 1, MPI.INT, 1);
            if (r == 0)
            {
                inter.recv(got, 1, MPI.INT, 2, 2);
                assertEquals(100, got[0]);
                bcast.waitFor();
            }
            else
            {
                bcast.waitFor();
                inter.send(new int[]{more.get(0)}, 1, MPI.INT, 2, 2);
            }
            assertEquals(99, more.get(0));
        }

        inter.free();
        MPI.Finalize();
    }

    /**
     * A block longer or shorter than the receiving side expects fails the non-blocking forms with
     * ERR_TRUNCATE under ERRORS_RETURN, in wait and in test, as it fails the blocking form; nothing
     * is written to the receive buffer. A = world ranks {0, 1, 2}, B = {3, 4}.
     */
    static void blocksOfTheWrongLengthFailWithErrTruncate(final String[] args) throws Exception
    {
        final Intercomm inter = threePlusTwo(args);
        final int me = MPI.COMM_WORLD.getRank();
        final boolean inA = me < 3;
        inter.setErrhandler(MPI.ERRORS_RETURN);
        final int r = inter.getRank();

        // longer: B's processes send two ints each to A's rank 0, which expects one
        final IntBuffer atRoot = MPI.newIntBuffer(2);
        fill(atRoot, -1, -1);
        final Request gather = inA ?
            inter.iGather(MPI.newIntBuffer(1), 0, MPI.INT, atRoot, 1, MPI.INT, r == 0 ? MPI.ROOT : MPI.PROC_NULL) :
            inter.iGather(IntBuffer.wrap(new int[]{me, me}), 2, MPI.INT, MPI.newIntBuffer(1), 0, MPI.INT, 0);
        if (me == 0)
        {
            final MPIException longer = assertThrows(MPIException.class, gather::waitFor);
            assertEquals(MPI.ERR_TRUNCATE, longer.getErrorClass());
            assertTrue(longer.getMessage().startsWith("iGather: remote rank 0 sent 8 bytes where 4 were expected"),
                longer.getMessage());
            assertArrayEquals(new int[]{-1, -1}, contents(atRoot), "nothing is written");
        }
        else
        {
            gather.waitFor();
        }

        // shorter: A's processes send one int each to every process of B, which expects two from each
        final IntBuffer atB = MPI.newIntBuffer(6);
        fill(atB, -1, -1, -1, -1, -1, -1);
        final Request allGather = inA ?
            inter.iAllGatherv(IntBuffer.wrap(new int[]{me}), 1, MPI.INT, atB, new int[]{1, 1}, new int[]{0, 1},
                MPI.INT) :
            inter.iAllGatherv(IntBuffer.wrap(new int[]{me}), 1, MPI.INT, atB, new int[]{2, 2, 2}, new int[]{0, 2, 4},
                MPI.INT);
        if (inA)
        {
            allGather.waitFor();
            assertEquals(3, atB.get(0));
            assertEquals(4, atB.get(1));
        }
        else
        {
            final MPIException shorter = assertThrows(MPIException.class, () ->
            {
                while (!allGather.test())
                {
                    Thread.onSpinWait();
                }
            });
            assertEquals(MPI.ERR_TRUNCATE, shorter.getErrorClass());
            assertTrue(shorter.getMessage().startsWith("iAllGatherv: remote rank 0 sent 4 bytes where 8 were " +
                "expected"), shorter.getMessage());
            assertArrayEquals(new int[]{-1, -1, -1, -1, -1, -1}, contents(atB), "nothing is written");
            assertTrue(allGather.isNull(), "a failed request is done with");
        }

        // the blocking form fails the same way
        if (inA)
        {
            final int[] blocking = new int[2];
            if (r == 0)
            {
                final MPIException longer = assertThrows(MPIException.class,
                    () -> inter.gather(new int[0], 0, MPI.INT, blocking, 1, MPI.INT, MPI.ROOT));
                assertEquals(MPI.ERR_TRUNCATE, longer.getErrorClass());
                assertTrue(longer.getMessage().startsWith("gather: remote rank 0 sent 8 bytes where 4 were expected"),
                    longer.getMessage());
            }
            else
            {
                inter.gather(new int[0], 0, MPI.INT, blocking, 1, MPI.INT, MPI.PROC_NULL);
            }
        }
        else
        {
            inter.gather(new int[]{me, me}, 2, MPI.INT, new int[0], 0, MPI.INT, 0);
        }

        inter.barrier();
        inter.free();
        MPI.Finalize();
    }

    /**
     * Initializes MPI in a job of five processes.
     *
     * @return an inter-communicator between A = world ranks {0, 1, 2} and B = {3, 4} (leaders:
     * the local ranks 0); the local communicator is freed.
     */
    private static Intercomm threePlusTwo(final String[] args) throws MPIException
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final boolean inA = world.getRank() < 3;
        final Intracomm local = world.split(inA ? 0 : 1, world.getRank());
        final Intercomm inter = world.createIntercomm(local, 0, inA ? 3 : 0, 32);
        local.free();
        return inter;
    }

    private static void fill(final IntBuffer buffer, final int... values)
    {
        for (int i = 0; i < values.length; i++)
        {
            buffer.put(i, values[i]);
        }
    }

    /**
     * @return the 2 x 2 matrix {@code ((p + 1, 1), (0, 1))}, row-major: two of them with different
     * {@code p} do not commute.
     */
    private static int[] matrix(final int p)
    {
        return new int[]{p + 1, 1, 0, 1};
    }

    private static void fill(final java.nio.LongBuffer buffer, final long... values)
    {
        for (int i = 0; i < values.length; i++)
        {
            buffer.put(i, values[i]);
        }
    }

    private static int[] contents(final IntBuffer buffer)
    {
        return NonBlockingCollectivesTest.contents(buffer, buffer.capacity());
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
