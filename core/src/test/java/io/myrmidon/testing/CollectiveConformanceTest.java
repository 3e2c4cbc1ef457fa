package io.myrmidon.testing;

import io.myrmidon.Communicator;
import io.myrmidon.Datatype;
import io.myrmidon.Op;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.myrmidon.Communicator.IN_PLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every collective against the sequential reference ({@link ReductionReference}), as a property
 * test (gather, scatter, their v forms, allgatherv, alltoallv, reduce-scatter and the scans also
 * through their non-blocking twins, one call in four): a seeded random sequence of calls (the
 * same on every rank) over random operations, datatypes, counts from 0 to large, roots and
 * in-place or not, for every rank count from 1 to 17. Each result is checked, and the bytes
 * around it must stay untouched. The seed is printed and named in every failure; set
 * {@code -Dmyrmidon.test.seed=N} to replay one.
 *
 * <p>Transports run it by extending it, like {@link TransportConformanceTest}.
 */
@Timeout(300)
public abstract class CollectiveConformanceTest
{
    private static final int GUARD = 16;
    private static final byte GUARD_BYTE = (byte)0xA5;
    private static final int[] COUNTS = {0, 1, 2, 3, 7, 16, 33, 100, 257, 1000};
    private static final List<Object[]> PAIRS = ReductionReference.validPairs();

    /**
     * @return the name of the transport under test.
     */
    protected abstract String transport();

    /**
     * @return properties given to every rank. By default ranks spin only briefly before backing
     * off: jobs of up to 17 ranks share the test machine's few cores.
     */
    protected Map<String, String> properties()
    {
        return Map.of("myrmidon.idle.spinNanos", "20000", "myrmidon.idle.yieldNanos", "20000");
    }

    /**
     * @return the rank counts the property test covers.
     */
    protected int[] rankCounts()
    {
        return new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
    }

    /**
     * @return how many random collective calls each job makes.
     */
    protected int callsPerJob()
    {
        return 60;
    }

    protected void job(final int size, final Map<String, String> properties, final RankBody body)
    {
        ThreadJob.run(size, transport(), properties, 120, body);
    }

    protected static long seed()
    {
        final String fixed = System.getProperty("myrmidon.test.seed");
        final long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
        System.out.println("collective test seed=" + seed + " (replay with -Dmyrmidon.test.seed=" + seed + ")");
        return seed;
    }

