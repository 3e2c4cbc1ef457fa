package io.myrmidon;

/**
 * The element types of collective operations ({@code MPI_Datatype}): counts in collectives are in
 * elements of a datatype, offsets stay in bytes.
 *
 * <h2>Layout</h2>
 * Values are stored in the platform's native byte order, which is little-endian on every platform
 * Myrmidon supports (x86-64, AArch64): Agrona's {@code getInt(index)} and friends read them. A
 * {@link #CHAR} is a Java {@code char}, an unsigned 16-bit UTF-16 code unit. Pair types for
 * {@link Op#MINLOC} and {@link Op#MAXLOC} are packed without padding: the value first, then a
 * 32-bit {@code int} index.
 * <pre>
 *   DOUBLE_INT:  0               8       12
 *                +---------------+-------+
 *                | double value  | index |
 *                +---------------+-------+
 * </pre>
 */
public enum Datatype
{
    /** 8-bit signed integer ({@code MPI_BYTE} / {@code MPI_INT8_T}). */
    BYTE(1, Kind.INTEGER, 1),
    /** 16-bit signed integer ({@code MPI_SHORT}). */
    SHORT(2, Kind.INTEGER, 2),
    /** 16-bit unsigned character, a Java {@code char} ({@code MPI_UNSIGNED_SHORT} holding UTF-16). */
    CHAR(2, Kind.CHARACTER, 2),
    /** 32-bit signed integer ({@code MPI_INT}). */
    INT(4, Kind.INTEGER, 4),
    /** 64-bit signed integer ({@code MPI_LONG}). */
    LONG(8, Kind.INTEGER, 8),
    /** 32-bit IEEE 754 float ({@code MPI_FLOAT}). */
    FLOAT(4, Kind.FLOATING, 4),
    /** 64-bit IEEE 754 double ({@code MPI_DOUBLE}). */
    DOUBLE(8, Kind.FLOATING, 8),
    /** (short value, int index) ({@code MPI_SHORT_INT}). */
    SHORT_INT(6, Kind.PAIR, 2),
    /** (int value, int index) ({@code MPI_2INT}). */
    INT_INT(8, Kind.PAIR, 4),
    /** (long value, int index) ({@code MPI_LONG_INT}). */
    LONG_INT(12, Kind.PAIR, 8),
    /** (float value, int index) ({@code MPI_FLOAT_INT}). */
    FLOAT_INT(8, Kind.PAIR, 4),
    /** (double value, int index) ({@code MPI_DOUBLE_INT}). */
    DOUBLE_INT(12, Kind.PAIR, 8);

    /**
     * What sort of values a datatype holds, which decides the operations that apply to it.
     */
    public enum Kind
    {
        /** Signed two's complement integers: arithmetic, ordering, logical and bitwise operations. */
        INTEGER,
        /** IEEE 754 numbers: arithmetic and ordering. */
        FLOATING,
        /** Characters: ordering only. */
        CHARACTER,
        /** (value, index) pairs: MINLOC and MAXLOC only. */
        PAIR
    }

    private final int size;
    private final Kind kind;
    private final int valueSize;

    Datatype(final int size, final Kind kind, final int valueSize)
    {
        this.size = size;
        this.kind = kind;
        this.valueSize = valueSize;
    }

    /**
     * @return the size of one element in bytes ({@code MPI_Type_size}).
     */
    public int size()
    {
        return size;
    }

    /**
     * @return what the datatype holds.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * @return the size of the value in bytes; for pairs, of the value before the index.
     */
    public int valueSize()
    {
        return valueSize;
    }

    /**
     * @return true for a floating-point value (or a pair whose value is one).
     */
    public boolean isFloatingValue()
    {
        return this == FLOAT || this == DOUBLE || this == FLOAT_INT || this == DOUBLE_INT;
    }
}
