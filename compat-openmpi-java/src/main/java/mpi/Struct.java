package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The base of struct datatypes laid out in byte buffers: a subclass adds its fields in its
 * constructor ({@code addInt()}, {@code addDouble(3)}, ...), each call returning the field's byte
 * offset, and implements {@link #newData()} with a {@link Data} subclass whose getters and setters
 * read and write the fields. {@link #getType()} is the matching {@link Datatype} (committed), and
 * {@link #getExtent()} its extent in bytes, padded to the alignment of the widest field as C
 * pads structs. Fields are placed one after the other without padding unless
 * {@link #setOffset(int)} moves the next one.
 */
public abstract class Struct
{
    private final List<Datatype> types = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private int extent;
    private Datatype datatype;

    /**
     * @return the extent of the struct in bytes.
     */
    public final int getExtent() throws MPIException
    {
        commit();
        return extent;
    }

    /**
     * @return the struct's datatype, committed.
     */
    public final Datatype getType() throws MPIException
    {
        commit();
        return datatype;
    }

    /**
     * @return a new, unattached accessor of this struct's fields.
     */
    protected abstract Data newData();

    /**
     * @return an accessor of the struct at the start of {@code buffer}.
     */
    public final <T extends Data> T getData(final ByteBuffer buffer) throws MPIException
    {
        return getData(buffer, 0);
    }

    /**
     * @return an accessor of the {@code index}-th struct of an array of them in {@code buffer}.
     */
    @SuppressWarnings("unchecked")
    public final <T extends Data> T getData(final ByteBuffer buffer, final int index) throws MPIException
    {
        commit();
        final Data data = newData();
        data.buffer = buffer;
        data.offset = index * extent;
        return (T)data;
    }

    /**
     * @return an accessor of the struct at the start of {@code array}.
     */
    public final <T extends Data> T getData(final byte[] array) throws MPIException
    {
        return getData(ByteBuffer.wrap(array).order(ByteOrder.nativeOrder()), 0);
    }

    /**
     * @return an accessor of the {@code index}-th struct of {@code array}.
     */
    public final <T extends Data> T getData(final byte[] array, final int index) throws MPIException
    {
        return getData(ByteBuffer.wrap(array).order(ByteOrder.nativeOrder()), index);
    }

    /**
     * Places the next field at byte {@code offset}, at or after the end of the previous one.
     *
     * @return this.
     */
    public final Struct setOffset(final int offset)
    {
        checkOpen();
        if (offset < extent)
        {
            throw new IllegalArgumentException("setOffset: offset " + offset + " is before the end of the fields " +
                "added so far (" + extent + ")");
        }
        extent = offset;
        return this;
    }

    public final int addByte()
    {
        return addByte(1);
    }

    public final int addByte(final int length)
    {
        return addField(MPI.BYTE, 1, length);
    }

    public final int addChar()
    {
        return addChar(1);
    }

    public final int addChar(final int length)
    {
        return addField(MPI.CHAR, 2, length);
    }

    public final int addShort()
    {
        return addShort(1);
    }

    public final int addShort(final int length)
    {
        return addField(MPI.SHORT, 2, length);
    }

    public final int addInt()
    {
        return addInt(1);
    }

    public final int addInt(final int length)
    {
        return addField(MPI.INT, 4, length);
    }

    public final int addLong()
    {
        return addLong(1);
    }

    public final int addLong(final int length)
    {
        return addField(MPI.LONG, 8, length);
    }

    public final int addFloat()
    {
        return addFloat(1);
    }

    public final int addFloat(final int length)
    {
        return addField(MPI.FLOAT, 4, length);
    }

    public final int addDouble()
    {
        return addDouble(1);
    }

    public final int addDouble(final int length)
    {
        return addField(MPI.DOUBLE, 8, length);
    }

    public final int addBoolean()
    {
        return addBoolean(1);
    }

    public final int addBoolean(final int length)
    {
        return addField(MPI.BOOLEAN, 1, length);
    }

    /**
     * Adds a field that is itself a struct.
     */
    public final int addStruct(final Struct struct) throws MPIException
    {
        return addStruct(struct, 1);
    }

    /**
     * Adds an array of structs.
     */
    public final int addStruct(final Struct struct, final int length) throws MPIException
    {
        struct.commit();
        return addField(struct.datatype, struct.extent, length);
    }

    /**
     * Adds a field of any datatype.
     */
    public final int addData(final Datatype type) throws MPIException
    {
        return addData(type, 1);
    }

    /**
     * Adds an array of any datatype.
     */
    public final int addData(final Datatype type, final int length) throws MPIException
    {
        return addField(type, (int)type.extent, length);
    }

    /**
     * Uses a predefined datatype for this struct (the pair structs).
     */
    final void usePredefined(final Datatype type)
    {
        datatype = type;
    }

    private int addField(final Datatype type, final int typeExtent, final int length)
    {
        checkOpen();
        if (length < 0)
        {
            throw new IllegalArgumentException("a field's length " + length + " is negative");
        }
        final int offset = extent;
        types.add(type);
        offsets.add(offset);
        lengths.add(length);
        extent += typeExtent * length;
        return offset;
    }

    private void checkOpen()
    {
        if (datatype != null)
        {
            throw new IllegalStateException("the struct's datatype was created already; add every field in the " +
                "constructor");
        }
    }

    private void commit() throws MPIException
    {
        if (datatype != null)
        {
            return;
        }
        final int n = types.size();
        final int[] blockLengths = new int[n];
        final int[] displacements = new int[n];
        for (int i = 0; i < n; i++)
        {
            blockLengths[i] = lengths.get(i);
            displacements[i] = offsets.get(i);
        }
        final Datatype struct = Datatype.structOf(blockLengths, displacements, types.toArray(new Datatype[0]));
        datatype = struct.extent >= extent ? struct : Datatype.resizedOf(struct, 0, extent);
        datatype.markCommitted();
        extent = (int)datatype.extent;
    }

    /**
     * Reads and writes the fields of one struct in a byte buffer. Subclasses add typed accessors
     * built on the protected ones, which take a field's byte offset.
     */
    public abstract class Data
    {
        private ByteBuffer buffer;
        private int offset;

        /**
         * @return the buffer from this struct on, for {@code send} and {@code recv}.
         */
        public final ByteBuffer getBuffer()
        {
            return offset == 0 ? buffer : MPI.slice(buffer, offset);
        }

        protected final byte getByte(final int field)
        {
            return buffer.get(offset + field);
        }

        protected final byte getByte(final int field, final int index)
        {
            return buffer.get(offset + field + index);
        }

        protected final void putByte(final int field, final byte v)
        {
            buffer.put(offset + field, v);
        }

        protected final void putByte(final int field, final int index, final byte v)
        {
            buffer.put(offset + field + index, v);
        }

        protected final char getChar(final int field)
        {
            return buffer.getChar(offset + field);
        }

        protected final char getChar(final int field, final int index)
        {
            return buffer.getChar(offset + field + index * 2);
        }

        protected final void putChar(final int field, final char v)
        {
            buffer.putChar(offset + field, v);
        }

        protected final void putChar(final int field, final int index, final char v)
        {
            buffer.putChar(offset + field + index * 2, v);
        }

        protected final short getShort(final int field)
        {
            return buffer.getShort(offset + field);
        }

        protected final short getShort(final int field, final int index)
        {
            return buffer.getShort(offset + field + index * 2);
        }

        protected final void putShort(final int field, final short v)
        {
            buffer.putShort(offset + field, v);
        }

        protected final void putShort(final int field, final int index, final short v)
        {
            buffer.putShort(offset + field + index * 2, v);
        }

        protected final int getInt(final int field)
        {
            return buffer.getInt(offset + field);
        }

        protected final int getInt(final int field, final int index)
        {
            return buffer.getInt(offset + field + index * 4);
        }

        protected final void putInt(final int field, final int v)
        {
            buffer.putInt(offset + field, v);
        }

        protected final void putInt(final int field, final int index, final int v)
        {
            buffer.putInt(offset + field + index * 4, v);
        }

        protected final long getLong(final int field)
        {
            return buffer.getLong(offset + field);
        }

        protected final long getLong(final int field, final int index)
        {
            return buffer.getLong(offset + field + index * 8);
        }

        protected final void putLong(final int field, final long v)
        {
            buffer.putLong(offset + field, v);
        }

        protected final void putLong(final int field, final int index, final long v)
        {
            buffer.putLong(offset + field + index * 8, v);
        }

        protected final float getFloat(final int field)
        {
            return buffer.getFloat(offset + field);
        }

        protected final float getFloat(final int field, final int index)
        {
            return buffer.getFloat(offset + field + index * 4);
        }

        protected final void putFloat(final int field, final float v)
        {
            buffer.putFloat(offset + field, v);
        }

        protected final void putFloat(final int field, final int index, final float v)
        {
            buffer.putFloat(offset + field + index * 4, v);
        }

        protected final double getDouble(final int field)
        {
            return buffer.getDouble(offset + field);
        }

        protected final double getDouble(final int field, final int index)
        {
            return buffer.getDouble(offset + field + index * 8);
        }

        protected final void putDouble(final int field, final double v)
        {
            buffer.putDouble(offset + field, v);
        }

        protected final void putDouble(final int field, final int index, final double v)
        {
            buffer.putDouble(offset + field + index * 8, v);
        }

        protected final boolean getBoolean(final int field)
        {
            return buffer.get(offset + field) != 0;
        }

        protected final boolean getBoolean(final int field, final int index)
        {
            return buffer.get(offset + field + index) != 0;
        }

        protected final void putBoolean(final int field, final boolean v)
        {
            buffer.put(offset + field, (byte)(v ? 1 : 0));
        }

        protected final void putBoolean(final int field, final int index, final boolean v)
        {
            buffer.put(offset + field + index, (byte)(v ? 1 : 0));
        }

        /**
         * @return an accessor of a struct field of this struct.
         */
        protected final <S extends Struct, D extends Struct.Data> D getData(final S struct, final int field)
            throws MPIException
        {
            return getData(struct, field, 0);
        }

        /**
         * @return an accessor of the {@code index}-th element of a struct-array field.
         */
        @SuppressWarnings("unchecked")
        protected final <S extends Struct, D extends Struct.Data> D getData(final S struct, final int field,
            final int index) throws MPIException
        {
            final Data data = struct.newData();
            data.buffer = buffer;
            data.offset = offset + field + index * struct.getExtent();
            return (D)data;
        }
    }
}
