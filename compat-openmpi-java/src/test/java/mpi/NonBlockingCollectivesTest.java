package mpi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.IntBuffer;
import java.nio.LongBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The non-blocking collectives that run in the background: all of them in flight at once with
 * blocking traffic in between (direct and heap buffers, in-place forms, derived and per-block
 * datatypes, user-defined operations that are not commutative), and a gather whose request
 * provably stays incomplete until the last rank has contributed. 4-rank threads jobs, and over
 * {@code shm} in {@link ShmScenariosTest}.
 */
@Timeout(60)
class NonBlockingCollectivesTest
{
    private static final int N = 4;

    @Test
    void everyNonBlockingCollectiveInFlightAtOnce()
    {
        MpiJob.run(N, NonBlockingCollectivesTest::everyNonBlockingCollectiveInFlightAtOnce);
    }

    @Test
    void aGatherCompletesOnlyAfterTheLastContribution()
    {
        MpiJob.run(N, NonBlockingCollectivesTest::aGatherCompletesOnlyAfterTheLastContribution);
    }

    static void everyNonBlockingCollectiveInFlightAtOnce(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int me = world.getRank();
        final Op product = matrixProduct();
        final Datatype matrix = Datatype.createContiguous(4, MPI.INT);
        matrix.commit();
        final Datatype pairs = Datatype.createVector(2, 1, 2, MPI.INT);
        pairs.commit();

        // gatherv at rank 1 of 1 + me ints each, the root's own block in place (heap buffer)
        final int[] counts = {1, 2, 3, 4};
        final int[] displs = {0, 1, 3, 6};
        final IntBuffer gathered = IntBuffer.allocate(10);
        final IntBuffer mineV = MPI.newIntBuffer(me + 1);
        for (int i = 0; i <= me; i++)
        {
            mineV.put(i, 10 * me + i);
            if (me == 1)
            {
                gathered.put(displs[1] + i, 10 * me + i);
            }
        }
        final Request gatherv = me == 1 ? world.iGatherv(gathered, counts, displs, MPI.INT, 1) :
            world.iGatherv(mineV, me + 1, MPI.INT, 1);
        // scatter from rank 2, in place at the root; the others get their block
        final IntBuffer scatterSource = MPI.newIntBuffer(2 * N);
        for (int i = 0; i < 2 * N; i++)
        {
            scatterSource.put(i, 100 + i);
        }
        final IntBuffer scattered = MPI.newIntBuffer(2);
        final Request scatter = me == 2 ? world.iScatter(scatterSource, 2, MPI.INT, 2) :
            world.iScatter(scatterSource, 2, MPI.INT, scattered, 2, MPI.INT, 2);
        // scatterv from rank 3 of two ints each, received as one strided pair (every other int)
        final IntBuffer strided = IntBuffer.allocate(3);
        final Request scatterv = world.iScatterv(scatterSource, uniform(2), displacements(2), MPI.INT, strided, 1,
            pairs, 3);
        // allgatherv in place
        final IntBuffer all = MPI.newIntBuffer(10);
        for (int i = 0; i <= me; i++)
        {
            all.put(displs[me] + i, 10 * me + i);
        }
        final Request allGatherv = world.iAllGatherv(all, counts, displs, MPI.INT);
        // all-to-allv: me + 1 ints to every rank j, tagged (me, j)
        final IntBuffer toAll = IntBuffer.allocate(N * (me + 1));
        for (int j = 0; j < N; j++)
        {
            for (int k = 0; k <= me; k++)
            {
                toAll.put(j * (me + 1) + k, 1000 * me + j);
            }
        }
        final IntBuffer fromAll = MPI.newIntBuffer(10);
        final Request allToAllv = world.iAllToAllv(toAll, uniform(me + 1), displacements(me + 1), MPI.INT,
            fromAll, counts, displs, MPI.INT);
        // all-to-allw, one int each, byte displacements
        final IntBuffer toAllW = MPI.newIntBuffer(N);
        final IntBuffer fromAllW = MPI.newIntBuffer(N);
        for (int j = 0; j < N; j++)
        {
            toAllW.put(j, 10 * me + j);
        }
        final int[] byteDispls = {0, 4, 8, 12};
        final Datatype[] ints = {MPI.INT, MPI.INT, MPI.INT, MPI.INT};
        final Request allToAllw = world.iAllToAllw(toAllW, uniform(1), byteDispls, ints, fromAllW, uniform(1),
            byteDispls, ints);
        // reduce-scatter with SUM, and block form with the matrix product
        final IntBuffer vector = MPI.newIntBuffer(10);
        for (int i = 0; i < 10; i++)
        {
            vector.put(i, me * 100 + i);
        }
        final IntBuffer sums = MPI.newIntBuffer(4);
        final Request reduceScatter = world.iReduceScatter(vector, sums, counts, MPI.INT, MPI.SUM);
        final IntBuffer matrices = MPI.newIntBuffer(4 * N);
        for (int j = 0; j < N; j++)
        {
            matrices.put(4 * j, 1).put(4 * j + 1, me + j).put(4 * j + 2, 0).put(4 * j + 3, 1 + (j == me ? 1 : 0));
        }
        final IntBuffer productBlock = MPI.newIntBuffer(4);
        final Request reduceScatterBlock = world.iReduceScatterBlock(matrices, productBlock, 1, matrix, product);
        // scans: SUM inclusive, the matrix product exclusive, in place
        final LongBuffer scanned = MPI.newLongBuffer(1);
        final Request scan = world.iScan(MPI.newLongBuffer(1).put(0, me + 1L), scanned, 1, MPI.LONG, MPI.SUM);
        final IntBuffer exScanned = IntBuffer.wrap(new int[]{1, me + 1, 0, 1});
        final Request exScan = world.iExScan(exScanned, 1, matrix, product);
        // user-defined reduce and all-reduce
        final IntBuffer reduced = MPI.newIntBuffer(4);
        final Request reduce = world.iReduce(IntBuffer.wrap(new int[]{1, me + 1, 0, 1}), reduced, 1, matrix, product,
            0);
        final IntBuffer allReduced = IntBuffer.allocate(4);
        final Request allReduce = world.iAllReduce(IntBuffer.wrap(new int[]{1, 0, me + 1, 1}), allReduced, 1, matrix,
            product);
        // a neighbourhood all-gather on a ring
        final CartComm ring = world.createCart(new int[]{N}, new boolean[]{true}, false);
        final IntBuffer neighbours = MPI.newIntBuffer(2);
        final Request neighbourhood = ring.iNeighborAllGather(MPI.newIntBuffer(1).put(0, me), 1, MPI.INT,
            neighbours, 1, MPI.INT);

        // blocking traffic while all of them are in flight
        final int[] sum = new int[1];
        world.allReduce(new int[]{1}, sum, 1, MPI.INT, MPI.SUM);
        assertEquals(N, sum[0]);
        final int[] token = new int[1];
        world.sendRecv(new int[]{me}, 1, MPI.INT, (me + 1) % N, 3, token, 1, MPI.INT, (me + N - 1) % N, 3);
        assertEquals((me + N - 1) % N, token[0]);

        Request.waitAll(new Request[]{gatherv, scatter, scatterv, allGatherv, allToAllv, allToAllw, reduceScatter,
            reduceScatterBlock, scan, exScan, reduce, allReduce, neighbourhood});

        final int[] everyBlock = {0, 10, 11, 20, 21, 22, 30, 31, 32, 33};
        if (me == 1)
        {
            assertArrayEquals(everyBlock, gathered.array());
        }
        if (me != 2)
        {
            assertEquals(100 + 2 * me, scattered.get(0));
            assertEquals(101 + 2 * me, scattered.get(1));
        }
        assertEquals(100 + 2 * me, strided.get(0));
        assertEquals(100 + 2 * me + 1, strided.get(2));
        assertEquals(0, strided.get(1), "the gap of the strided type is left alone");
        assertArrayEquals(everyBlock, contents(all, 10));
        for (int i = 0; i < N; i++)
        {
            for (int k = 0; k <= i; k++)
            {
                assertEquals(1000 * i + me, fromAll.get(displs[i] + k), "all-to-allv block from " + i);
            }
            assertEquals(10 * i + me, fromAllW.get(i), "all-to-allw block from " + i);
        }
        final int[] expectedSums = new int[10];
        for (int i = 0; i < 10; i++)
        {
            expectedSums[i] = 600 + N * i;
        }
        for (int k = 0; k < counts[me]; k++)
        {
            assertEquals(expectedSums[displs[me] + k], sums.get(k));
        }
        // block me of every rank: [[1, r + me], [0, 1 + (r == me)]], multiplied in rank order
        int[] expectedBlock = {1, 0, 0, 1};
        for (int r = 0; r < N; r++)
        {
            expectedBlock = multiply(expectedBlock, new int[]{1, r + me, 0, 1 + (r == me ? 1 : 0)});
        }
        assertArrayEquals(expectedBlock, contents(productBlock, 4));
        assertEquals((me + 1L) * (me + 2L) / 2, scanned.get(0));
        if (me > 0)
        {
            assertArrayEquals(new int[]{1, me * (me + 1) / 2, 0, 1}, exScanned.array(),
                "the product of the ranks below");
        }
        else
        {
            assertArrayEquals(new int[]{1, 1, 0, 1}, exScanned.array(), "rank 0's buffer is left alone");
        }
        if (me == 0)
        {
            assertArrayEquals(new int[]{1, 10, 0, 1}, contents(reduced, 4));
        }
        int[] lowerTriangular = {1, 0, 0, 1};
        for (int r = 0; r < N; r++)
        {
            lowerTriangular = multiply(lowerTriangular, new int[]{1, 0, r + 1, 1});
        }
        assertArrayEquals(lowerTriangular, allReduced.array());
        assertEquals((me + N - 1) % N, neighbours.get(0));
        assertEquals((me + 1) % N, neighbours.get(1));
        ring.free();
        MPI.Finalize();
    }

