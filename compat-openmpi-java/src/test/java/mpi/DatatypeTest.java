package mpi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Derived datatypes: their extents and sizes, pack and unpack against a reference computed by
 * hand from the type map, and communication with them.
 */
@Timeout(60)
class DatatypeTest
{
    @Test
    void vectorPacksEveryStrideThElementsAndUnpacksThemBack()
    {
        MpiJob.run(1, DatatypeTest::vectorPacksEveryStrideThElementsAndUnpacksThemBack);
    }

    static void vectorPacksEveryStrideThElementsAndUnpacksThemBack(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Datatype column = Datatype.createVector(4, 2, 5, MPI.INT);
        column.commit();
        assertEquals(8, column.getSize());
        assertEquals(17, column.getExtent());
        assertEquals(0, column.getLb());
        final int[] matrix = new int[20];
        for (int i = 0; i < matrix.length; i++)
        {
            matrix[i] = i;
        }
        final byte[] packed = new byte[MPI.COMM_WORLD.packSize(1, column)];
        assertEquals(32, packed.length);
        assertEquals(32, MPI.COMM_WORLD.pack(matrix, 1, column, packed, 0));
        final int[] unpackedInts = new int[8];
        MPI.COMM_WORLD.unpack(packed, 0, unpackedInts, 8, MPI.INT);
        assertArrayEquals(new int[]{0, 1, 5, 6, 10, 11, 15, 16}, unpackedInts);
        final int[] back = new int[20];
        MPI.COMM_WORLD.unpack(packed, 0, back, 1, column);
        for (int i = 0; i < 20; i++)
        {
            assertEquals(i % 5 < 2 ? i : 0, back[i], "element " + i);
        }
        MPI.Finalize();
    }

    @Test
    void indexedHIndexedHVectorContiguousAndResizedAgreeWithTheirTypeMaps()
    {
        MpiJob.run(1, DatatypeTest::indexedHIndexedHVectorContiguousAndResizedAgreeWithTheirTypeMaps);
    }

    static void indexedHIndexedHVectorContiguousAndResizedAgreeWithTheirTypeMaps(final String[] args) throws Exception
    {
        MPI.Init(args);
        final double[] data = new double[40];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = i * 1.5;
        }
        final Datatype indexed = Datatype.createIndexed(new int[]{2, 1, 3}, new int[]{7, 0, 12}, MPI.DOUBLE);
        indexed.commit();
        assertEquals(6, indexed.getSize());
        assertEquals(15, indexed.getExtent());
        assertArrayEquals(pick(data, 7, 8, 0, 12, 13, 14), packDoubles(data, 1, indexed, 6));

        final Datatype hindexed = Datatype.createHIndexed(new int[]{1, 2}, new int[]{24, 8}, MPI.DOUBLE);
        hindexed.commit();
        assertArrayEquals(pick(data, 3, 1, 2), packDoubles(data, 1, hindexed, 3));

        final Datatype hvector = Datatype.createHVector(3, 1, 32, MPI.DOUBLE);
        hvector.commit();
        assertArrayEquals(pick(data, 0, 4, 8), packDoubles(data, 1, hvector, 3));

        final Datatype pair = Datatype.createContiguous(2, MPI.DOUBLE);
        final Datatype strided = Datatype.createResized(pair, 0, 40);
        strided.commit();
        assertEquals(5, strided.getExtent());
        assertArrayEquals(pick(data, 0, 1, 5, 6, 10, 11), packDoubles(data, 3, strided, 6));

