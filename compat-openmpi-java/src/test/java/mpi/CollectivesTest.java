package mpi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every collective on arrays and on buffers, in-place forms and derived datatypes, against
 * values computed by hand, as 4-rank threads jobs.
 */
@Timeout(60)
class CollectivesTest
{
    private static final int N = 4;

    @Test
    void barrierAndBroadcast()
    {
        MpiJob.run(N, CollectivesTest::barrierAndBroadcast);
    }

    static void barrierAndBroadcast(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int rank = world.getRank();
        world.barrier();
        final int[] ints = rank == 2 ? new int[]{7, 8, 9} : new int[3];
        world.bcast(ints, 3, MPI.INT, 2);
        assertArrayEquals(new int[]{7, 8, 9}, ints);
        final DoubleBuffer doubles = MPI.newDoubleBuffer(1000);
        if (rank == 0)
        {
            for (int i = 0; i < 1000; i++)
            {
                doubles.put(i, i * 0.5);
            }
        }
        world.bcast(doubles, 1000, MPI.DOUBLE, 0);
        assertEquals(499.5, doubles.get(999));
        final Datatype everyOther = Datatype.createVector(5, 1, 2, MPI.LONG);
        everyOther.commit();
        final long[] longs = new long[10];
        if (rank == 1)
        {
            for (int i = 0; i < 10; i++)
            {
                longs[i] = 100 + i;
            }
        }
        world.bcast(longs, 1, everyOther, 1);
        for (int i = 0; i < 10; i++)
        {
            assertEquals(rank == 1 || i % 2 == 0 ? 100 + i : 0, longs[i]);
        }
        MPI.Finalize();
    }

    @Test
    void gatherScatterAndTheirVariants()
    {
        MpiJob.run(N, CollectivesTest::gatherScatterAndTheirVariants);
    }

