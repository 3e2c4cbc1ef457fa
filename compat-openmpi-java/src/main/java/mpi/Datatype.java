package mpi;

import java.util.Arrays;

/**
 * A datatype ({@code MPI_Datatype}): a predefined element type, or a derived layout built with the
 * {@code create*} methods.
 *
 * <h2>Layout model</h2>
 * Every datatype is a <em>type map</em>: a list of byte blocks (offset, length) relative to the
 * start of one element, with a lower bound and an extent (the stride between consecutive elements
 * of a count), and a <em>base type</em>, the Java primitive its buffer holds. A Java array or NIO
 * buffer is seen as the raw memory of its elements in the platform's byte order, which is what
 * Open MPI's bindings do too: a vector of {@code MPI.DOUBLE} over a {@code double[]} picks the
 * doubles the C layout would pick. Displacements of {@code createVector}/{@code createIndexed} are
 * in extents of the old type; those of the H forms, of {@code createStruct} and of
 * {@code createResized} are in bytes. {@link #getSize()}, {@link #getExtent()} and
 * {@link #getLb()} answer in base-type units (bytes for structs), as Open MPI does.
 *
 * <p>The extent of a struct is padded to the alignment of its widest primitive, as C pads
 * structs (a struct of an int and a double at byte 8 has an extent of 16).
 *
 * <p>Pair types ({@link MPI#INT2}, {@link MPI#DOUBLE_INT}, ...) are packed without padding, value
 * first and then a 32-bit index, so {@code DOUBLE_INT} has an extent of 12 bytes; use
 * {@link MPI#doubleInt} and friends (or {@link #getExtent()}) rather than C's {@code sizeof}.
 *
 * <p>Immutable once created, apart from {@link #commit()}, {@link #free()} and the name: may be
 * shared between the ranks of a threads-mode job.
 */
public final class Datatype implements Freeable, Cloneable
{
    static final int NULL = 0;
    static final int BYTE = 1;
    static final int CHAR = 2;
    static final int SHORT = 3;
    static final int BOOLEAN = 4;
    static final int INT = 5;
    static final int LONG = 6;
    static final int FLOAT = 7;
    static final int DOUBLE = 8;
    static final int PACKED = 9;
    static final int INT2 = 10;
    static final int SHORT_INT = 11;
    static final int LONG_INT = 12;
    static final int FLOAT_INT = 13;
    static final int DOUBLE_INT = 14;
    static final int FLOAT_COMPLEX = 15;
    static final int DOUBLE_COMPLEX = 16;
    static final int DERIVED = -1;

    private static final int[] BASE_SIZES = {1, 1, 2, 2, 1, 4, 8, 4, 8, 1, 1, 1, 1, 1, 1, 4, 8};

    /** Predefined code, or {@link #DERIVED}. */
    final int code;
    /** The Java primitive the buffers of this type hold (one of the predefined codes). */
    final int baseType;
    /** Bytes of one base element. */
    final int baseSize;
    /** Byte offsets of the blocks of one element, in type-map order. */
    final long[] blockOffsets;
    /** Byte lengths of the blocks. */
    final long[] blockLengths;
    final long lb;
    final long extent;
    final long trueLb;
    final long trueExtent;
    /** Bytes of data in one element ({@code MPI_Type_size}). */
    final long size;
    /** True when one element is a single block at offset 0 whose length is the extent. */
    final boolean contiguous;
    /** The alignment of the widest primitive inside, which pads the extent of a struct as C does. */
    int alignment = 1;
    /** The predefined type every element of this one is made of (reductions run on it), or DERIVED when mixed. */
    int elementCode = DERIVED;
    private final boolean predefined;
    /** A predefined type other than DATATYPE_NULL: never freed, always committed (no volatile reads). */
    private final boolean alwaysUsable;
    private volatile boolean committed;
    private volatile boolean freed;
    private volatile String name;