        final Datatype twoColumns = Datatype.createVector(2, 1, 3, Datatype.createVector(1, 1, 1, MPI.DOUBLE));
        twoColumns.commit();
        assertArrayEquals(pick(data, 0, 3, 4, 7), packDoubles(data, 2, twoColumns, 4));
        MPI.Finalize();
    }

    @Test
    void randomVectorsRoundTripThroughPackAndUnpack()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        MpiJob.run(1, args ->
        {
            MPI.Init(args);
            for (int trial = 0; trial < 200; trial++)
            {
                final int count = 1 + random.nextInt(5);
                final int block = 1 + random.nextInt(4);
                final int stride = block + random.nextInt(4);
                final int elements = 1 + random.nextInt(3);
                final Datatype type = Datatype.createVector(count, block, stride, MPI.LONG);
                type.commit();
                final int span = ((elements - 1) * type.getExtent()) + (count - 1) * stride + block;
                final long[] source = new long[span];
                for (int i = 0; i < span; i++)
                {
                    source[i] = random.nextLong();
                }
                final byte[] packed = new byte[elements * type.getSize() * 8];
                MPI.COMM_WORLD.pack(source, elements, type, packed, 0);
                final long[] target = new long[span];
                MPI.COMM_WORLD.unpack(packed, 0, target, elements, type);
                for (int e = 0; e < elements; e++)
                {
                    for (int b = 0; b < count; b++)
                    {
                        for (int k = 0; k < block; k++)
                        {
                            final int at = e * type.getExtent() + b * stride + k;
                            assertEquals(source[at], target[at], "seed " + seed + " trial " + trial);
                        }
                    }
                }
            }
            MPI.Finalize();
        });
    }

    @Test
    void structOfMixedFieldsOverBytes()
    {
        MpiJob.run(2, DatatypeTest::structOfMixedFieldsOverBytes);
    }

    static void structOfMixedFieldsOverBytes(final String[] args) throws Exception
    {
        MPI.Init(args);
        final Datatype particle = Datatype.createStruct(new int[]{1, 3, 1}, new int[]{0, 8, 32},
            new Datatype[]{MPI.INT, MPI.DOUBLE, MPI.SHORT});
        particle.commit();
        assertEquals(30, particle.getSize());
        assertEquals(40, particle.getExtent());
        final ByteBuffer buffer = MPI.newByteBuffer(3 * 40);
        if (MPI.COMM_WORLD.getRank() == 0)
        {
            for (int p = 0; p < 3; p++)
            {
                buffer.putInt(p * 40, p);
                buffer.putDouble(p * 40 + 8, p + 0.5);
                buffer.putDouble(p * 40 + 24, -p);
                buffer.putShort(p * 40 + 32, (short)(100 + p));
                buffer.putInt(p * 40 + 4, 0xDEAD);
            }
            MPI.COMM_WORLD.send(buffer, 3, particle, 1, 0);
        }
        else
        {
            final Status status = MPI.COMM_WORLD.recv(buffer, 3, particle, 0, 0);
            assertEquals(3, status.getCount(particle));
            assertEquals(90, status.getElements(particle));
            for (int p = 0; p < 3; p++)
            {
                assertEquals(p, buffer.getInt(p * 40));
                assertEquals(0, buffer.getInt(p * 40 + 4), "the gap is not part of the type");
                assertEquals(p + 0.5, buffer.getDouble(p * 40 + 8));
                assertEquals(-p, buffer.getDouble(p * 40 + 24));
                assertEquals(100 + p, buffer.getShort(p * 40 + 32));
            }
        }
        MPI.Finalize();
    }

    @Test
    void aMatrixColumnTravelsAsOneVector()
    {
        MpiJob.run(2, DatatypeTest::aMatrixColumnTravelsAsOneVector);
    }

    static void aMatrixColumnTravelsAsOneVector(final String[] args) throws Exception
    {
        MPI.Init(args);
        final int n = 6;
        final Datatype column = Datatype.createVector(n, 1, n, MPI.DOUBLE);
        column.commit();
        final double[] matrix = new double[n * n];
        if (MPI.COMM_WORLD.getRank() == 0)
        {
            for (int i = 0; i < matrix.length; i++)
            {
                matrix[i] = i;
            }
            MPI.COMM_WORLD.send(MPI.slice(matrix, 2), 1, column, 1, 0);
            final Request request = MPI.COMM_WORLD.iSend(matrix, 1, column, 1, 1);
            request.waitFor();
        }
        else
        {
            final double[] col = new double[n];
            MPI.COMM_WORLD.recv(col, n, MPI.DOUBLE, 0, 0);
            assertArrayEquals(new double[]{2, 8, 14, 20, 26, 32}, col);
            final Request request = MPI.COMM_WORLD.iRecv(matrix, 1, column, 0, 1);
            request.waitFor();
            for (int i = 0; i < matrix.length; i++)
            {
                assertEquals(i % n == 0 ? i : 0, matrix[i]);
            }
        }
        MPI.Finalize();
    }

    @Test
    void pairStructsMatchTheirDatatypes()
    {
        MpiJob.run(1, DatatypeTest::pairStructsMatchTheirDatatypes);
    }

    static void pairStructsMatchTheirDatatypes(final String[] args) throws Exception
    {
        MPI.Init(args);
        assertEquals(12, MPI.doubleInt.getExtent());
        assertEquals(MPI.DOUBLE_INT, MPI.doubleInt.getType());
        assertEquals(12, MPI.DOUBLE_INT.getExtent());
        assertEquals(6, MPI.shortInt.getExtent());
        final ByteBuffer buffer = MPI.newByteBuffer(2 * MPI.doubleInt.getExtent());
        final DoubleInt.Data second = MPI.doubleInt.getData(buffer, 1);
        second.putValue(2.5);
        second.putIndex(7);
        assertEquals(2.5, buffer.getDouble(12));
        assertEquals(7, buffer.getInt(20));
        assertEquals(7, ((DoubleInt.Data)MPI.doubleInt.getData(buffer, 1)).getIndex());
        final double[] complex = {1, 2, 3, 4};
        assertEquals(4.0, DoubleComplex.get(complex, 1).getImag());
        MPI.Finalize();
    }

    @Test
    void uncommittedAndFreedTypesAreRejected()
    {
        MpiJob.run(1, DatatypeTest::uncommittedAndFreedTypesAreRejected);
    }

    static void uncommittedAndFreedTypesAreRejected(final String[] args) throws Exception
    {
        MPI.Init(args);
        MPI.COMM_WORLD.setErrhandler(MPI.ERRORS_RETURN);
        final Datatype vector = Datatype.createVector(2, 1, 2, MPI.INT);
        final MPIException uncommitted = assertThrows(MPIException.class,
            () -> MPI.COMM_WORLD.send(new int[4], 1, vector, 0, 0));
        assertEquals(MPI.ERR_TYPE, uncommitted.getErrorClass());
        vector.commit();
        vector.free();
        assertEquals(MPI.ERR_TYPE, assertThrows(MPIException.class,
            () -> MPI.COMM_WORLD.send(new int[4], 1, vector, 0, 0)).getErrorClass());
        assertEquals(MPI.ERR_TYPE, assertThrows(MPIException.class, MPI.INT::free).getErrorClass());
        assertEquals(MPI.ERR_COUNT, assertThrows(MPIException.class,
            () -> Datatype.createContiguous(-1, MPI.INT)).getErrorClass());
        MPI.Finalize();
    }

    private static double[] packDoubles(final double[] data, final int count, final Datatype type, final int n)
        throws MPIException
    {
        final byte[] packed = new byte[n * 8];
        assertEquals(n * 8, MPI.COMM_WORLD.pack(data, count, type, packed, 0));
        final double[] result = new double[n];
        ByteBuffer.wrap(packed).order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer().get(result);
        return result;
    }

    private static double[] pick(final double[] data, final int... indexes)
    {
        final double[] result = new double[indexes.length];
        for (int i = 0; i < indexes.length; i++)
        {
            result[i] = data[indexes[i]];
        }
        return result;
    }
}