    static void gatherScatterAndTheirVariants(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int rank = world.getRank();
        final int[] all = new int[2 * N];
        world.gather(new int[]{rank, 10 * rank}, 2, MPI.INT, all, 2, MPI.INT, 1);
        if (rank == 1)
        {
            assertArrayEquals(new int[]{0, 0, 1, 10, 2, 20, 3, 30}, all);
        }
        final IntBuffer inPlace = MPI.newIntBuffer(N);
        inPlace.put(rank == 0 ? rank : 0, rank + 5);
        world.gather(inPlace, 1, MPI.INT, 0);
        if (rank == 0)
        {
            assertEquals(8, inPlace.get(3));
        }
        final int[] counts = {1, 2, 3, 4};
        final int[] displs = {9, 0, 5, 1};
        final double[] v = new double[13];
        final double[] mine = new double[rank + 1];
        java.util.Arrays.fill(mine, rank + 0.25);
        world.gatherv(mine, rank + 1, MPI.DOUBLE, v, counts, displs, MPI.DOUBLE, 3);
        if (rank == 3)
        {
            assertArrayEquals(new double[]{1.25, 3.25, 3.25, 3.25, 3.25, 2.25, 2.25, 2.25, 0, 0.25, 0, 0, 0}, v);
        }
        final int[] source = {0, 1, 2, 3, 4, 5, 6, 7};
        final int[] piece = new int[2];
        world.scatter(source, 2, MPI.INT, piece, 2, MPI.INT, 2);
        assertArrayEquals(new int[]{2 * rank, 2 * rank + 1}, piece);
        final long[] block = new long[4];
        world.scatterv(new long[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, counts, new int[]{0, 1, 3, 6}, MPI.LONG, block,
            rank + 1, MPI.LONG, 0);
        for (int i = 0; i <= rank; i++)
        {
            assertEquals(rank * (rank + 1) / 2 + i, block[i]);
        }
        if (rank == 0)
        {
            world.scatterv(new int[]{40, 41, 42, 43}, new int[]{1, 1, 1, 1}, new int[]{0, 1, 2, 3}, MPI.INT, 0);
            world.gatherv(new int[N], new int[]{1, 1, 1, 1}, new int[]{0, 1, 2, 3}, MPI.INT, 0);
        }
        else
        {
            final int[] got = new int[1];
            world.scatterv(got, 1, MPI.INT, 0);
            assertEquals(40 + rank, got[0]);
            world.gatherv(got, 1, MPI.INT, 0);
        }
        MPI.Finalize();
    }

    @Test
    void allGatherAndAllToAll()
    {
        MpiJob.run(N, CollectivesTest::allGatherAndAllToAll);
    }

    static void allGatherAndAllToAll(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int rank = world.getRank();
        final char[] chars = new char[N];
        world.allGather(new char[]{(char)('a' + rank)}, 1, MPI.CHAR, chars, 1, MPI.CHAR);
        assertArrayEquals("abcd".toCharArray(), chars);
        final ByteBuffer inPlace = MPI.newByteBuffer(N);
        inPlace.put(rank, (byte)(rank * 3));
        world.allGather(inPlace, 1, MPI.BYTE);
        assertEquals(9, inPlace.get(3));
        final int[] gathered = new int[10];
        final int[] mine = new int[rank + 1];
        java.util.Arrays.fill(mine, rank);
        world.allGatherv(mine, rank + 1, MPI.INT, gathered, new int[]{1, 2, 3, 4}, new int[]{0, 1, 3, 6}, MPI.INT);
        assertArrayEquals(new int[]{0, 1, 1, 2, 2, 2, 3, 3, 3, 3}, gathered);
        final int[] send = new int[2 * N];
        for (int i = 0; i < 2 * N; i++)
        {
            send[i] = 100 * rank + i;
        }
        final int[] recv = new int[2 * N];
        world.allToAll(send, 2, MPI.INT, recv, 2, MPI.INT);
        for (int r = 0; r < N; r++)
        {
            assertEquals(100 * r + 2 * rank, recv[2 * r]);
            assertEquals(100 * r + 2 * rank + 1, recv[2 * r + 1]);
        }
        final int[] sendCounts = {1, 1, 1, 1};
        final int[] recvV = new int[N];
        world.allToAllv(send, sendCounts, new int[]{0, 2, 4, 6}, MPI.INT, recvV, sendCounts,
            new int[]{3, 2, 1, 0}, MPI.INT);
        for (int r = 0; r < N; r++)
        {
            assertEquals(100 * r + 2 * rank, recvV[3 - r]);
        }
        final IntBuffer wSend = MPI.newIntBuffer(N);
        final DoubleBuffer unused = MPI.newDoubleBuffer(1);
        for (int r = 0; r < N; r++)
        {
            wSend.put(r, rank * 10 + r);
        }
        final IntBuffer wRecv = MPI.newIntBuffer(N);
        final Datatype[] types = {MPI.INT, MPI.INT, MPI.INT, MPI.INT};
        world.allToAllw(wSend, sendCounts, new int[]{0, 4, 8, 12}, types, wRecv, sendCounts,
            new int[]{0, 4, 8, 12}, types);
        for (int r = 0; r < N; r++)
        {
            assertEquals(r * 10 + rank, wRecv.get(r));
        }
        assertEquals(0, unused.get(0));
        MPI.Finalize();
    }

    @Test
    void reductionsOfPredefinedOperations()
    {
        MpiJob.run(N, CollectivesTest::reductionsOfPredefinedOperations);
    }

    static void reductionsOfPredefinedOperations(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int rank = world.getRank();
        final int[] sum = new int[2];
        world.reduce(new int[]{rank, 1}, sum, 2, MPI.INT, MPI.SUM, 3);
        if (rank == 3)
        {
            assertArrayEquals(new int[]{6, 4}, sum);
        }
        final DoubleBuffer max = MPI.newDoubleBuffer(1);
        final DoubleBuffer in = MPI.newDoubleBuffer(1);
        in.put(0, rank == 2 ? 9.5 : rank);
        world.allReduce(in, max, 1, MPI.DOUBLE, MPI.MAX);
        assertEquals(9.5, max.get(0));
        final long[] inPlace = {rank + 1L};
        world.allReduce(inPlace, 1, MPI.LONG, MPI.PROD);
        assertEquals(24L, inPlace[0]);
        final boolean[] flags = {rank != 1, true};
        world.allReduce(flags, 2, MPI.BOOLEAN, MPI.LAND);
        assertArrayEquals(new boolean[]{false, true}, flags);
        final ByteBuffer pairs = MPI.newByteBuffer(MPI.DOUBLE_INT.getExtent());
        final DoubleInt.Data pair = MPI.doubleInt.getData(pairs);
        pair.putValue(rank == 1 ? -3.0 : rank);
        pair.putIndex(rank);
        final ByteBuffer min = MPI.newByteBuffer(MPI.DOUBLE_INT.getExtent());
        world.allReduce(pairs, min, 1, MPI.DOUBLE_INT, MPI.MINLOC);
        assertEquals(-3.0, ((DoubleInt.Data)MPI.doubleInt.getData(min)).getValue());
        assertEquals(1, ((DoubleInt.Data)MPI.doubleInt.getData(min)).getIndex());
        final Datatype strided = Datatype.createVector(3, 1, 2, MPI.FLOAT);
        strided.commit();
        final float[] floats = {rank, -1, rank * 2, -1, rank * 3};
        final float[] floatSum = new float[5];
        world.allReduce(floats, floatSum, 1, strided, MPI.SUM);
        assertArrayEquals(new float[]{6, 0, 12, 0, 18}, floatSum);
        final double[] complex = {rank, 1};
        world.allReduce(complex, 1, MPI.DOUBLE_COMPLEX, MPI.SUM);
        assertArrayEquals(new double[]{6, 4}, complex);
        final int[] rs = {rank, rank, rank, rank, rank, rank, rank, rank};
        final int[] mine = new int[2];
        world.reduceScatterBlock(rs, mine, 2, MPI.INT, MPI.SUM);
        assertArrayEquals(new int[]{6, 6}, mine);
        final int[] varied = new int[rank + 1];
        final int[] ten = new int[10];
        java.util.Arrays.fill(ten, 1);
        world.reduceScatter(ten, varied, new int[]{1, 2, 3, 4}, MPI.INT, MPI.SUM);
        for (final int x : varied)
        {
            assertEquals(N, x);
        }
        final int[] scan = new int[1];
        world.scan(new int[]{rank + 1}, scan, 1, MPI.INT, MPI.SUM);
        assertEquals((rank + 1) * (rank + 2) / 2, scan[0]);
        final int[] exScan = {-1};
        world.exScan(new int[]{rank + 1}, exScan, 1, MPI.INT, MPI.SUM);
        assertEquals(rank == 0 ? -1 : rank * (rank + 1) / 2, exScan[0]);
        final int[] local = {5, 6};
        Comm.reduceLocal(new int[]{1, 2}, local, 2, MPI.INT, MPI.SUM);
        assertArrayEquals(new int[]{6, 8}, local);
        MPI.Finalize();
    }

    @Test
    void userDefinedOperationsKeepRankOrder()
    {
        MpiJob.run(N, CollectivesTest::userDefinedOperationsKeepRankOrder);
    }

    static void userDefinedOperationsKeepRankOrder(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int rank = world.getRank();
        // 2x2 integer matrix product: associative, not commutative
        final Op product = new Op(new UserFunction()
        {
            @Override
            public void call(final Object inVec, final Object inoutVec, final int count, final Datatype type)
            {
                final int[] a = (int[])inVec;
                final int[] b = (int[])inoutVec;
                for (int m = 0; m < count; m++)
                {
                    final int o = 4 * m;
                    final int c0 = a[o] * b[o] + a[o + 1] * b[o + 2];
                    final int c1 = a[o] * b[o + 1] + a[o + 1] * b[o + 3];
                    final int c2 = a[o + 2] * b[o] + a[o + 3] * b[o + 2];
                    final int c3 = a[o + 2] * b[o + 1] + a[o + 3] * b[o + 3];
                    b[o] = c0;
                    b[o + 1] = c1;
                    b[o + 2] = c2;
                    b[o + 3] = c3;
                }
            }
        }, false);
        final Datatype matrix = Datatype.createContiguous(4, MPI.INT);
        matrix.commit();
        final int[] mine = {1, rank + 1, 0, 1};
        final int[] result = new int[4];
        world.allReduce(mine, result, 1, matrix, product);
        assertArrayEquals(new int[]{1, 10, 0, 1}, result);
        final int[][] expected = {{1, 1, 0, 1}, {1, 3, 0, 1}, {1, 6, 0, 1}, {1, 10, 0, 1}};
        final int[] prefix = new int[4];
        world.scan(mine, prefix, 1, matrix, product);
        assertArrayEquals(expected[rank], prefix);
        final Op maxAbs = new Op(new UserFunction()
        {
            @Override
            public void call(final ByteBuffer in, final ByteBuffer inOut, final int count, final Datatype type)
            {
                for (int i = 0; i < count; i++)
                {
                    inOut.putLong(8 * i, Math.max(Math.abs(in.getLong(8 * i)), Math.abs(inOut.getLong(8 * i))));
                }
            }
        }, true);
        final long[] values = {rank == 2 ? -50 : rank};
        world.reduce(values, 1, MPI.LONG, maxAbs, 0);
        if (rank == 0)
        {
            assertEquals(50, values[0]);
        }
        MPI.Finalize();
    }

    @Test
    void nonBlockingCollectives()
    {
        MpiJob.run(N, CollectivesTest::nonBlockingCollectives);
    }

    static void nonBlockingCollectives(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int rank = world.getRank();
        final Request barrier = world.iBarrier();
        final IntBuffer value = MPI.newIntBuffer(1);
        value.put(0, rank == 1 ? 77 : 0);
        final Request bcast = world.iBcast(value, 1, MPI.INT, 1);
        final DoubleBuffer in = MPI.newDoubleBuffer(2);
        in.put(0, rank).put(1, 1);
        final DoubleBuffer out = MPI.newDoubleBuffer(2);
        final Request allReduce = world.iAllReduce(in, out, 2, MPI.DOUBLE, MPI.SUM);
        final IntBuffer gathered = MPI.newIntBuffer(N);
        final IntBuffer one = MPI.newIntBuffer(1);
        one.put(0, rank * rank);
        final Request allGather = world.iAllGather(one, 1, MPI.INT, gathered, 1, MPI.INT);
        final IntBuffer reduced = MPI.newIntBuffer(1);
        final Request reduce = world.iReduce(one, reduced, 1, MPI.INT, MPI.MAX, 0);
        final IntBuffer toAll = MPI.newIntBuffer(N);
        final IntBuffer fromAll = MPI.newIntBuffer(N);
        for (int r = 0; r < N; r++)
        {
            toAll.put(r, rank * N + r);
        }
        final Request allToAll = world.iAllToAll(toAll, 1, MPI.INT, fromAll, 1, MPI.INT);
        final Request gatherNow = world.iGather(one, 1, MPI.INT, MPI.newIntBuffer(N), 1, MPI.INT, 0);
        Request.waitAll(new Request[]{barrier, bcast, allReduce, allGather, reduce, allToAll, gatherNow});
        assertEquals(77, value.get(0));
        assertEquals(6.0, out.get(0));
        assertEquals(4.0, out.get(1));
        assertEquals(9, gathered.get(3));
        if (rank == 0)
        {
            assertEquals(9, reduced.get(0));
        }
        for (int r = 0; r < N; r++)
        {
            assertEquals(r * N + rank, fromAll.get(r));
        }
        MPI.Finalize();
    }

    @Test
    void communicatorsGroupsAndSelf()
    {
        MpiJob.run(N, CollectivesTest::communicatorsGroupsAndSelf);
    }

    static void communicatorsGroupsAndSelf(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int rank = world.getRank();
        assertEquals(1, MPI.COMM_SELF.getSize());
        assertEquals(0, MPI.COMM_SELF.getRank());
        final int[] self = new int[1];
        MPI.COMM_SELF.sendRecv(new int[]{rank}, 1, MPI.INT, 0, 0, self, 1, MPI.INT, 0, 0);
        assertEquals(rank, self[0]);
        final Intracomm copy = world.dup();
        assertEquals(MPI.CONGRUENT, Comm.compare(world, copy));
        final Intracomm halves = world.split(rank % 2, -rank);
        assertEquals(2, halves.getSize());
        assertEquals(rank < 2 ? 1 : 0, halves.getRank());
        final int[] sum = new int[1];
        halves.allReduce(new int[]{rank}, sum, 1, MPI.INT, MPI.SUM);
        assertEquals(rank % 2 == 0 ? 2 : 4, sum[0]);
        final Intracomm none = world.split(rank == 0 ? MPI.UNDEFINED : 1, 0);
        assertEquals(rank == 0, none.isNull());
        final Group evens = world.getGroup().incl(new int[]{0, 2});
        assertEquals(rank % 2 == 0 ? rank / 2 : MPI.UNDEFINED, evens.getRank());
        final Intracomm created = world.create(evens);
        assertEquals(rank % 2 != 0, created.isNull());
        if (!created.isNull())
        {
            assertEquals(2, created.getSize());
            assertEquals(MPI.SIMILAR, Group.compare(evens, Group.union(world.getGroup().incl(new int[]{2}),
                world.getGroup().incl(new int[]{0}))));
            created.free();
            assertEquals(true, created.isNull());
        }
        assertArrayEquals(new int[]{1, MPI.UNDEFINED}, Group.translateRanks(world.getGroup(), new int[]{2, 1},
            evens));
        assertEquals(2, Group.difference(world.getGroup(), evens).getSize());
        assertEquals(3, world.getGroup().rangeExcl(new int[][]{{1, 1, 1}}).getSize());
        copy.free();
        halves.free();
        MPI.Finalize();
    }

    @Test
    void cartesianTopologyAndNeighbourhoodCollectives()
    {
        MpiJob.run(N, CollectivesTest::cartesianTopologyAndNeighbourhoodCollectives);
    }

    static void cartesianTopologyAndNeighbourhoodCollectives(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int[] dims = new int[2];
        CartComm.createDims(N, dims);
        assertArrayEquals(new int[]{2, 2}, dims);
        final CartComm cart = world.createCart(dims, new boolean[]{true, false}, false);
        assertEquals(MPI.CART, cart.getTopology());
        final int rank = cart.getRank();
        final CartParms parms = cart.getTopo();
        assertEquals(2, parms.getDimCount());
        assertArrayEquals(new int[]{rank / 2, rank % 2}, cart.getCoords(rank));
        assertEquals(rank, cart.getRank(new int[]{rank / 2, rank % 2}));
        final ShiftParms down = cart.shift(0, 1);
        assertEquals((rank + 2) % 4, down.getRankDest());
        final ShiftParms right = cart.shift(1, 1);
        assertEquals(rank % 2 == 0 ? rank + 1 : MPI.PROC_NULL, right.getRankDest());
        final int[] neighbours = {-9, -9, -9, -9};
        cart.neighborAllGather(new int[]{rank}, 1, MPI.INT, neighbours, 1, MPI.INT);
        assertEquals((rank + 2) % 4, neighbours[0]);
        assertEquals((rank + 2) % 4, neighbours[1]);
        assertEquals(rank % 2 == 1 ? rank - 1 : -9, neighbours[2]);
        assertEquals(rank % 2 == 0 ? rank + 1 : -9, neighbours[3]);
        final int[] directed = {-9, -9, -9, -9};
        cart.neighborAllToAll(new int[]{10 * rank, 10 * rank + 1, 10 * rank + 2, 10 * rank + 3}, 1, MPI.INT,
            directed, 1, MPI.INT);
        final int other = (rank + 2) % 4;
        assertEquals(10 * other + 1, directed[0], "from the -x neighbour: what it sent to +x");
        assertEquals(10 * other, directed[1], "from the +x neighbour: what it sent to -x");
        final CartComm row = cart.sub(new boolean[]{false, true});
        assertEquals(2, row.getSize());
        final GraphComm ring = world.createGraph(new int[]{2, 4, 6, 8}, new int[]{1, 3, 0, 2, 1, 3, 0, 2}, false);
        assertArrayEquals(new int[]{(rank + 1) % 4, (rank + 3) % 4}.length == 2 ?
            ring.getNeighbors(rank) : null, ring.getNeighbors(rank));
        assertEquals(8, ring.getDims().getEdgeCount());
        final GraphComm dist = world.createDistGraphAdjacent(new int[]{(rank + 3) % 4}, new int[]{(rank + 1) % 4},
            MPI.INFO_NULL, false);
        final int[] fromLeft = new int[1];
        dist.neighborAllGather(new int[]{rank}, 1, MPI.INT, fromLeft, 1, MPI.INT);
        assertEquals((rank + 3) % 4, fromLeft[0]);
        assertEquals(1, dist.getDistGraphNeighbors().getInDegree());
        MPI.Finalize();
    }

    @Test
    void neighbourBlocksOfTheWrongLengthFailWithErrTruncate()
    {
        MpiJob.run(2, CollectivesTest::neighbourBlocksOfTheWrongLengthFailWithErrTruncate);
    }

    static void neighbourBlocksOfTheWrongLengthFailWithErrTruncate(final String[] args) throws Exception
    {
        MPI.Init(args);
        final int rank = MPI.COMM_WORLD.getRank();
        final int other = 1 - rank;
        final GraphComm pair = MPI.COMM_WORLD.createDistGraphAdjacent(new int[]{other}, new int[]{other},
            MPI.INFO_NULL, false);
        pair.setErrhandler(MPI.ERRORS_RETURN);
        // rank 0 sends and expects one int, rank 1 two: rank 0 gets a long block, rank 1 a short one
        final int sent = rank + 1;
        final int expected = rank + 1;
        final int[] received = {-7, -7};
        final MPIException blocking = assertThrows(MPIException.class,
            () -> pair.neighborAllGather(new int[]{5, 6}, sent, MPI.INT, received, expected, MPI.INT));
        assertEquals(MPI.ERR_TRUNCATE, blocking.getErrorClass(), blocking.getMessage());
        assertArrayEquals(new int[]{-7, -7}, received, "nothing is unpacked from a block of the wrong length");
        final IntBuffer in = MPI.newIntBuffer(2).put(0, -7).put(1, -7);
        final Request request = pair.iNeighborAllGather(MPI.newIntBuffer(2).put(0, 5).put(1, 6), sent, MPI.INT,
            in, expected, MPI.INT);
        final MPIException nonBlocking = assertThrows(MPIException.class, request::waitFor);
        assertEquals(MPI.ERR_TRUNCATE, nonBlocking.getErrorClass(), nonBlocking.getMessage());
        assertEquals(-7, in.get(0));
        pair.neighborAllGather(new int[]{rank}, 1, MPI.INT, received, 1, MPI.INT); // matching counts still work
        assertEquals(other, received[0]);
        MPI.Finalize();
    }

    @Test
    void collectiveErrorsHaveTheirClasses()
    {
        MpiJob.run(2, CollectivesTest::collectiveErrorsHaveTheirClasses);
    }

    static void collectiveErrorsHaveTheirClasses(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        world.setErrhandler(MPI.ERRORS_RETURN);
        assertEquals(MPI.ERR_ROOT, assertThrows(MPIException.class,
            () -> world.bcast(new int[1], 1, MPI.INT, 5)).getErrorClass());
        assertEquals(MPI.ERR_OP, assertThrows(MPIException.class,
            () -> world.allReduce(new double[1], new double[1], 1, MPI.DOUBLE, MPI.BAND)).getErrorClass());
        assertEquals(MPI.ERR_OP, assertThrows(MPIException.class,
            () -> world.allReduce(new int[1], new int[1], 1, MPI.INT, MPI.REPLACE)).getErrorClass());
        final Datatype mixed = Datatype.createStruct(new int[]{1, 1}, new int[]{0, 8},
            new Datatype[]{MPI.INT, MPI.DOUBLE});
        mixed.commit();
        assertEquals(MPI.ERR_TYPE, assertThrows(MPIException.class,
            () -> world.allReduce(new byte[16], new byte[16], 1, mixed, MPI.SUM)).getErrorClass());
        assertEquals(MPI.ERR_DIMS, assertThrows(MPIException.class,
            () -> world.createCart(new int[]{3}, new boolean[]{false}, false)).getErrorClass());
        assertEquals(MPI.ERR_TOPOLOGY, assertThrows(MPIException.class,
            () -> world.neighborAllGather(new int[1], 1, MPI.INT, new int[1], 1, MPI.INT)).getErrorClass());
        MPI.Finalize();
    }
}
