package mpi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class PointToPointTest
{
    @Test
    void blockingSendAndRecvOfEveryPrimitiveArray()
    {
        MpiJob.run(2, PointToPointTest::blockingSendAndRecvOfEveryPrimitiveArray);
    }

    static void blockingSendAndRecvOfEveryPrimitiveArray(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        if (world.getRank() == 0)
        {
            world.send(new byte[]{1, -2, 3}, 3, MPI.BYTE, 1, 1);
            world.send(new char[]{'h', 'é', '€'}, 3, MPI.CHAR, 1, 2);
            world.send(new short[]{-7, 300}, 2, MPI.SHORT, 1, 3);
            world.send(new boolean[]{true, false, true}, 3, MPI.BOOLEAN, 1, 4);
            world.send(new int[]{Integer.MIN_VALUE, 0, 42}, 3, MPI.INT, 1, 5);
            world.send(new long[]{Long.MAX_VALUE, -1}, 2, MPI.LONG, 1, 6);
            world.send(new float[]{1.5f, -0.25f}, 2, MPI.FLOAT, 1, 7);
            world.send(new double[]{Math.PI, -Math.E, 1e300}, 3, MPI.DOUBLE, 1, 8);
        }
        else
        {
            final byte[] b = new byte[3];
            final Status s = world.recv(b, 3, MPI.BYTE, 0, 1);
            assertArrayEquals(new byte[]{1, -2, 3}, b);
            assertEquals(0, s.getSource());
            assertEquals(1, s.getTag());
            assertEquals(3, s.getCount(MPI.BYTE));
            final char[] c = new char[3];
            world.recv(c, 3, MPI.CHAR, 0, 2);
            assertArrayEquals(new char[]{'h', 'é', '€'}, c);
            final short[] sh = new short[2];
            world.recv(sh, 2, MPI.SHORT, 0, 3);
            assertArrayEquals(new short[]{-7, 300}, sh);
            final boolean[] z = new boolean[3];
            world.recv(z, 3, MPI.BOOLEAN, 0, 4);
            assertArrayEquals(new boolean[]{true, false, true}, z);
            final int[] i = new int[5];
            final Status si = world.recv(i, 5, MPI.INT, 0, 5);
            assertArrayEquals(new int[]{Integer.MIN_VALUE, 0, 42, 0, 0}, i);
            assertEquals(3, si.getCount(MPI.INT));
            assertEquals(3, si.getElements(MPI.INT));
            final long[] l = new long[2];
            world.recv(l, 2, MPI.LONG, 0, 6);
            assertArrayEquals(new long[]{Long.MAX_VALUE, -1}, l);
            final float[] f = new float[2];
            world.recv(f, 2, MPI.FLOAT, 0, 7);
            assertArrayEquals(new float[]{1.5f, -0.25f}, f);
            final double[] d = new double[3];
            final Status sd = world.recv(d, 3, MPI.DOUBLE, MPI.ANY_SOURCE, MPI.ANY_TAG);
            assertArrayEquals(new double[]{Math.PI, -Math.E, 1e300}, d);
            assertEquals(8, sd.getTag());
            assertEquals(MPI.UNDEFINED, sd.getCount(MPI.DOUBLE_COMPLEX));
            assertEquals(2, sd.getCount(MPI.LONG_INT));
        }
        MPI.Finalize();
    }

    @Test
    void directHeapAndSlicedBuffers()
    {
        MpiJob.run(2, PointToPointTest::directHeapAndSlicedBuffers);
    }

    static void directHeapAndSlicedBuffers(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        if (world.getRank() == 0)
        {
            final IntBuffer direct = MPI.newIntBuffer(4);
            direct.put(0, 10).put(1, 11).put(2, 12).put(3, 13);
            direct.position(3);
            world.send(direct, 4, MPI.INT, 1, 0);
            final DoubleBuffer heap = DoubleBuffer.wrap(new double[]{1, 2, 3, 4, 5});
            world.send(MPI.slice(heap, 2), 3, MPI.DOUBLE, 1, 1);
            final LongBuffer sliced = MPI.slice(MPI.newLongBuffer(10), 4);
            sliced.put(0, 77L);
            world.send(sliced, 1, MPI.LONG, 1, 2);
            world.send(MPI.slice(new int[]{5, 6, 7, 8}, 1), 2, MPI.INT, 1, 3);
        }
        else
        {
            final IntBuffer direct = MPI.newIntBuffer(4);
            world.recv(direct, 4, MPI.INT, 0, 0);
            assertEquals(13, direct.get(3));
            assertEquals(10, direct.get(0));
            final double[] target = new double[4];
            world.recv(MPI.slice(target, 1), 3, MPI.DOUBLE, 0, 1);
            assertArrayEquals(new double[]{0, 3, 4, 5}, target);
            final ByteBuffer bytes = MPI.newByteBuffer(8);
            world.recv(bytes, 8, MPI.BYTE, 0, 2);
            assertEquals(77L, bytes.getLong(0));
            final int[] ints = new int[3];
            world.recv(ints, 2, MPI.INT, 0, 3);
            assertArrayEquals(new int[]{6, 7, 0}, ints);
        }
        MPI.Finalize();
    }

    @Test
    void sendRecvAroundARingAndReplace()
    {
        MpiJob.run(3, PointToPointTest::sendRecvAroundARingAndReplace);
    }

    static void sendRecvAroundARingAndReplace(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int rank = world.getRank();
        final int size = world.getSize();
        final int right = (rank + 1) % size;
        final int left = (rank + size - 1) % size;
        final long[] in = new long[1];
        final Status status = world.sendRecv(new long[]{rank * 100L}, 1, MPI.LONG, right, 9, in, 1, MPI.LONG,
            left, 9);
        assertEquals(left * 100L, in[0]);
        assertEquals(left, status.getSource());
        final int[] value = {rank};
        world.sendRecvReplace(value, 1, MPI.INT, right, 4, left, 4);
        assertEquals(left, value[0]);
        MPI.Finalize();
    }

    @Test
    void nonBlockingOnBuffersAndArrays()
    {
        MpiJob.run(2, PointToPointTest::nonBlockingOnBuffersAndArrays);
    }

    static void nonBlockingOnBuffersAndArrays(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int peer = 1 - world.getRank();
        final int n = 100_000;
        final DoubleBuffer out = MPI.newDoubleBuffer(n);
        final int[] outArray = new int[n];
        for (int i = 0; i < n; i++)
        {
            out.put(i, i * 0.5 + world.getRank());
            outArray[i] = i ^ world.getRank();
        }
        final DoubleBuffer in = MPI.newDoubleBuffer(n);
        final int[] inArray = new int[n];
        final Request[] requests =
        {
            world.iRecv(in, n, MPI.DOUBLE, peer, 1),
            world.iRecv(inArray, n, MPI.INT, peer, 2),
            world.iSend(out, n, MPI.DOUBLE, peer, 1),
            world.iSend(outArray, n, MPI.INT, peer, 2),
        };
        Arrays.fill(outArray, -1);
        final Status[] statuses = Request.waitAllStatus(requests);
        assertEquals(peer, statuses[0].getSource());
        assertEquals(n, statuses[1].getCount(MPI.INT));
        for (int i = 0; i < n; i++)
        {
            assertEquals(i * 0.5 + peer, in.get(i));
            assertEquals(i ^ peer, inArray[i]);
        }
        for (final Request request : requests)
        {
            assertTrue(request.isNull());
            assertTrue(request.test());
        }
        MPI.Finalize();
    }

    @Test
    void waitAnyTestAnyAndWaitSome()
    {
        MpiJob.run(2, PointToPointTest::waitAnyTestAnyAndWaitSome);
    }

    static void waitAnyTestAnyAndWaitSome(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        if (world.getRank() == 0)
        {
            final IntBuffer a = MPI.newIntBuffer(1);
            final IntBuffer b = MPI.newIntBuffer(1);
            final Request[] requests = {world.iRecv(a, 1, MPI.INT, 1, 10), world.iRecv(b, 1, MPI.INT, 1, 20)};
            assertNull(Request.testAnyStatus(requests));
            world.send(new int[0], 0, MPI.INT, 1, 0);
            final Status first = Request.waitAnyStatus(requests);
            assertEquals(1, first.getIndex());
            assertEquals(20, b.get(0));
            world.send(new int[0], 0, MPI.INT, 1, 1);
            final int[] done = Request.waitSome(requests);
            assertArrayEquals(new int[]{0}, done);
            assertEquals(10, a.get(0));
            assertEquals(MPI.UNDEFINED, Request.waitAny(requests));
            assertNull(Request.waitSome(requests));
        }
        else
        {
            world.recv(new int[0], 0, MPI.INT, 0, 0);
            world.send(new int[]{20}, 1, MPI.INT, 0, 20);
            world.recv(new int[0], 0, MPI.INT, 0, 1);
            world.send(new int[]{10}, 1, MPI.INT, 0, 10);
        }
        MPI.Finalize();
    }

    @Test
    void persistentRequestsRestart()
    {
        MpiJob.run(2, PointToPointTest::persistentRequestsRestart);
    }

    static void persistentRequestsRestart(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        final int peer = 1 - world.getRank();
        final IntBuffer out = MPI.newIntBuffer(2);
        final IntBuffer in = MPI.newIntBuffer(2);
        final Prequest send = world.sendInit(out, 2, MPI.INT, peer, 3);
        final Prequest recv = world.recvInit(in, 2, MPI.INT, peer, 3);
        for (int round = 0; round < 5; round++)
        {
            out.put(0, round).put(1, world.getRank());
            Prequest.startAll(new Prequest[]{recv, send});
            Request.waitAll(new Request[]{recv, send});
            assertEquals(round, in.get(0));
            assertEquals(peer, in.get(1));
            assertFalse(send.isNull());
        }
        send.free();
        recv.free();
        MPI.Finalize();
    }

    @Test
    void probeIProbeAndMessages()
    {
        MpiJob.run(2, PointToPointTest::probeIProbeAndMessages);
    }

    static void probeIProbeAndMessages(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        if (world.getRank() == 0)
        {
            assertNull(world.iProbe(1, 5));
            world.send(new int[0], 0, MPI.INT, 1, 0);
            final Status probed = world.probe(MPI.ANY_SOURCE, 5);
            final int n = probed.getCount(MPI.DOUBLE);
            assertEquals(7, n);
            final double[] data = new double[n];
            world.recv(data, n, MPI.DOUBLE, probed.getSource(), probed.getTag());
            assertEquals(6.0, data[6]);
            final Message message = new Message();
            final Status held = message.mProbe(1, 6, world);
            final int[] ints = new int[held.getCount(MPI.INT)];
            // the probed message left matching: a wildcard receive now gets the next one
            final int[] next = new int[3];
            final Status other = world.recv(next, 3, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
            assertEquals(6, other.getTag());
            assertArrayEquals(new int[]{7, 7, 7}, next, "the wildcard receive must not steal the probed message");
            message.mRecv(ints, ints.length, MPI.INT);
            assertArrayEquals(new int[]{9, 8}, ints);
            assertTrue(message.isNull());
            final Message again = new Message();
            awaitProbe(again, world);
            final IntBuffer into = MPI.newIntBuffer(1);
            final Request pending = again.imRecv(into, 1, MPI.INT);
            assertEquals(8, pending.waitStatus().getTag());
            assertEquals(42, into.get(0));
            assertEquals(MPI.PROC_NULL, world.probe(MPI.PROC_NULL, 1).getSource());
            final Message none = new Message();
            none.mProbe(MPI.PROC_NULL, 1, world);
            assertTrue(none.isNoProc());
            assertEquals(MPI.PROC_NULL, none.mRecv(new int[1], 1, MPI.INT).getSource());
        }
        else
        {
            world.recv(new int[0], 0, MPI.INT, 0, 0);
            final double[] data = new double[7];
            for (int i = 0; i < data.length; i++)
            {
                data[i] = i;
            }
            world.send(data, 7, MPI.DOUBLE, 0, 5);
            world.send(new int[]{9, 8}, 2, MPI.INT, 0, 6);
            world.send(new int[]{7, 7, 7}, 3, MPI.INT, 0, 6);
            world.send(new int[]{42}, 1, MPI.INT, 0, 8);
        }
        MPI.Finalize();
    }

    private static void awaitProbe(final Message message, final Comm comm) throws MPIException
    {
        while (!message.imProbe(1, 8, comm))
        {
            Thread.onSpinWait();
        }
    }

    @Test
    void sendModesBufferedSynchronousReadyAndProcNull()
    {
        MpiJob.run(2, PointToPointTest::sendModesBufferedSynchronousReadyAndProcNull);
    }

    static void sendModesBufferedSynchronousReadyAndProcNull(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        world.send(new int[]{1}, 1, MPI.INT, MPI.PROC_NULL, 0);
        final Status nothing = world.recv(new int[1], 1, MPI.INT, MPI.PROC_NULL, 0);
        assertEquals(MPI.PROC_NULL, nothing.getSource());
        if (world.getRank() == 0)
        {
            MPI.attachBuffer(new byte[2 * (400 + MPI.BSEND_OVERHEAD)]);
            world.bSend(new int[100], 100, MPI.INT, 1, 1);
            final Request ib = world.ibSend(MPI.newIntBuffer(100), 100, MPI.INT, 1, 2);
            assertNotNull(ib.waitStatus());
            world.sSend(new long[]{5}, 1, MPI.LONG, 1, 3);
            world.rSend(new long[]{6}, 1, MPI.LONG, 1, 4);
            assertEquals(2 * (400 + MPI.BSEND_OVERHEAD), MPI.detachBuffer().length);
        }
        else
        {
            world.recv(new int[100], 100, MPI.INT, 0, 1);
            world.recv(new int[100], 100, MPI.INT, 0, 2);
            final long[] v = new long[1];
            world.recv(v, 1, MPI.LONG, 0, 3);
            assertEquals(5, v[0]);
            world.recv(v, 1, MPI.LONG, 0, 4);
            assertEquals(6, v[0]);
        }
        MPI.Finalize();
    }

    @Test
    void environmentQueries()
    {
        MpiJob.run(2, PointToPointTest::environmentQueries);
    }

    static void environmentQueries(final String[] args) throws Exception
    {
        assertFalse(MPI.isInitialized());
        assertEquals(2, MPI.InitThread(args, MPI.THREAD_MULTIPLE));
        assertTrue(MPI.isInitialized());
        assertTrue(MPI.isThreadMain());
        assertEquals(MPI.THREAD_SERIALIZED, MPI.queryThread());
        assertTrue(MPI.wtime() >= 0);
        assertTrue(MPI.wtick() > 0);
        assertFalse(MPI.getProcessorName().isEmpty());
        assertEquals(3, MPI.getVersion().getVersion());
        assertEquals(Integer.MAX_VALUE, MPI.COMM_WORLD.getAttr(MPI.TAG_UB));
        assertEquals(Boolean.FALSE, MPI.COMM_WORLD.getAttr(MPI.WTIME_IS_GLOBAL));
        assertEquals(2, MPI.COMM_WORLD.getAttr(MPI.UNIVERSE_SIZE));
        final int key = Comm.createKeyval();
        MPI.COMM_WORLD.setAttr(key, "value-" + MPI.COMM_WORLD.getRank());
        assertEquals("value-" + MPI.COMM_WORLD.getRank(), MPI.COMM_WORLD.getAttr(key));
        MPI.COMM_WORLD.deleteAttr(key);
        assertNull(MPI.COMM_WORLD.getAttr(key));
        MPI.COMM_WORLD.setName("world-" + MPI.COMM_WORLD.getRank());
        assertEquals("world-" + MPI.COMM_WORLD.getRank(), MPI.COMM_WORLD.getName());
        assertEquals(MPI.UNDEFINED, MPI.COMM_WORLD.getTopology());
        assertEquals(MPI.IDENT, Comm.compare(MPI.COMM_WORLD, MPI.COMM_WORLD));
        assertEquals(2, MPI.COMM_WORLD.getGroup().getSize());
        assertEquals(MPI.COMM_WORLD.getRank(), MPI.COMM_WORLD.getGroup().getRank());
        MPI.Finalize();
        assertTrue(MPI.isFinalized());
    }
}
