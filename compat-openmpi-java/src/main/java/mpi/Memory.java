package mpi;

import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Where the bytes of a user's buffer live, in the form {@link UnsafeApi#copyMemory} takes: a base
 * object (the array, or null for off-heap memory) and an offset, plus the capacity in bytes.
 * Java arrays and heap buffers are seen as the raw memory of their elements, direct buffers as
 * the memory from their address, whatever their position (as Open MPI does; {@link MPI#slice}
 * makes offsets).
 *
 * <p>A mutable holder so that blocking calls can reuse one per rank and not allocate. It remembers
 * the last buffer object it was pointed at: a program that calls again with the same array or
 * buffer (a benchmark loop, a halo exchange) skips the type dispatch and the reading of the
 * buffer's address, which are fixed for the life of the object (an array's length, a buffer's
 * address, capacity and read-only flag never change). The holder keeps that object reachable until
 * it is pointed at another one. Not thread safe.
 */
final class Memory
{
    private static final long BYTES_BASE = UnsafeApi.arrayBaseOffset(byte[].class);
    private static final long INTS_BASE = UnsafeApi.arrayBaseOffset(int[].class);
    private static final long DOUBLES_BASE = UnsafeApi.arrayBaseOffset(double[].class);
    private static final long LONGS_BASE = UnsafeApi.arrayBaseOffset(long[].class);
    private static final long FLOATS_BASE = UnsafeApi.arrayBaseOffset(float[].class);
    private static final long CHARS_BASE = UnsafeApi.arrayBaseOffset(char[].class);
    private static final long SHORTS_BASE = UnsafeApi.arrayBaseOffset(short[].class);
    private static final long BOOLEANS_BASE = UnsafeApi.arrayBaseOffset(boolean[].class);

    Object base;
    long offset;
    long capacity;
    boolean readOnly;
    private Object lastBuffer;
    private UnsafeBuffer inPlaceView;

    /**
     * Points this holder at {@code buffer}.
     *
     * @return this.
     * @throws MpiError ERR_BUFFER when the object is not an array or a buffer.
     */
    Memory of(final String operation, final Object buffer)
    {
        if (buffer == lastBuffer && buffer != null)
        {
            return this; // base, offset, capacity and readOnly still describe it
        }
        return resolve(operation, buffer);
    }

    /**
     * The part of {@link #of} for a buffer object other than the last one: kept apart so that the
     * check above stays small enough for the JIT to inline into every call.
     */
    private Memory resolve(final String operation, final Object buffer)
    {
        lastBuffer = null;
        inPlaceView = null;
        readOnly = false;
        if (buffer instanceof Buffer b)
        {
            ofBuffer(operation, b);
            lastBuffer = buffer;
            return this;
        }
        switch (buffer)
        {
            case byte[] a -> set(a, BYTES_BASE, a.length);
            case int[] a -> set(a, INTS_BASE, 4L * a.length);
            case double[] a -> set(a, DOUBLES_BASE, 8L * a.length);
            case long[] a -> set(a, LONGS_BASE, 8L * a.length);
            case float[] a -> set(a, FLOATS_BASE, 4L * a.length);
            case char[] a -> set(a, CHARS_BASE, 2L * a.length);
            case short[] a -> set(a, SHORTS_BASE, 2L * a.length);
            case boolean[] a -> set(a, BOOLEANS_BASE, a.length);
            case null -> throw new MpiError(MPI.ERR_BUFFER, operation + ": the buffer is null");
            default -> throw new MpiError(MPI.ERR_BUFFER, operation + ": a buffer must be a primitive array " +
                "(byte[], char[], short[], boolean[], int[], long[], float[], double[]) or a java.nio buffer, " +
                "not a " + buffer.getClass().getName());
        }
        lastBuffer = buffer;
        return this;
    }

    /**
     * A view of the first {@code bytes} bytes of this off-heap memory for a non-blocking operation:
     * never rewrapped once handed out, so an operation in flight keeps its memory, and reused while
     * the calls name the same buffer object and length (a window of sends from one buffer makes
     * one view). Each holder has its own, so sends (through one holder) and receives (through
     * another) do not replace each other's.
     */
    UnsafeBuffer inPlaceView(final int bytes)
    {
        final UnsafeBuffer view = inPlaceView;
        if (view != null && view.capacity() == bytes)
        {
            return view;
        }
        return inPlaceView = new UnsafeBuffer(offset, bytes);
    }

    /**
     * @return true when the bytes are off-heap.
     */
    boolean isOffHeap()
    {
        return base == null;
    }

    /**
     * Checks that {@code count} elements of {@code type} fit in the buffer (nothing is read or
     * written outside it).
     */
    void checkFits(final String operation, final Datatype type, final int count)
    {
        if (count < 0)
        {
            throw new MpiError(MPI.ERR_COUNT, operation + ": count " + count + " is negative");
        }
        if (type.contiguous)
        {
            // no gaps, nothing below 0: the elements are the first count * size bytes
            final long last = count * type.size;
            if (last > capacity)
            {
                throw tooSmall(operation, type, count, 0, last);
            }
            return;
        }
        if (count == 0 || type.size == 0)
        {
            return;
        }
        final long span = (long)(count - 1) * type.extent;
        final long first = type.trueLb + Math.min(0, span);
        final long last = type.trueLb + type.trueExtent + Math.max(0, span);
        if (first < 0 || last > capacity)
        {
            throw tooSmall(operation, type, count, first, last);
        }
    }