    private Datatype(final int code, final int baseType, final long[] offsets, final long[] lengths, final long lb,
        final long extent, final boolean predefined, final String name)
    {
        this.code = code;
        this.baseType = baseType;
        this.baseSize = BASE_SIZES[baseType];
        this.blockOffsets = offsets;
        this.blockLengths = lengths;
        this.lb = lb;
        this.extent = extent;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long total = 0;
        for (int i = 0; i < offsets.length; i++)
        {
            if (lengths[i] > 0)
            {
                min = Math.min(min, offsets[i]);
                max = Math.max(max, offsets[i] + lengths[i]);
                total += lengths[i];
            }
        }
        this.trueLb = total == 0 ? 0 : min;
        this.trueExtent = total == 0 ? 0 : max - min;
        this.size = total;
        this.contiguous = offsets.length == 1 && offsets[0] == 0 && lb == 0 && lengths[0] == extent;
        this.predefined = predefined;
        this.alwaysUsable = predefined && code != NULL;
        this.committed = predefined;
        this.name = name;
    }

    static Datatype predefined(final int code, final String name)
    {
        final int bytes = switch (code)
        {
            case NULL -> 0;
            case INT2, FLOAT_INT -> 8;
            case SHORT_INT -> 6;
            case LONG_INT, DOUBLE_INT -> 12;
            case FLOAT_COMPLEX -> 8;
            case DOUBLE_COMPLEX -> 16;
            default -> BASE_SIZES[code];
        };
        final int base = switch (code)
        {
            case INT2, SHORT_INT, LONG_INT, FLOAT_INT, DOUBLE_INT -> BYTE;
            case FLOAT_COMPLEX -> FLOAT;
            case DOUBLE_COMPLEX -> DOUBLE;
            default -> code;
        };
        final long[] offsets = bytes == 0 ? new long[0] : new long[]{0};
        final long[] lengths = bytes == 0 ? new long[0] : new long[]{bytes};
        final Datatype type = new Datatype(code, base, offsets, lengths, 0, bytes, true, name);
        type.elementCode = code;
        type.alignment = switch (code)
        {
            case NULL -> 1;
            case INT2, FLOAT_INT, SHORT_INT -> 4;
            case LONG_INT, DOUBLE_INT -> 8;
            default -> BASE_SIZES[base];
        };
        return type;
    }

    // ------------------------------------------------------------------ queries

    /**
     * @return the lower bound in base-type units ({@code MPI_Type_get_extent}).
     */
    public int getLb() throws MPIException
    {
        MPI.check();
        return (int)(lb / baseSize);
    }

    /**
     * @return the extent in base-type units ({@code MPI_Type_get_extent}).
     */
    public int getExtent() throws MPIException
    {
        MPI.check();
        return (int)(extent / baseSize);
    }

    /**
     * @return the true lower bound in base-type units ({@code MPI_Type_get_true_extent}).
     */
    public int getTrueLb() throws MPIException
    {
        MPI.check();
        return (int)(trueLb / baseSize);
    }

    /**
     * @return the true extent in base-type units ({@code MPI_Type_get_true_extent}).
     */
    public int getTrueExtent() throws MPIException
    {
        MPI.check();
        return (int)(trueExtent / baseSize);
    }

    /**
     * @return the number of base-type elements of data in one element ({@code MPI_Type_size}).
     */
    public int getSize() throws MPIException
    {
        MPI.check();
        return (int)(size / baseSize);
    }

    /**
     * Commits the datatype so that it can be used in communication ({@code MPI_Type_commit}).
     */
    public void commit() throws MPIException
    {
        MPI.check();
        checkNotFreed("commit");
        committed = true;
    }

    /**
     * Frees a derived datatype ({@code MPI_Type_free}); predefined ones cannot be freed.
     */
    @Override
    public void free() throws MPIException
    {
        MPI.check();
        if (predefined)
        {
            throw new MPIException(MPI.ERR_TYPE, MPI.ERR_TYPE, "Datatype.free: " + name +
                " is predefined and cannot be freed");
        }
        freed = true;
    }

    /**
     * @return true for {@link MPI#DATATYPE_NULL} and freed datatypes.
     */
    public boolean isNull()
    {
        return code == NULL || freed;
    }

    /**
     * @return a copy ({@code MPI_Type_dup}); wraps an {@link MPIException} in a RuntimeException.
     */
    @Override
    public Datatype clone()
    {
        try
        {
            return dup();
        }
        catch (final MPIException ex)
        {
            throw new RuntimeException(ex.getMessage(), ex);
        }
    }