    /**
     * The root posts an iGather before any other rank may contribute (they wait for its word), then
     * lets them in one at a time: after each contribution but the last the request must still be
     * incomplete; after the last it completes, with every block in place.
     */
    static void aGatherCompletesOnlyAfterTheLastContribution(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int me = world.getRank();
        final Intracomm control = world.dup();
        final IntBuffer mine = MPI.newIntBuffer(2).put(0, me).put(1, 10 * me);
        final int[] word = new int[1];
        if (me == 0)
        {
            final IntBuffer gathered = MPI.newIntBuffer(2 * N);
            final Request gather = world.iGather(mine, 2, MPI.INT, gathered, 2, MPI.INT, 0);
            assertNull(gather.testStatus(), "nobody else has contributed yet");
            for (int r = 1; r < N; r++)
            {
                control.send(word, 1, MPI.INT, r, 0);
                control.recv(word, 1, MPI.INT, r, 1);
                if (r < N - 1)
                {
                    assertFalse(gather.test(), "rank " + (r + 1) + ".." + (N - 1) + " have not contributed yet");
                    assertEquals(0, gathered.get(2 * N - 1), "no block of a later rank yet");
                }
            }
            Status status = gather.testStatus();
            while (status == null)
            {
                Thread.onSpinWait();
                status = gather.testStatus();
            }
            for (int r = 0; r < N; r++)
            {
                assertEquals(r, gathered.get(2 * r));
                assertEquals(10 * r, gathered.get(2 * r + 1));
            }
        }
        else
        {
            control.recv(word, 1, MPI.INT, 0, 0);
            world.iGather(mine, 2, MPI.INT, null, 2, MPI.INT, 0).waitFor();
            control.send(word, 1, MPI.INT, 0, 1);
        }
        control.free();
        MPI.Finalize();
    }

