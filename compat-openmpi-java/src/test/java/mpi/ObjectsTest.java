package mpi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests (cancel, free, getStatus, the null request), statuses, Info, buffers and slices.
 */
@Timeout(60)
class ObjectsTest
{
    @Test
    void requestLifeCycle()
    {
        MpiJob.run(2, args ->
        {
            MPI.Init(args);
            final Intracomm world = MPI.COMM_WORLD;
            assertTrue(MPI.REQUEST_NULL.isNull());
            assertTrue(MPI.REQUEST_NULL.test());
            assertEquals(MPI.ANY_SOURCE, MPI.REQUEST_NULL.waitStatus().getSource());
            final IntBuffer never = MPI.newIntBuffer(1);
            final Request cancelled = world.iRecv(never, 1, MPI.INT, MPI.ANY_SOURCE, 99);
            cancelled.cancel();
            assertTrue(cancelled.waitStatus().isCancelled());
            assertTrue(cancelled.isNull());
            if (world.getRank() == 0)
            {
                final IntBuffer in = MPI.newIntBuffer(1);
                final Request request = world.iRecv(in, 1, MPI.INT, 1, 5);
                assertNull(request.getStatus());
                world.send(new int[0], 0, MPI.INT, 1, 4);
                Status peek;
                do
                {
                    peek = request.getStatus();
                }
                while (peek == null);
                assertEquals(1, peek.getSource());
                assertFalse(request.isNull(), "getStatus does not complete the request");
                assertEquals(5, request.waitStatus().getTag());
                assertTrue(request.isNull());
                assertEquals(42, in.get(0));
                final Request[] some = {world.iRecv(in, 1, MPI.INT, 1, 6), MPI.REQUEST_NULL};
                assertArrayEquals(new int[0], Request.testSome(some));
                world.send(new int[0], 0, MPI.INT, 1, 7);
                assertArrayEquals(new int[]{0}, Request.waitSome(some));
                assertTrue(Request.testAll(some));
            }
            else
            {
                world.recv(new int[0], 0, MPI.INT, 0, 4);
                final Request sent = world.iSend(IntBuffer.wrap(new int[]{42}), 1, MPI.INT, 0, 5);
                sent.free();
                world.recv(new int[0], 0, MPI.INT, 0, 7);
                world.send(new int[]{1}, 1, MPI.INT, 0, 6);
            }
            MPI.Finalize();
        });
    }

    @Test
    void aFreedReceiveStillDeliversIntoItsArray()
    {
        MpiJob.run(2, ObjectsTest::aFreedReceiveStillDeliversIntoItsArray);
    }

    static void aFreedReceiveStillDeliversIntoItsArray(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Intracomm world = MPI.COMM_WORLD;
        if (world.getRank() == 0)
        {
            final long[] target = new long[3];
            world.iRecv(target, 3, MPI.LONG, 1, 1).free();
            world.recv(new int[0], 0, MPI.INT, 1, 2);
            assertArrayEquals(new long[]{7, 8, 9}, target, "the message before the second one has arrived");
        }
        else
        {
            world.send(new long[]{7, 8, 9}, 3, MPI.LONG, 0, 1);
            world.send(new int[0], 0, MPI.INT, 0, 2);
        }
        MPI.Finalize();
    }

    @Test
    void statusSettersAndCounts()
    {
        MpiJob.run(1, args ->
        {
            MPI.Init(args);
            final Status status = new Status();
            status.setElements(MPI.INT, 6);
            assertEquals(6, status.getCount(MPI.INT));
            assertEquals(3, status.getCount(MPI.LONG));
            assertEquals(MPI.UNDEFINED, status.getCount(MPI.DOUBLE_COMPLEX));
            assertEquals(24, status.getElementsX(MPI.BYTE).getCount());
            status.setElementsX(MPI.DOUBLE, new Count(2));
            assertEquals(16, status.getElements(MPI.BYTE));
            status.setCancelled(true);
            assertTrue(status.isCancelled());
            MPI.Finalize();
        });
    }

    @Test
    void infoBuffersAndSlices() throws MPIException
    {
        final ByteBuffer bytes = MPI.newByteBuffer(16);
        assertTrue(bytes.isDirect());
        assertEquals(ByteOrder.nativeOrder(), bytes.order());
        assertEquals(4, MPI.newIntBuffer(4).capacity());
        assertTrue(MPI.newDoubleBuffer(3).isDirect());
        bytes.putInt(8, 77);
        assertEquals(77, MPI.slice(bytes, 8).getInt(0));
        assertEquals(3, MPI.slice(new int[]{1, 2, 3}, 2).get(0));
        assertEquals(ByteOrder.nativeOrder(), MPI.slice(new byte[4], 1).order());
        assertEquals(3, MPI.getVersion().getVersion());
        assertNotNull(MPI.getLibVersion());
        MpiJob.run(1, args ->
        {
            MPI.Init(args);
            final Info info = new Info();
            info.set("wdir", "/tmp");
            info.set("host", "a");
            info.set("host", "b");
            assertEquals(2, info.size());
            assertEquals("b", info.get("host"));
            assertEquals("wdir", info.getKey(0));
            final Info copy = info.dup();
            info.delete("wdir");
            assertNull(info.get("wdir"));
            assertEquals("/tmp", copy.get("wdir"));
            assertEquals(MPI.ERR_INFO, assertThrows(MPIException.class, () -> MPI.INFO_NULL.set("a", "b"))
                .getErrorClass());
            assertNotNull(MPI.INFO_ENV.get("command"));
            MPI.Finalize();
        });
    }
}