    /**
     * @return a copy, committed when this one is ({@code MPI_Type_dup}).
     */
    public Datatype dup() throws MPIException
    {
        MPI.check();
        checkNotFreed("dup");
        final Datatype copy = new Datatype(code == NULL ? NULL : DERIVED, baseType, blockOffsets, blockLengths, lb,
            extent, false, name).alignedAs(this);
        copy.committed = committed;
        return copy;
    }

    /**
     * Sets the name ({@code MPI_Type_set_name}).
     */
    public void setName(final String name) throws MPIException
    {
        MPI.check();
        this.name = name;
    }

    /**
     * @return the name ({@code MPI_Type_get_name}); predefined types answer their MPI name.
     */
    public String getName() throws MPIException
    {
        MPI.check();
        return name == null ? "" : name;
    }

    // ------------------------------------------------------------------ constructors

    /**
     * {@code count} copies of {@code oldType} side by side ({@code MPI_Type_contiguous}).
     */
    public static Datatype createContiguous(final int count, final Datatype oldType) throws MPIException
    {
        MPI.check();
        checkOld("createContiguous", oldType);
        checkCount("createContiguous", "count", count);
        final Builder b = new Builder();
        for (int i = 0; i < count; i++)
        {
            b.add(oldType, i * oldType.extent);
        }
        return b.build(oldType.baseType, oldType.lb, (long)count * oldType.extent).alignedAs(oldType);
    }

    /**
     * {@code count} blocks of {@code blockLength} copies of {@code oldType}, the blocks
     * {@code stride} extents of {@code oldType} apart ({@code MPI_Type_vector}).
     */
    public static Datatype createVector(final int count, final int blockLength, final int stride,
        final Datatype oldType) throws MPIException
    {
        MPI.check();
        return vector("createVector", count, blockLength, (long)stride * oldType(oldType).extent, oldType);
    }

    /**
     * As {@link #createVector} with the stride in bytes ({@code MPI_Type_create_hvector}).
     */
    public static Datatype createHVector(final int count, final int blockLength, final int stride,
        final Datatype oldType) throws MPIException
    {
        MPI.check();
        return vector("createHVector", count, blockLength, stride, oldType);
    }

    /**
     * Blocks of different lengths at displacements in extents of {@code oldType}
     * ({@code MPI_Type_indexed}).
     */
    public static Datatype createIndexed(final int[] blockLengths, final int[] displacements, final Datatype oldType)
        throws MPIException
    {
        MPI.check();
        return indexed("createIndexed", blockLengths, displacements, oldType(oldType).extent, oldType);
    }

    /**
     * As {@link #createIndexed} with displacements in bytes ({@code MPI_Type_create_hindexed}).
     */
    public static Datatype createHIndexed(final int[] blockLengths, final int[] displacements, final Datatype oldType)
        throws MPIException
    {
        MPI.check();
        return indexed("createHIndexed", blockLengths, displacements, 1, oldType);
    }

    /**
     * The general constructor ({@code MPI_Type_create_struct}): block {@code i} holds
     * {@code blockLengths[i]} elements of {@code types[i]} at byte displacement
     * {@code displacements[i]}. The result's base type is {@link MPI#BYTE}: use it with byte
     * arrays or byte buffers.
     */
    public static Datatype createStruct(final int[] blockLengths, final int[] displacements, final Datatype[] types)
        throws MPIException
    {
        MPI.check();
        return structOf(blockLengths, displacements, types);
    }