    /**
     * @return 2x2 integer matrix product ({@code inout = in x inout}, row-major): associative, not
     * commutative.
     */
    static Op matrixProduct() throws MPIException
    {
        return new Op(new UserFunction()
        {
            @Override
            public void call(final Object inVec, final Object inoutVec, final int count, final Datatype type)
            {
                final int[] a = (int[])inVec;
                final int[] b = (int[])inoutVec;
                for (int m = 0; m < count; m++)
                {
                    final int[] c = multiply(java.util.Arrays.copyOfRange(a, 4 * m, 4 * m + 4),
                        java.util.Arrays.copyOfRange(b, 4 * m, 4 * m + 4));
                    System.arraycopy(c, 0, b, 4 * m, 4);
                }
            }
        }, false);
    }

    static int[] multiply(final int[] a, final int[] b)
    {
        return new int[]{
            a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]};
    }

    static int[] contents(final IntBuffer buffer, final int n)
    {
        final int[] values = new int[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = buffer.get(i);
        }
        return values;
    }

    private static int[] uniform(final int count)
    {
        final int[] counts = new int[N];
        java.util.Arrays.fill(counts, count);
        return counts;
    }

    private static int[] displacements(final int count)
    {
        final int[] displs = new int[N];
        for (int i = 0; i < N; i++)
        {
            displs[i] = i * count;
        }
        return displs;
    }
}
