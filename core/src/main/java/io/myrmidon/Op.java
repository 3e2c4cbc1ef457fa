package io.myrmidon;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A reduction operation ({@code MPI_Op}): the predefined ones, or one of the user's made with
 * {@link #create(Function, boolean)}.
 *
 * <table>
 *   <caption>Which operation applies to which datatype</caption>
 *   <tr><th>operation</th><th>datatypes</th></tr>
 *   <tr><td>SUM, PROD</td><td>BYTE, SHORT, INT, LONG (wrapping), FLOAT, DOUBLE</td></tr>
 *   <tr><td>MIN, MAX</td><td>BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, CHAR (as unsigned)</td></tr>
 *   <tr><td>LAND, LOR, LXOR (0 is false, result 0 or 1)</td><td>BYTE, SHORT, INT, LONG</td></tr>
 *   <tr><td>BAND, BOR, BXOR</td><td>BYTE, SHORT, INT, LONG</td></tr>
 *   <tr><td>MINLOC, MAXLOC (ties: the smaller index)</td><td>SHORT_INT, INT_INT, LONG_INT, FLOAT_INT,
 *   DOUBLE_INT</td></tr>
 *   <tr><td>user-defined</td><td>any</td></tr>
 * </table>
 * Any other pair is rejected with {@link ErrorClass#OP} before anything is sent. MIN and MAX of
 * floating-point values follow {@link Math#min(double, double)}: NaN wins, -0.0 is less than 0.0.
 *
 * <p>Every predefined operation is associative and commutative as Myrmidon applies it
 * (floating-point sums and products are commutative but not associative; the collectives fix the
 * order in which they combine values, see {@link Communicator}).
 *
 * <p>Immutable and thread safe.
 */
public final class Op
{
    /**
     * A user-defined reduction ({@code MPI_User_function}): {@code inout[i] = in[i] op inout[i]}
     * for {@code count} elements of {@code type}, where {@code in} holds the values of lower ranks.
     * It must be associative; declare it commutative only when it is.
     */
    @FunctionalInterface
    public interface Function
    {
        void apply(DirectBuffer in, int inOffset, MutableDirectBuffer inout, int inoutOffset, int count,
            Datatype type);
    }

    private enum Code
    {
        SUM, PROD, MIN, MAX, LAND, LOR, LXOR, BAND, BOR, BXOR, MINLOC, MAXLOC, USER
    }

    /** Sum ({@code MPI_SUM}). */
    public static final Op SUM = new Op(Code.SUM, "SUM", null, true);
    /** Product ({@code MPI_PROD}). */
    public static final Op PROD = new Op(Code.PROD, "PROD", null, true);
    /** Minimum ({@code MPI_MIN}). */
    public static final Op MIN = new Op(Code.MIN, "MIN", null, true);
    /** Maximum ({@code MPI_MAX}). */
    public static final Op MAX = new Op(Code.MAX, "MAX", null, true);
    /** Logical and ({@code MPI_LAND}). */
    public static final Op LAND = new Op(Code.LAND, "LAND", null, true);
    /** Logical or ({@code MPI_LOR}). */
    public static final Op LOR = new Op(Code.LOR, "LOR", null, true);
    /** Logical exclusive or ({@code MPI_LXOR}). */
    public static final Op LXOR = new Op(Code.LXOR, "LXOR", null, true);
    /** Bitwise and ({@code MPI_BAND}). */
    public static final Op BAND = new Op(Code.BAND, "BAND", null, true);
    /** Bitwise or ({@code MPI_BOR}). */
    public static final Op BOR = new Op(Code.BOR, "BOR", null, true);
    /** Bitwise exclusive or ({@code MPI_BXOR}). */
    public static final Op BXOR = new Op(Code.BXOR, "BXOR", null, true);
    /** Minimum value and its index ({@code MPI_MINLOC}). */
    public static final Op MINLOC = new Op(Code.MINLOC, "MINLOC", null, true);
    /** Maximum value and its index ({@code MPI_MAXLOC}). */
    public static final Op MAXLOC = new Op(Code.MAXLOC, "MAXLOC", null, true);

    private final Code code;
    private final String name;
    private final Function function;
    private final boolean commutative;

    private Op(final Code code, final String name, final Function function, final boolean commutative)
    {
        this.code = code;
        this.name = name;
        this.function = function;
        this.commutative = commutative;
    }

    /**
     * Makes a user-defined operation ({@code MPI_Op_create}).
     *
     * @param function    the associative combination.
     * @param commutative true when {@code a op b == b op a}; false makes the collectives combine in
     *                    rank order strictly.
     */
    public static Op create(final Function function, final boolean commutative)
    {
        if (function == null)
        {
            throw new MyrmidonException(ErrorClass.OP, "Op.create: the function is null");
        }
        return new Op(Code.USER, "user-defined", function, commutative);
    }

    /**
     * @return true when the operation is commutative.
     */
    public boolean isCommutative()
    {
        return commutative;
    }

    /**
     * @return true for an operation made with {@link #create(Function, boolean)}.
     */
    public boolean isUserDefined()
    {
        return code == Code.USER;
    }

    /**
     * @return true when this operation applies to the datatype (see the table above).
     */
    public boolean supports(final Datatype type)
    {
        final Datatype.Kind kind = type.kind();
        return switch (code)
        {
            case SUM, PROD -> kind == Datatype.Kind.INTEGER || kind == Datatype.Kind.FLOATING;
            case MIN, MAX -> kind != Datatype.Kind.PAIR;
            case LAND, LOR, LXOR, BAND, BOR, BXOR -> kind == Datatype.Kind.INTEGER;
            case MINLOC, MAXLOC -> kind == Datatype.Kind.PAIR;
            case USER -> true;
        };
    }

    /**
     * Rejects a datatype this operation does not apply to.
     *
     * @param operation the collective, for the message.
     * @throws MyrmidonException {@link ErrorClass#OP} saying which pair makes no sense and why.
     */
    public void check(final String operation, final Datatype type)
    {
        if (type == null)
        {
            throw new MyrmidonException(ErrorClass.TYPE, operation + ": the datatype is null");
        }
        if (!supports(type))
        {
            final String why = switch (code)
            {
                case SUM, PROD -> "arithmetic applies to the integer and floating-point types only";
                case MIN, MAX -> "MIN and MAX compare single values; for (value, index) pairs use MINLOC or MAXLOC";
                case LAND, LOR, LXOR -> "logical operations apply to the integer types only";
                case BAND, BOR, BXOR -> "bitwise operations apply to the integer types only";
                default -> name + " applies to the (value, index) pair types only (SHORT_INT, INT_INT, LONG_INT, " +
                    "FLOAT_INT, DOUBLE_INT)";
            };
            throw new MyrmidonException(ErrorClass.OP, operation + ": " + name + " does not apply to " + type +
                ": " + why);
        }
    }

    /**
     * Combines two arrays ({@code MPI_Reduce_local}): {@code inout[i] = in[i] op inout[i]}.
     */
    public void reduceLocal(final DirectBuffer in, final int inOffset, final MutableDirectBuffer inout,
        final int inoutOffset, final int count, final Datatype type)
    {
        check("reduceLocal", type);
        combine(in, inOffset, inout, inoutOffset, inout, inoutOffset, count, type);
    }

    /**
     * Combines element-wise {@code out[i] = first[i] op second[i]}, {@code first} holding the
     * values of the lower ranks. {@code out} may be the same memory as {@code second}, and for a
     * predefined operation also as {@code first}; a user-defined one writing over {@code first} is
     * the caller's to avoid. For the library's collectives; the datatype was checked.
     */
    public void combine(final DirectBuffer first, final int firstOffset, final DirectBuffer second,
        final int secondOffset, final MutableDirectBuffer out, final int outOffset, final int count,
        final Datatype type)
    {
        if (count == 0)
        {
            return;
        }
        switch (code)
        {
            case USER ->
            {
                if (out != second || outOffset != secondOffset)
                {
                    out.putBytes(outOffset, second, secondOffset, count * type.size());
                }
                function.apply(first, firstOffset, out, outOffset, count, type);
            }
            case MINLOC, MAXLOC -> Reductions.pairs(code == Code.MINLOC, first, firstOffset, second, secondOffset,
                out, outOffset, count, type);
            default ->
            {
                if (type == Datatype.DOUBLE && code == Code.SUM)
                {
                    Reductions.sumDoubles(first, firstOffset, second, secondOffset, out, outOffset, count);
                }
                else if (type.kind() == Datatype.Kind.FLOATING)
                {
                    Reductions.floating(code.ordinal(), first, firstOffset, second, secondOffset, out, outOffset,
                        count, type);
                }
                else
                {
                    Reductions.integers(code.ordinal(), first, firstOffset, second, secondOffset, out, outOffset,
                        count, type);
                }
            }
        }
    }

    static final int SUM_CODE = Code.SUM.ordinal();
    static final int PROD_CODE = Code.PROD.ordinal();
    static final int MIN_CODE = Code.MIN.ordinal();
    static final int MAX_CODE = Code.MAX.ordinal();
    static final int LAND_CODE = Code.LAND.ordinal();
    static final int LOR_CODE = Code.LOR.ordinal();
    static final int LXOR_CODE = Code.LXOR.ordinal();
    static final int BAND_CODE = Code.BAND.ordinal();
    static final int BOR_CODE = Code.BOR.ordinal();

    @Override
    public String toString()
    {
        return "Op{" + name + (commutative ? "" : ", non-commutative") + '}';
    }
}