    static Datatype structOf(final int[] blockLengths, final int[] displacements, final Datatype[] types)
        throws MPIException
    {
        if (blockLengths == null || displacements == null || types == null ||
            blockLengths.length != displacements.length || blockLengths.length != types.length)
        {
            throw new MPIException(MPI.ERR_ARG, MPI.ERR_ARG, "createStruct: blockLengths, displacements and types " +
                "must be non-null arrays of the same length");
        }
        final Builder b = new Builder();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < types.length; i++)
        {
            checkOld("createStruct", types[i]);
            checkCount("createStruct", "blockLengths[" + i + "]", blockLengths[i]);
            for (int k = 0; k < blockLengths[i]; k++)
            {
                b.add(types[i], displacements[i] + (long)k * types[i].extent);
            }
            if (blockLengths[i] > 0)
            {
                lo = Math.min(lo, displacements[i] + types[i].lb);
                hi = Math.max(hi, displacements[i] + types[i].lb + (long)blockLengths[i] * types[i].extent);
            }
        }
        if (lo == Long.MAX_VALUE)
        {
            lo = 0;
            hi = 0;
        }
        int alignment = 1;
        for (final Datatype type : types)
        {
            alignment = Math.max(alignment, type.alignment);
        }
        final long span = hi - lo;
        final Datatype struct = b.build(BYTE, lo, (span + alignment - 1) / alignment * alignment);
        struct.alignment = alignment;
        int element = types.length == 0 ? DERIVED : types[0].elementCode;
        for (final Datatype type : types)
        {
            element = type.elementCode == element ? element : DERIVED;
        }
        struct.elementCode = element;
        return struct;
    }

    /**
     * The same type map with a new lower bound and extent, both in bytes
     * ({@code MPI_Type_create_resized}).
     */
    public static Datatype createResized(final Datatype oldType, final int lb, final int extent) throws MPIException
    {
        MPI.check();
        return resizedOf(oldType, lb, extent);
    }

    static Datatype resizedOf(final Datatype oldType, final long lb, final long extent) throws MPIException
    {
        checkOld("createResized", oldType);
        return new Datatype(DERIVED, oldType.baseType, oldType.blockOffsets, oldType.blockLengths, lb, extent,
            false, null).alignedAs(oldType);
    }

    /**
     * Creates a keyval for datatype attributes ({@code MPI_Type_create_keyval}).
     */
    public static int createKeyval() throws MPIException
    {
        MPI.check();
        return Keyvals.create();
    }

    /**
     * Frees a keyval ({@code MPI_Type_free_keyval}).
     */
    public static void freeKeyval(final int keyval) throws MPIException
    {
        MPI.check();
        Keyvals.free(keyval);
    }

    /**
     * Datatype attributes are not kept by this layer.
     */
    public void setAttr(final int keyval, final Object value) throws MPIException
    {
        MPI.check();
        throw new MPIException(MPI.ERR_UNSUPPORTED_OPERATION, MPI.ERR_UNSUPPORTED_OPERATION,
            "Datatype.setAttr: attributes on datatypes are not supported yet; attach them to a communicator");
    }

    /**
     * @return null: datatypes carry no attributes here.
     */
    public Object getAttr(final int keyval) throws MPIException
    {
        MPI.check();
        Keyvals.check(keyval);
        return null;
    }

    /**
     * Does nothing: datatypes carry no attributes here.
     */
    public void deleteAttr(final int keyval) throws MPIException
    {
        MPI.check();
        Keyvals.check(keyval);
    }

    @Override
    public String toString()
    {
        return "Datatype{" + (name != null ? name : "derived") + ", size=" + size + ", extent=" + extent + '}';
    }

    // ------------------------------------------------------------------ for the layer

    /**
     * Checks that this type may be used in communication.
     */
    void checkUsable(final String operation)
    {
        if (alwaysUsable)
        {
            return;
        }
        if (code == NULL)
        {
            throw new MpiError(MPI.ERR_TYPE, operation + ": DATATYPE_NULL cannot describe data");
        }
        if (freed)
        {
            throw new MpiError(MPI.ERR_TYPE, operation + ": the datatype was freed");
        }
        if (!committed)
        {
            throw new MpiError(MPI.ERR_TYPE, operation + ": the datatype " + this + " was not committed; " +
                "call commit() on derived datatypes before using them to communicate");
        }
    }

    private Datatype alignedAs(final Datatype oldType)
    {
        alignment = oldType.alignment;
        elementCode = oldType.elementCode;
        return this;
    }

    void markCommitted()
    {
        committed = true;
    }

    /**
     * @return the number of bytes {@code count} elements hold.
     */
    long bytes(final int count)
    {
        return count * size;
    }

    private void checkNotFreed(final String operation) throws MPIException
    {
        if (freed)
        {
            throw new MPIException(MPI.ERR_TYPE, MPI.ERR_TYPE, "Datatype." + operation + ": the datatype was freed");
        }
    }

    private static Datatype oldType(final Datatype oldType) throws MPIException
    {
        if (oldType == null)
        {
            throw new MPIException(MPI.ERR_TYPE, MPI.ERR_TYPE, "the old datatype is null");
        }
        return oldType;
    }

    private static void checkOld(final String operation, final Datatype oldType) throws MPIException
    {
        if (oldType == null || oldType.code == NULL || oldType.freed)
        {
            throw new MPIException(MPI.ERR_TYPE, MPI.ERR_TYPE, operation + ": the old datatype is " +
                (oldType == null ? "null" : oldType.code == NULL ? "DATATYPE_NULL" : "freed"));
        }
    }

    private static void checkCount(final String operation, final String what, final int count) throws MPIException
    {
        if (count < 0)
        {
            throw new MPIException(MPI.ERR_COUNT, MPI.ERR_COUNT, operation + ": " + what + " " + count +
                " is negative");
        }
    }

    private static Datatype vector(final String operation, final int count, final int blockLength,
        final long strideBytes, final Datatype oldType) throws MPIException
    {
        checkOld(operation, oldType);
        checkCount(operation, "count", count);
        checkCount(operation, "blockLength", blockLength);
        final Builder b = new Builder();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < count; i++)
        {
            final long start = i * strideBytes;
            for (int k = 0; k < blockLength; k++)
            {
                b.add(oldType, start + k * oldType.extent);
            }
            if (blockLength > 0)
            {
                lo = Math.min(lo, start + oldType.lb);
                hi = Math.max(hi, start + oldType.lb + blockLength * oldType.extent);
            }
        }
        return (lo == Long.MAX_VALUE ? b.build(oldType.baseType, 0, 0) : b.build(oldType.baseType, lo, hi - lo))
            .alignedAs(oldType);
    }

    private static Datatype indexed(final String operation, final int[] blockLengths, final int[] displacements,
        final long unit, final Datatype oldType) throws MPIException
    {
        checkOld(operation, oldType);
        if (blockLengths == null || displacements == null || blockLengths.length != displacements.length)
        {
            throw new MPIException(MPI.ERR_ARG, MPI.ERR_ARG, operation +
                ": blockLengths and displacements must be non-null arrays of the same length");
        }
        final Builder b = new Builder();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < blockLengths.length; i++)
        {
            checkCount(operation, "blockLengths[" + i + "]", blockLengths[i]);
            final long start = displacements[i] * unit;
            for (int k = 0; k < blockLengths[i]; k++)
            {
                b.add(oldType, start + k * oldType.extent);
            }
            if (blockLengths[i] > 0)
            {
                lo = Math.min(lo, start + oldType.lb);
                hi = Math.max(hi, start + oldType.lb + blockLengths[i] * oldType.extent);
            }
        }
        return (lo == Long.MAX_VALUE ? b.build(oldType.baseType, 0, 0) : b.build(oldType.baseType, lo, hi - lo))
            .alignedAs(oldType);
    }

    /**
     * Accumulates the blocks of a new type map, merging a block into the previous one when they
     * touch.
     */
    private static final class Builder
    {
        private long[] offsets = new long[8];
        private long[] lengths = new long[8];
        private int count;

        void add(final Datatype type, final long displacement)
        {
            for (int i = 0; i < type.blockOffsets.length; i++)
            {
                addBlock(displacement + type.blockOffsets[i], type.blockLengths[i]);
            }
        }

        void addBlock(final long offset, final long length)
        {
            if (length == 0)
            {
                return;
            }
            if (count > 0 && offsets[count - 1] + lengths[count - 1] == offset)
            {
                lengths[count - 1] += length;
                return;
            }
            if (count == offsets.length)
            {
                offsets = Arrays.copyOf(offsets, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            offsets[count] = offset;
            lengths[count] = length;
            count++;
        }

        Datatype build(final int baseType, final long lb, final long extent)
        {
            return new Datatype(DERIVED, baseType, Arrays.copyOf(offsets, count), Arrays.copyOf(lengths, count), lb,
                extent, false, null);
        }
    }
}