    @Test
    void everyCollectiveMatchesTheSequentialReference()
    {
        final long seed = seed();
        for (final int size : rankCounts())
        {
            final long start = System.nanoTime();
            job(size, properties(), mpi -> randomCalls(mpi.world(), seed + size, callsPerJob()));
            System.out.println(size + " ranks: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }

    @Test
    void forcedAlgorithmsMatchTheReference()
    {
        final long seed = seed();
        final List<Map<String, String>> forced = List.of(
            Map.of("myrmidon.coll.allreduce", "ring", "myrmidon.coll.bcast", "scatter-allgather",
                "myrmidon.coll.allgather", "ring", "myrmidon.coll.alltoall", "pairwise",
                "myrmidon.coll.reduce", "reduce-scatter-gather"),
            Map.of("myrmidon.coll.allreduce", "rabenseifner", "myrmidon.coll.allgather", "bruck",
                "myrmidon.coll.alltoall", "linear", "myrmidon.coll.bcast", "binomial",
                "myrmidon.coll.reduce", "binomial"),
            Map.of("myrmidon.coll.allreduce", "recursive-doubling"));
        for (final Map<String, String> algorithms : forced)
        {
            final Map<String, String> properties = new java.util.HashMap<>(properties());
            properties.putAll(algorithms);
            for (final int size : new int[]{2, 3, 5, 8, 13})
            {
                job(size, properties, mpi -> randomCalls(mpi.world(), seed + size, callsPerJob() / 2));
            }
        }
    }

    @Test
    void resultsAreBitIdenticalOnEveryRankAndAcrossTreeAlgorithms()
    {
        final long seed = seed();
        final Map<String, Long> digests = new java.util.concurrent.ConcurrentHashMap<>();
        final int[] counts = {1, 3, 300, 5000, 40_000};
        for (final String algorithm : new String[]{"recursive-doubling", "rabenseifner", "ring"})
        {
            for (final int size : new int[]{3, 6, 12})
            {
                final Map<String, String> properties = new java.util.HashMap<>(properties());
                properties.put("myrmidon.coll.allreduce", algorithm);
                properties.put("myrmidon.coll.reduce", "reduce-scatter-gather");
                job(size, properties, mpi ->
                {
                    final Communicator world = mpi.world();
                    final MutableDirectBuffer digest = new UnsafeBuffer(new byte[8 * world.size()]);
                    for (final int count : counts)
                    {
                        for (final Datatype type : new Datatype[]{Datatype.DOUBLE, Datatype.FLOAT})
                        {
                            final UnsafeBuffer data = new UnsafeBuffer(new byte[count * type.size()]);
                            final UnsafeBuffer reduced = new UnsafeBuffer(new byte[count * type.size()]);
                            final SplittableRandom random = new SplittableRandom(seed + world.rank() * 31L + count);
                            for (int i = 0; i < count; i++)
                            {
                                if (type == Datatype.DOUBLE)
                                {
                                    data.putDouble(i * 8, random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-8, 9)));
                                }
                                else
                                {
                                    data.putFloat(i * 4, (float)(random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-4, 5))));
                                }
                            }
                            final int root = world.size() - 1;
                            world.reduce(data, 0, reduced, 0, count, type, Op.SUM, root);
                            world.allReduce(IN_PLACE, 0, data, 0, count, type, Op.SUM);
                            final long mine = digest(data, count * type.size());
                            if (world.rank() == root && !algorithm.equals("ring"))
                            {
                                assertEquals(mine, digest(reduced, count * type.size()), "Rabenseifner's reduce " +
                                    "and the " + algorithm + " allReduce of " + count + " " + type + " on " +
                                    world.size() + " ranks differ (seed " + seed + ")");
                            }
                            digest.putLong(world.rank() * 8, mine);
                            world.allGather(IN_PLACE, 0, digest, 0, 1, Datatype.LONG);
                            for (int r = 0; r < world.size(); r++)
                            {
                                assertEquals(mine, digest.getLong(r * 8), algorithm + " allReduce of " + count + " " +
                                    type + " on " + world.size() + " ranks: rank " + r + " got other bits (seed " +
                                    seed + ")");
                            }
                            digests.put(algorithm + "/" + size + "/" + count + "/" + type, mine);
                        }
                    }
                });
            }
        }
        for (final int size : new int[]{3, 6, 12})
        {
            for (final int count : counts)
            {
                for (final Datatype type : new Datatype[]{Datatype.DOUBLE, Datatype.FLOAT})
                {
                    assertEquals(digests.get("recursive-doubling/" + size + "/" + count + "/" + type),
                        digests.get("rabenseifner/" + size + "/" + count + "/" + type),
                        "recursive doubling and Rabenseifner combine in the same order: " + count + " " + type +
                            " on " + size + " ranks (seed " + seed + ")");
                }
            }
        }
    }

    private static long digest(final UnsafeBuffer buffer, final int length)
    {
        long hash = 1125899906842597L;
        for (int i = 0; i < length; i++)
        {
            hash = 31 * hash + buffer.getByte(i);
        }
        return hash;
    }

    @Test
    void nonBlockingCollectivesProgressTogetherAndComplete()
    {
        final long seed = seed();
        for (final int size : new int[]{1, 4, 7})
        {
            job(size, properties(), mpi ->
            {
                final Communicator world = mpi.world();
                final int n = world.size();
                final int me = world.rank();
                for (int round = 0; round < 5; round++)
                {
                    final long s = seed + round;
                    final int count = round == 2 ? 20_000 : 100 + round;
                    final UnsafeBuffer sum = new UnsafeBuffer(new byte[count * 8]);
                    ReductionReference.input(sum, 0, count, Datatype.LONG, Op.SUM, s, me);
                    final UnsafeBuffer bcast = new UnsafeBuffer(new byte[count]);
                    if (me == round % n)
                    {
                        fillBytes(bcast, 0, count, s);
                    }
                    final UnsafeBuffer reduceIn = new UnsafeBuffer(new byte[count * 8]);
                    ReductionReference.input(reduceIn, 0, count, Datatype.LONG, ReductionReference.AFFINE_COMPOSITION,
                        s, me);
                    final UnsafeBuffer reduceOut = new UnsafeBuffer(new byte[count * 8]);
                    final UnsafeBuffer gatherIn = bytesOf(count, blockSeed(s, me, 0));
                    final UnsafeBuffer gathered = new UnsafeBuffer(new byte[count * n]);
                    final UnsafeBuffer toAllIn = new UnsafeBuffer(new byte[count * n]);
                    for (int j = 0; j < n; j++)
                    {
                        fillBytes(toAllIn, j * count, count, blockSeed(s, me, j));
                    }
                    final UnsafeBuffer toAllOut = new UnsafeBuffer(new byte[count * n]);

                    final io.myrmidon.Request[] requests = {
                        world.iAllReduce(IN_PLACE, 0, sum, 0, count, Datatype.LONG, Op.SUM),
                        world.iBcast(bcast, 0, count, Datatype.BYTE, round % n),
                        world.iBarrier(),
                        world.iReduce(reduceIn, 0, reduceOut, 0, count, Datatype.LONG,
                            ReductionReference.AFFINE_COMPOSITION, n - 1),
                        world.iAllGather(gatherIn, 0, gathered, 0, count, Datatype.BYTE),
                        world.iAllToAll(toAllIn, 0, toAllOut, 0, count, Datatype.BYTE)
                    };
                    // a blocking collective and point-to-point traffic while they are in flight
                    final UnsafeBuffer one = new UnsafeBuffer(new byte[8]);
                    one.putLong(0, 1);
                    world.allReduce(IN_PLACE, 0, one, 0, 1, Datatype.LONG, Op.SUM);
                    assertEquals(n, one.getLong(0), "blocking allReduce among non-blocking ones");
                    final UnsafeBuffer token = new UnsafeBuffer(new byte[4]);
                    final UnsafeBuffer mine = new UnsafeBuffer(new byte[4]);
                    mine.putInt(0, me);
                    world.sendRecv(mine, 0, 4, (me + 1) % n, 5, token, 0, 4, (me - 1 + n) % n, 5, null);
                    assertEquals((me - 1 + n) % n, token.getInt(0), "point-to-point among non-blocking collectives");
                    if (round % 2 == 0)
                    {
                        int done = 0;
                        while (done < requests.length)
                        {
                            final int index = io.myrmidon.Request.waitAny(requests, requests.length, null);
                            if (index < 0)
                            {
                                break;
                            }
                            done++;
                        }
                        assertEquals(requests.length, done, "waitAny completes each request once");
                    }
                    else
                    {
                        while (!io.myrmidon.Request.testAll(requests, requests.length))
                        {
                            Thread.onSpinWait();
                        }
                    }
                    for (final io.myrmidon.Request request : requests)
                    {
                        assertEquals(false, request.isActive(), "released once complete");
                    }
                    final String what = "round " + round + " on " + n + " ranks (seed " + seed + ")";
                    assertBytes(ReductionReference.reduce(count, Datatype.LONG, Op.SUM, s, 0, n), 0, sum, 0, count * 8,
                        "iAllReduce " + what);
                    assertBytes(bytesOf(count, s), 0, bcast, 0, count, "iBcast " + what);
                    if (me == n - 1)
                    {
                        assertBytes(ReductionReference.reduce(count, Datatype.LONG, ReductionReference.AFFINE_COMPOSITION,
                            s, 0, n), 0, reduceOut, 0, count * 8, "iReduce " + what);
                    }
                    for (int i = 0; i < n; i++)
                    {
                        assertBytes(bytesOf(count, blockSeed(s, i, 0)), 0, gathered, i * count, count, "iAllGather " + what);
                        assertBytes(bytesOf(count, blockSeed(s, i, me)), 0, toAllOut, i * count, count,
                            "iAllToAll " + what);
                    }
                }
            });
        }
    }

    @Test
    void everyOtherNonBlockingCollectiveRunsAlongsideTheRestAndMatchesItsBlockingForm()
    {
        final long seed = seed();
        for (final int size : new int[]{3, 5})
        {
            job(size, properties(), mpi ->
            {
                final Communicator world = mpi.world();
                final int n = world.size();
                final int me = world.rank();
                final int count = 50 + me;
                final int[] counts = new int[n];
                final int[] displacements = new int[n];
                int total = 0;
                for (int i = 0; i < n; i++)
                {
                    counts[i] = 50 + i;
                    displacements[i] = total;
                    total += counts[i];
                }
                final UnsafeBuffer mine = bytesOf(count * 8, seed + me);
                final UnsafeBuffer vector = new UnsafeBuffer(new byte[total * 8]);
                ReductionReference.input(vector, 0, total, Datatype.LONG, Op.SUM, seed, me);
                final UnsafeBuffer maps = new UnsafeBuffer(new byte[total * 8]);
                ReductionReference.input(maps, 0, total, Datatype.LONG, ReductionReference.AFFINE_COMPOSITION, seed,
                    me);
                final int root = n - 1;
                final UnsafeBuffer[] nonBlocking = new UnsafeBuffer[8];
                final UnsafeBuffer[] blocking = new UnsafeBuffer[8];
                for (int i = 0; i < 8; i++)
                {
                    nonBlocking[i] = new UnsafeBuffer(new byte[total * 8 * n]);
                    blocking[i] = new UnsafeBuffer(new byte[total * 8 * n]);
                }
                final UnsafeBuffer scatterSource = bytesOf(total * 8, seed);
                final int[] sendCounts = new int[n];
                final int[] recvCounts = new int[n];
                for (int j = 0; j < n; j++)
                {
                    sendCounts[j] = (me + j) % 4;
                    recvCounts[j] = (j + me) % 4;
                }
                final io.myrmidon.Request[] requests = {
                    world.iGather(mine, 0, nonBlocking[0], 0, 50, Datatype.LONG, root),
                    world.iGatherv(mine, 0, count, nonBlocking[1], 0, counts, displacements, Datatype.LONG, 0),
                    world.iScatterv(scatterSource, 0, counts, displacements, nonBlocking[2], 0, count, Datatype.LONG,
                        root),
                    world.iAllGatherv(mine, 0, count, nonBlocking[3], 0, counts, displacements, Datatype.LONG),
                    world.iAllToAllv(vector, 0, sendCounts, null, nonBlocking[4], 0, recvCounts, null, Datatype.LONG),
                    world.iReduceScatter(vector, 0, nonBlocking[5], 0, counts, Datatype.LONG, Op.SUM),
                    world.iScan(maps, 0, nonBlocking[6], 0, total, Datatype.LONG,
                        ReductionReference.AFFINE_COMPOSITION),
                    world.iExScan(vector, 0, nonBlocking[7], 0, total, Datatype.LONG, Op.SUM)
                };
                // blocking traffic of both kinds while they are in flight
                final UnsafeBuffer one = new UnsafeBuffer(new byte[8]);
                one.putLong(0, 1);
                world.allReduce(IN_PLACE, 0, one, 0, 1, Datatype.LONG, Op.SUM);
                assertEquals(n, one.getLong(0));
                final UnsafeBuffer token = new UnsafeBuffer(new byte[4]);
                final UnsafeBuffer myToken = new UnsafeBuffer(new byte[4]);
                myToken.putInt(0, me);
                world.sendRecv(myToken, 0, 4, (me + 1) % n, 5, token, 0, 4, (me - 1 + n) % n, 5, null);
                assertEquals((me - 1 + n) % n, token.getInt(0));
                io.myrmidon.Request.waitAll(requests, requests.length);

                world.gather(mine, 0, blocking[0], 0, 50, Datatype.LONG, root);
                world.gatherv(mine, 0, count, blocking[1], 0, counts, displacements, Datatype.LONG, 0);
                world.scatterv(scatterSource, 0, counts, displacements, blocking[2], 0, count, Datatype.LONG, root);
                world.allGatherv(mine, 0, count, blocking[3], 0, counts, displacements, Datatype.LONG);
                world.allToAllv(vector, 0, sendCounts, null, blocking[4], 0, recvCounts, null, Datatype.LONG);
                world.reduceScatter(vector, 0, blocking[5], 0, counts, Datatype.LONG, Op.SUM);
                world.scan(maps, 0, blocking[6], 0, total, Datatype.LONG, ReductionReference.AFFINE_COMPOSITION);
                world.exScan(vector, 0, blocking[7], 0, total, Datatype.LONG, Op.SUM);
                final String[] names = {"iGather", "iGatherv", "iScatterv", "iAllGatherv", "iAllToAllv",
                    "iReduceScatter", "iScan", "iExScan"};
                for (int i = 0; i < 8; i++)
                {
                    assertBytes(blocking[i], 0, nonBlocking[i], 0, blocking[i].capacity(), names[i] + " on " + n +
                        " ranks, rank " + me + " (seed " + seed + ")");
                }
                final UnsafeBuffer expectedScan =
                    ReductionReference.reduce(total, Datatype.LONG, ReductionReference.AFFINE_COMPOSITION, seed, 0,
                        me + 1);
                assertBytes(expectedScan, 0, nonBlocking[6], 0, total * 8, "iScan against the reference");
            });
        }
    }

    @Test
    void eightRanksFinishOnFewCoresWithTheDefaultWaiting()
    {
        job(8, Map.of(), mpi ->
        {
            final Communicator world = mpi.world();
            final UnsafeBuffer data = new UnsafeBuffer(new byte[8 * 1024]);
            for (int i = 0; i < 50; i++)
            {
                data.putDouble(0, world.rank());
                world.allReduce(IN_PLACE, 0, data, 0, 1024, Datatype.DOUBLE, Op.SUM);
                assertEquals(28.0, data.getDouble(0), "allReduce " + i);
                world.barrier();
                world.bcast(data, 0, 1024, Datatype.DOUBLE, i % 8);
            }
        });
    }

    @Test
    void blockingCollectivesDoNotAllocateInSteadyState()
    {
        final Map<String, Long> allocated = new java.util.concurrent.ConcurrentHashMap<>();
        job(4, properties(), mpi ->
        {
            final Communicator world = mpi.world();
            final MutableDirectBuffer small = mpi.allocate(64);
            final MutableDirectBuffer large = mpi.allocate(64 * 1024);
            final MutableDirectBuffer gathered = mpi.allocate(4 * 64 * 1024);
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
            // round 0 warms up; rounds 1 and 2 are measured, and the smaller counts: an allocation per
            // call shows in both, while the JVM's own one-off work (a late JIT step, a class loaded by
            // a path first taken late) shows in one at most
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 300; i++)
                {
                    world.allReduce(IN_PLACE, 0, small, 0, 1, Datatype.DOUBLE, Op.SUM);
                    world.allReduce(IN_PLACE, 0, large, 0, 8 * 1024, Datatype.DOUBLE, Op.SUM);
                    world.bcast(large, 0, 16 * 1024, Datatype.INT, i % 4);
                    world.barrier();
                    world.reduce(small, 0, small, 8, 1, Datatype.LONG, Op.MAX, 1);
                    world.allGather(IN_PLACE, 0, gathered, 0, 64, Datatype.BYTE);
                    world.allToAll(IN_PLACE, 0, gathered, 0, 16, Datatype.LONG);
                    world.scan(IN_PLACE, 0, small, 0, 2, Datatype.INT, Op.SUM);
                }
                if (round > 0)
                {
                    least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
                }
            }
            allocated.put("rank " + world.rank(), least);
        });
        System.out.println("bytes allocated by 2400 blocking collectives after warm-up: " + allocated);
        for (final Map.Entry<String, Long> entry : allocated.entrySet())
        {
            // 2400 calls: a single allocation per call would show as tens of kilobytes
            assertEquals(true, entry.getValue() < 16 * 1024, entry.getKey() + " allocated " + entry.getValue() +
                " bytes in 2400 blocking collectives after warm-up");
        }
    }

    /**
     * The same random calls on every rank of {@code comm}.
     */
    protected static void randomCalls(final Communicator comm, final long seed, final int calls)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int call = 0; call < calls; call++)
        {
            final long callSeed = random.nextLong();
            final Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            final Object[] pair = PAIRS.get(random.nextInt(PAIRS.size()));
            final Datatype type = kind.reduces ? (Datatype)pair[0] : Datatype.values()[random.nextInt(7)];
            final Op op = (Op)pair[1];
            int count = COUNTS[random.nextInt(COUNTS.length)];
            if (random.nextInt(10) == 0)
            {
                count = random.nextInt(20_000, 70_000) / type.size();
            }
            final boolean inPlace = random.nextBoolean();
            final int root = random.nextInt(comm.size());
            final int offset = random.nextBoolean() ? 0 : 8 * random.nextInt(1, 4);
            // one call in four of those that have a non-blocking twin runs the twin (and waits for it)
            final boolean nonBlocking = (callSeed & 3) == 0;
            final String what = kind + " of " + count + " " + type + (kind.reduces ? " " + op : "") +
                (inPlace ? " in place" : "") + " root " + root + (nonBlocking ? " (non-blocking twin)" : "") + " on " +
                comm.size() + " ranks (seed " + seed + ", call " + call + ")";
            try
            {
                kind.check(comm, new Call(callSeed, type, op, count, inPlace, root, offset, what, nonBlocking));
            }
            catch (final RuntimeException e)
            {
                throw new AssertionError(what + " failed: " + e, e);
            }
        }
    }

    /**
     * @param nonBlocking run the call's non-blocking twin ({@code iGather} for gather ...) and wait.
     */
    record Call(long seed, Datatype type, Op op, int count, boolean inPlace, int root, int offset, String what,
        boolean nonBlocking)
    {
        int bytes()
        {
            return count * type.size();
        }
    }

    /**
     * A buffer with guard bytes around {@code length} bytes at {@code offset}; heap or direct.
     */
    static UnsafeBuffer guarded(final int offset, final int length, final boolean direct)
    {
        final int capacity = offset + length + GUARD;
        final UnsafeBuffer buffer = direct ?
            new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(capacity)) : new UnsafeBuffer(new byte[capacity]);
        buffer.setMemory(0, capacity, GUARD_BYTE);
        return buffer;
    }

    static void checkGuards(final UnsafeBuffer buffer, final int offset, final int length, final String what)
    {
        for (int i = 0; i < offset; i++)
        {
            if (buffer.getByte(i) != GUARD_BYTE)
            {
                fail(what + ": byte " + i + " before the result was overwritten");
            }
        }
        for (int i = offset + length; i < buffer.capacity(); i++)
        {
            if (buffer.getByte(i) != GUARD_BYTE)
            {
                fail(what + ": byte " + (i - offset - length) + " after the result was overwritten");
            }
        }
    }

    static void fillBytes(final MutableDirectBuffer buffer, final int offset, final int length, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + i, (byte)random.nextInt());
        }
    }

    static void assertBytes(final UnsafeBuffer expected, final int expectedOffset, final UnsafeBuffer actual,
        final int actualOffset, final int length, final String what)
    {
        for (int i = 0; i < length; i++)
        {
            if (expected.getByte(expectedOffset + i) != actual.getByte(actualOffset + i))
            {
                fail(what + ": byte " + i + " of " + length + " differs: expected " +
                    expected.getByte(expectedOffset + i) + " but got " + actual.getByte(actualOffset + i));
            }
        }
    }

    static UnsafeBuffer bytesOf(final int length, final long seed)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Math.max(1, length)]);
        fillBytes(buffer, 0, length, seed);
        return buffer;
    }

    static long blockSeed(final long seed, final int from, final int to)
    {
        return seed * 31 + from * 1009L + to * 7L;
    }

    enum Kind
    {
        BARRIER(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                comm.barrier();
            }
        },
        BCAST(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final UnsafeBuffer buffer = guarded(c.offset(), c.bytes(), comm.rank() % 2 == 0);
                if (comm.rank() == c.root())
                {
                    fillBytes(buffer, c.offset(), c.bytes(), c.seed());
                }
                comm.bcast(buffer, c.offset(), c.count(), c.type(), c.root());
                assertBytes(bytesOf(c.bytes(), c.seed()), 0, buffer, c.offset(), c.bytes(), c.what());
                checkGuards(buffer, c.offset(), c.bytes(), c.what());
            }
        },
        REDUCE(true)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final boolean root = comm.rank() == c.root();
                final boolean inPlace = c.inPlace() && root;
                final UnsafeBuffer send = new UnsafeBuffer(new byte[c.bytes() + c.offset()]);
                final UnsafeBuffer recv = guarded(c.offset(), c.bytes(), true);
                ReductionReference.input(inPlace ? recv : send, c.offset(), c.count(), c.type(), c.op(), c.seed(),
                    comm.rank());
                comm.reduce(inPlace ? IN_PLACE : send, c.offset(), root ? recv : null, c.offset(), c.count(),
                    c.type(), c.op(), c.root());
                if (root)
                {
                    final UnsafeBuffer expected =
                        ReductionReference.reduce(c.count(), c.type(), c.op(), c.seed(), 0, comm.size());
                    assertBytes(expected, 0, recv, c.offset(), c.bytes(), c.what());
                    checkGuards(recv, c.offset(), c.bytes(), c.what());
                }
            }
        },
        ALLREDUCE(true)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final UnsafeBuffer send = new UnsafeBuffer(new byte[c.bytes() + c.offset()]);
                final UnsafeBuffer recv = guarded(c.offset(), c.bytes(), false);
                ReductionReference.input(c.inPlace() ? recv : send, c.offset(), c.count(), c.type(), c.op(), c.seed(),
                    comm.rank());
                comm.allReduce(c.inPlace() ? IN_PLACE : send, c.offset(), recv, c.offset(), c.count(), c.type(),
                    c.op());
                final UnsafeBuffer expected =
                    ReductionReference.reduce(c.count(), c.type(), c.op(), c.seed(), 0, comm.size());
                assertBytes(expected, 0, recv, c.offset(), c.bytes(), c.what());
                checkGuards(recv, c.offset(), c.bytes(), c.what());
            }
        },
        SCAN(true)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final UnsafeBuffer send = new UnsafeBuffer(new byte[c.bytes() + c.offset()]);
                final UnsafeBuffer recv = guarded(c.offset(), c.bytes(), true);
                ReductionReference.input(c.inPlace() ? recv : send, c.offset(), c.count(), c.type(), c.op(), c.seed(),
                    comm.rank());
                if (c.nonBlocking())
                {
                    comm.iScan(c.inPlace() ? IN_PLACE : send, c.offset(), recv, c.offset(), c.count(), c.type(), c.op())
                        .waitFor(null);
                }
                else
                {
                    comm.scan(c.inPlace() ? IN_PLACE : send, c.offset(), recv, c.offset(), c.count(), c.type(), c.op());
                }
                final UnsafeBuffer expected =
                    ReductionReference.reduce(c.count(), c.type(), c.op(), c.seed(), 0, comm.rank() + 1);
                assertBytes(expected, 0, recv, c.offset(), c.bytes(), c.what());
                checkGuards(recv, c.offset(), c.bytes(), c.what());
            }
        },
        EXSCAN(true)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final UnsafeBuffer send = new UnsafeBuffer(new byte[c.bytes() + c.offset()]);
                final UnsafeBuffer recv = guarded(c.offset(), c.bytes(), false);
                ReductionReference.input(c.inPlace() ? recv : send, c.offset(), c.count(), c.type(), c.op(), c.seed(),
                    comm.rank());
                final UnsafeBuffer before = new UnsafeBuffer(new byte[recv.capacity()]);
                before.putBytes(0, recv, 0, recv.capacity());
                if (c.nonBlocking())
                {
                    comm.iExScan(c.inPlace() ? IN_PLACE : send, c.offset(), recv, c.offset(), c.count(), c.type(),
                        c.op()).waitFor(null);
                }
                else
                {
                    comm.exScan(c.inPlace() ? IN_PLACE : send, c.offset(), recv, c.offset(), c.count(), c.type(),
                        c.op());
                }
                if (comm.rank() == 0)
                {
                    assertBytes(before, 0, recv, 0, recv.capacity(), c.what() + " (rank 0 must be untouched)");
                    return;
                }
                final UnsafeBuffer expected =
                    ReductionReference.reduce(c.count(), c.type(), c.op(), c.seed(), 0, comm.rank());
                assertBytes(expected, 0, recv, c.offset(), c.bytes(), c.what());
                checkGuards(recv, c.offset(), c.bytes(), c.what());
            }
        },
        REDUCE_SCATTER_BLOCK(true)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final int total = c.count() * n;
                final int totalBytes = total * c.type().size();
                final UnsafeBuffer send = new UnsafeBuffer(new byte[totalBytes + c.offset()]);
                final UnsafeBuffer recv = guarded(c.offset(), c.inPlace() ? totalBytes : c.bytes(), true);
                ReductionReference.input(c.inPlace() ? recv : send, c.offset(), total, c.type(), c.op(), c.seed(),
                    comm.rank());
                if (c.nonBlocking())
                {
                    comm.iReduceScatterBlock(c.inPlace() ? IN_PLACE : send, c.offset(), recv, c.offset(), c.count(),
                        c.type(), c.op()).waitFor(null);
                }
                else
                {
                    comm.reduceScatterBlock(c.inPlace() ? IN_PLACE : send, c.offset(), recv, c.offset(), c.count(),
                        c.type(), c.op());
                }
                final UnsafeBuffer expected = ReductionReference.reduce(total, c.type(), c.op(), c.seed(), 0, n);
                assertBytes(expected, comm.rank() * c.bytes(), recv, c.offset(), c.bytes(), c.what());
                if (!c.inPlace())
                {
                    checkGuards(recv, c.offset(), c.bytes(), c.what());
                }
            }
        },
        REDUCE_SCATTER(true)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final int[] counts = new int[n];
                final SplittableRandom random = new SplittableRandom(c.seed());
                int total = 0;
                for (int i = 0; i < n; i++)
                {
                    counts[i] = random.nextInt(c.count() + 1);
                    total += counts[i];
                }
                final int size = c.type().size();
                final int mine = counts[comm.rank()] * size;
                final UnsafeBuffer send = new UnsafeBuffer(new byte[total * size + c.offset()]);
                final UnsafeBuffer recv = guarded(c.offset(), c.inPlace() ? total * size : mine, false);
                ReductionReference.input(c.inPlace() ? recv : send, c.offset(), total, c.type(), c.op(), c.seed(),
                    comm.rank());
                if (c.nonBlocking())
                {
                    comm.iReduceScatter(c.inPlace() ? IN_PLACE : send, c.offset(), recv, c.offset(), counts, c.type(),
                        c.op()).waitFor(null);
                }
                else
                {
                    comm.reduceScatter(c.inPlace() ? IN_PLACE : send, c.offset(), recv, c.offset(), counts, c.type(),
                        c.op());
                }
                final UnsafeBuffer expected = ReductionReference.reduce(total, c.type(), c.op(), c.seed(), 0, n);
                int start = 0;
                for (int i = 0; i < comm.rank(); i++)
                {
                    start += counts[i];
                }
                assertBytes(expected, start * size, recv, c.offset(), mine, c.what());
            }
        },
        GATHER(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final boolean root = comm.rank() == c.root();
                final UnsafeBuffer send = bytesOf(c.bytes(), blockSeed(c.seed(), comm.rank(), 0));
                final UnsafeBuffer recv = guarded(c.offset(), c.bytes() * n, true);
                final boolean inPlace = c.inPlace() && root;
                if (inPlace)
                {
                    recv.putBytes(c.offset() + comm.rank() * c.bytes(), send, 0, c.bytes());
                }
                if (c.nonBlocking())
                {
                    comm.iGather(inPlace ? IN_PLACE : send, 0, root ? recv : null, c.offset(), c.count(), c.type(),
                        c.root()).waitFor(null);
                }
                else
                {
                    comm.gather(inPlace ? IN_PLACE : send, 0, root ? recv : null, c.offset(), c.count(), c.type(),
                        c.root());
                }
                if (root)
                {
                    for (int i = 0; i < n; i++)
                    {
                        assertBytes(bytesOf(c.bytes(), blockSeed(c.seed(), i, 0)), 0, recv,
                            c.offset() + i * c.bytes(), c.bytes(), c.what() + " block " + i);
                    }
                    checkGuards(recv, c.offset(), c.bytes() * n, c.what());
                }
            }
        },
        GATHERV(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final int size = c.type().size();
                final int[] counts = new int[n];
                final int[] displacements = new int[n];
                final SplittableRandom random = new SplittableRandom(c.seed());
                int at = 0;
                for (int i = n - 1; i >= 0; i--)
                {
                    counts[i] = random.nextInt(c.count() + 1);
                    displacements[i] = at + random.nextInt(3);
                    at = displacements[i] + counts[i];
                }
                final int mine = counts[comm.rank()] * size;
                final boolean root = comm.rank() == c.root();
                final boolean inPlace = c.inPlace() && root;
                final UnsafeBuffer send = bytesOf(mine, blockSeed(c.seed(), comm.rank(), 0));
                final UnsafeBuffer recv = guarded(c.offset(), at * size, false);
                if (inPlace)
                {
                    recv.putBytes(c.offset() + displacements[comm.rank()] * size, send, 0, mine);
                }
                if (c.nonBlocking())
                {
                    comm.iGatherv(inPlace ? IN_PLACE : send, 0, counts[comm.rank()], root ? recv : null, c.offset(),
                        counts, displacements, c.type(), c.root()).waitFor(null);
                }
                else
                {
                    comm.gatherv(inPlace ? IN_PLACE : send, 0, counts[comm.rank()], root ? recv : null, c.offset(),
                        counts, displacements, c.type(), c.root());
                }
                if (root)
                {
                    for (int i = 0; i < n; i++)
                    {
                        assertBytes(bytesOf(counts[i] * size, blockSeed(c.seed(), i, 0)), 0, recv,
                            c.offset() + displacements[i] * size, counts[i] * size, c.what() + " block " + i);
                    }
                    checkGuards(recv, c.offset(), at * size, c.what());
                }
            }
        },
        SCATTER(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final boolean root = comm.rank() == c.root();
                final UnsafeBuffer send = bytesOf(c.bytes() * n + c.offset(), c.seed());
                final UnsafeBuffer recv = guarded(c.offset(), c.bytes(), true);
                final boolean inPlace = c.inPlace() && root;
                if (c.nonBlocking())
                {
                    comm.iScatter(root ? send : null, c.offset(), inPlace ? IN_PLACE : recv, c.offset(), c.count(),
                        c.type(), c.root()).waitFor(null);
                }
                else
                {
                    comm.scatter(root ? send : null, c.offset(), inPlace ? IN_PLACE : recv, c.offset(), c.count(),
                        c.type(), c.root());
                }
                if (!inPlace)
                {
                    assertBytes(send, c.offset() + comm.rank() * c.bytes(), recv, c.offset(), c.bytes(), c.what());
                    checkGuards(recv, c.offset(), c.bytes(), c.what());
                }
            }
        },
        SCATTERV(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final int size = c.type().size();
                final int[] counts = new int[n];
                final int[] displacements = new int[n];
                final SplittableRandom random = new SplittableRandom(c.seed());
                int at = 0;
                for (int i = 0; i < n; i++)
                {
                    counts[i] = random.nextInt(c.count() + 1);
                }
                for (int i = 0; i < n; i++)
                {
                    displacements[i] = at;
                    at += counts[i] + 1;
                }
                final boolean root = comm.rank() == c.root();
                final UnsafeBuffer send = bytesOf(at * size, c.seed());
                final int mine = counts[comm.rank()] * size;
                final UnsafeBuffer recv = guarded(c.offset(), mine, false);
                if (c.nonBlocking())
                {
                    comm.iScatterv(root ? send : null, 0, counts, displacements, recv, c.offset(), counts[comm.rank()],
                        c.type(), c.root()).waitFor(null);
                }
                else
                {
                    comm.scatterv(root ? send : null, 0, counts, displacements, recv, c.offset(), counts[comm.rank()],
                        c.type(), c.root());
                }
                assertBytes(send, displacements[comm.rank()] * size, recv, c.offset(), mine, c.what());
                checkGuards(recv, c.offset(), mine, c.what());
            }
        },
        ALLGATHER(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final UnsafeBuffer send = bytesOf(c.bytes(), blockSeed(c.seed(), comm.rank(), 0));
                final UnsafeBuffer recv = guarded(c.offset(), c.bytes() * n, false);
                if (c.inPlace())
                {
                    recv.putBytes(c.offset() + comm.rank() * c.bytes(), send, 0, c.bytes());
                }
                comm.allGather(c.inPlace() ? IN_PLACE : send, 0, recv, c.offset(), c.count(), c.type());
                for (int i = 0; i < n; i++)
                {
                    assertBytes(bytesOf(c.bytes(), blockSeed(c.seed(), i, 0)), 0, recv, c.offset() + i * c.bytes(),
                        c.bytes(), c.what() + " block " + i);
                }
                checkGuards(recv, c.offset(), c.bytes() * n, c.what());
            }
        },
        ALLGATHERV(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final int size = c.type().size();
                final int[] counts = new int[n];
                final SplittableRandom random = new SplittableRandom(c.seed());
                int total = 0;
                for (int i = 0; i < n; i++)
                {
                    counts[i] = random.nextInt(c.count() + 1);
                    total += counts[i];
                }
                final int[] displacements = c.inPlace() ? null : new int[n];
                int at = 0;
                for (int i = 0; i < n && displacements != null; i++)
                {
                    displacements[i] = at;
                    at += counts[i];
                }
                final int mine = counts[comm.rank()] * size;
                final UnsafeBuffer send = bytesOf(mine, blockSeed(c.seed(), comm.rank(), 0));
                final UnsafeBuffer recv = guarded(c.offset(), total * size, true);
                int myStart = 0;
                for (int i = 0; i < comm.rank(); i++)
                {
                    myStart += counts[i];
                }
                if (c.inPlace())
                {
                    recv.putBytes(c.offset() + myStart * size, send, 0, mine);
                }
                if (c.nonBlocking())
                {
                    comm.iAllGatherv(c.inPlace() ? IN_PLACE : send, 0, counts[comm.rank()], recv, c.offset(), counts,
                        displacements, c.type()).waitFor(null);
                }
                else
                {
                    comm.allGatherv(c.inPlace() ? IN_PLACE : send, 0, counts[comm.rank()], recv, c.offset(), counts,
                        displacements, c.type());
                }
                int start = 0;
                for (int i = 0; i < n; i++)
                {
                    assertBytes(bytesOf(counts[i] * size, blockSeed(c.seed(), i, 0)), 0, recv,
                        c.offset() + start * size, counts[i] * size, c.what() + " block " + i);
                    start += counts[i];
                }
                checkGuards(recv, c.offset(), total * size, c.what());
            }
        },
        ALLTOALL(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final int bytes = c.bytes();
                final UnsafeBuffer send = new UnsafeBuffer(new byte[bytes * n]);
                final UnsafeBuffer recv = guarded(c.offset(), bytes * n, true);
                for (int j = 0; j < n; j++)
                {
                    fillBytes(c.inPlace() ? recv : send, (c.inPlace() ? c.offset() : 0) + j * bytes, bytes,
                        blockSeed(c.seed(), comm.rank(), j));
                }
                comm.allToAll(c.inPlace() ? IN_PLACE : send, 0, recv, c.offset(), c.count(), c.type());
                for (int i = 0; i < n; i++)
                {
                    assertBytes(bytesOf(bytes, blockSeed(c.seed(), i, comm.rank())), 0, recv, c.offset() + i * bytes,
                        bytes, c.what() + " block from " + i);
                }
                checkGuards(recv, c.offset(), bytes * n, c.what());
            }
        },
        ALLTOALLV(false)
        {
            @Override
            void check(final Communicator comm, final Call c)
            {
                final int n = comm.size();
                final int size = c.type().size();
                final int me = comm.rank();
                // counts[i][j]: elements from i to j, known to all
                final int[][] matrix = new int[n][n];
                final SplittableRandom random = new SplittableRandom(c.seed());
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        matrix[i][j] = random.nextInt(c.count() + 1);
                    }
                }
                final int[] sendCounts = new int[n];
                final int[] recvCounts = new int[n];
                final int[] sendDisplacements = new int[n];
                final int[] recvDisplacements = new int[n];
                int sendAt = 0;
                int recvAt = 0;
                for (int j = n - 1; j >= 0; j--)
                {
                    sendCounts[j] = matrix[me][j];
                    sendDisplacements[j] = sendAt;
                    sendAt += sendCounts[j] + 1;
                }
                for (int i = 0; i < n; i++)
                {
                    recvCounts[i] = c.inPlace() ? matrix[me][i] : matrix[i][me];
                    recvDisplacements[i] = recvAt;
                    recvAt += recvCounts[i];
                }
                if (c.inPlace())
                {
                    // in place needs symmetric counts: use matrix[min][max] both ways
                    for (int i = 0; i < n; i++)
                    {
                        recvCounts[i] = matrix[Math.min(i, me)][Math.max(i, me)];
                    }
                    recvAt = 0;
                    for (int i = 0; i < n; i++)
                    {
                        recvDisplacements[i] = recvAt;
                        recvAt += recvCounts[i];
                    }
                }
                final UnsafeBuffer send = new UnsafeBuffer(new byte[Math.max(1, sendAt * size)]);
                final UnsafeBuffer recv = guarded(c.offset(), recvAt * size, false);
                for (int j = 0; j < n; j++)
                {
                    if (c.inPlace())
                    {
                        fillBytes(recv, c.offset() + recvDisplacements[j] * size, recvCounts[j] * size,
                            blockSeed(c.seed(), me, j));
                    }
                    else
                    {
                        fillBytes(send, sendDisplacements[j] * size, sendCounts[j] * size, blockSeed(c.seed(), me, j));
                    }
                }
                if (c.nonBlocking())
                {
                    comm.iAllToAllv(c.inPlace() ? IN_PLACE : send, 0, sendCounts, sendDisplacements, recv, c.offset(),
                        recvCounts, recvDisplacements, c.type()).waitFor(null);
                }
                else
                {
                    comm.allToAllv(c.inPlace() ? IN_PLACE : send, 0, sendCounts, sendDisplacements, recv, c.offset(),
                        recvCounts, recvDisplacements, c.type());
                }
                for (int i = 0; i < n; i++)
                {
                    assertBytes(bytesOf(recvCounts[i] * size, blockSeed(c.seed(), i, me)), 0, recv,
                        c.offset() + recvDisplacements[i] * size, recvCounts[i] * size, c.what() + " block from " + i);
                }
                checkGuards(recv, c.offset(), recvAt * size, c.what());
            }
        };

        final boolean reduces;

        Kind(final boolean reduces)
        {
            this.reduces = reduces;
        }

        abstract void check(Communicator comm, Call c);
    }
}