    private MpiError tooSmall(final String operation, final Datatype type, final int count, final long first,
        final long last)
    {
        return new MpiError(MPI.ERR_BUFFER, operation + ": " + count + " element(s) of " + type + " reach bytes " +
            first + ".." + last + " of the buffer, which holds only " + capacity + " bytes; make the buffer " +
            "larger or the count smaller");
    }

    void checkWritable(final String operation)
    {
        if (readOnly)
        {
            throw new MpiError(MPI.ERR_BUFFER, operation + ": the receive buffer is read-only");
        }
    }

    /**
     * Copies {@code count} elements of {@code type} from this memory, packed, to
     * ({@code toBase}, {@code toOffset}).
     *
     * @return the number of bytes written.
     */
    long pack(final Datatype type, final int count, final Object toBase, final long toOffset)
    {
        return pack(type, count, toBase, toOffset, 0);
    }

    /**
     * As {@link #pack(Datatype, int, Object, long)} for the elements starting {@code shift} bytes
     * into this memory.
     */
    long pack(final Datatype type, final int count, final Object toBase, final long toOffset, final long shift)
    {
        if (type.contiguous)
        {
            final long bytes = count * type.size;
            UnsafeApi.copyMemory(base, offset + shift, toBase, toOffset, bytes);
            return bytes;
        }
        long position = toOffset;
        final long[] offsets = type.blockOffsets;
        final long[] lengths = type.blockLengths;
        for (int i = 0; i < count; i++)
        {
            final long element = offset + shift + i * type.extent;
            for (int b = 0; b < offsets.length; b++)
            {
                UnsafeApi.copyMemory(base, element + offsets[b], toBase, position, lengths[b]);
                position += lengths[b];
            }
        }
        return position - toOffset;
    }

    /**
     * Copies {@code bytes} packed bytes from ({@code fromBase}, {@code fromOffset}) into the
     * elements of {@code type} in this memory; a trailing partial element is filled as far as the
     * bytes go.
     */
    void unpack(final Datatype type, final long bytes, final Object fromBase, final long fromOffset)
    {
        unpack(type, bytes, fromBase, fromOffset, 0);
    }

    /**
     * As {@link #unpack(Datatype, long, Object, long)} into the elements starting {@code shift}
     * bytes into this memory.
     */
    void unpack(final Datatype type, final long bytes, final Object fromBase, final long fromOffset, final long shift)
    {
        if (type.contiguous)
        {
            UnsafeApi.copyMemory(fromBase, fromOffset, base, offset + shift, bytes);
            return;
        }
        long remaining = bytes;
        long position = fromOffset;
        final long[] offsets = type.blockOffsets;
        final long[] lengths = type.blockLengths;
        for (int i = 0; remaining > 0; i++)
        {
            final long element = offset + shift + i * type.extent;
            for (int b = 0; b < offsets.length && remaining > 0; b++)
            {
                final long n = Math.min(lengths[b], remaining);
                UnsafeApi.copyMemory(fromBase, position, base, element + offsets[b], n);
                position += n;
                remaining -= n;
            }
        }
    }

    /**
     * Checks that {@code count} elements of {@code type} starting {@code shift} bytes in fit.
     */
    void checkFits(final String operation, final Datatype type, final int count, final long shift)
    {
        if (count == 0 || type.size == 0)
        {
            return;
        }
        final long span = (long)(count - 1) * type.extent;
        final long first = shift + type.trueLb + Math.min(0, span);
        final long last = shift + type.trueLb + type.trueExtent + Math.max(0, span);
        if (first < 0 || last > capacity)
        {
            throw new MpiError(MPI.ERR_BUFFER, operation + ": " + count + " element(s) of " + type + " at byte " +
                shift + " reach bytes " + first + ".." + last + " of a buffer of " + capacity + " bytes; make the " +
                "buffer larger or the counts and displacements smaller");
        }
    }

    private void set(final Object base, final long offset, final long capacity)
    {
        this.base = base;
        this.offset = offset;
        this.capacity = capacity;
    }

    private void ofBuffer(final String operation, final Buffer buffer)
    {
        final int scale = scale(buffer);
        if (buffer.isDirect())
        {
            set(null, UnsafeApi.getLong(buffer, BufferUtil.BYTE_BUFFER_ADDRESS_FIELD_OFFSET),
                (long)buffer.capacity() * scale);
            readOnly = buffer.isReadOnly();
            return;
        }
        if (!buffer.hasArray())
        {
            throw new MpiError(MPI.ERR_BUFFER, operation + ": a read-only heap buffer cannot be used; pass the " +
                "array, a writable buffer or a direct buffer (MPI.newXxxBuffer)");
        }
        final Object array = buffer.array();
        set(array, UnsafeApi.arrayBaseOffset(array.getClass()) + (long)buffer.arrayOffset() * scale,
            (long)buffer.capacity() * scale);
    }

    private static int scale(final Buffer buffer)
    {
        if (buffer instanceof ByteBuffer)
        {
            return 1;
        }
        return switch (buffer)
        {
            case ByteBuffer b -> 1;
            case IntBuffer b -> 4;
            case DoubleBuffer b -> 8;
            case LongBuffer b -> 8;
            case FloatBuffer b -> 4;
            case CharBuffer b -> 2;
            case ShortBuffer b -> 2;
            default -> throw new MpiError(MPI.ERR_BUFFER, "unsupported buffer type " + buffer.getClass().getName());
        };
    }
}
