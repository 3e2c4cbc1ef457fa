package mpi;

import java.util.Map;

/**
 * A predefined reduction as Myrmidon runs it: the element type the datatype is made of, how many
 * of them, and Myrmidon's operation. Checks that the operation applies ({@code ERR_OP}) and that
 * the datatype can be reduced ({@code ERR_TYPE}).
 */
final class Reduction
{
    private static final Map<String, io.myrmidon.Op> OPS = Map.ofEntries(
        Map.entry("MPI_SUM", io.myrmidon.Op.SUM),
        Map.entry("MPI_PROD", io.myrmidon.Op.PROD),
        Map.entry("MPI_MIN", io.myrmidon.Op.MIN),
        Map.entry("MPI_MAX", io.myrmidon.Op.MAX),
        Map.entry("MPI_LAND", io.myrmidon.Op.LAND),
        Map.entry("MPI_LOR", io.myrmidon.Op.LOR),
        Map.entry("MPI_LXOR", io.myrmidon.Op.LXOR),
        Map.entry("MPI_BAND", io.myrmidon.Op.BAND),
        Map.entry("MPI_BOR", io.myrmidon.Op.BOR),
        Map.entry("MPI_BXOR", io.myrmidon.Op.BXOR),
        Map.entry("MPI_MINLOC", io.myrmidon.Op.MINLOC),
        Map.entry("MPI_MAXLOC", io.myrmidon.Op.MAXLOC));

    final io.myrmidon.Datatype type;
    final int count;
    final io.myrmidon.Op op;
    final int bytes;

    private Reduction(final io.myrmidon.Datatype type, final int count, final io.myrmidon.Op op, final int bytes)
    {
        this.type = type;
        this.count = count;
        this.op = op;
        this.bytes = bytes;
    }

    static Reduction of(final String operation, final Datatype type, final Op op, final int count)
    {
        final int bytes = PointToPoint.checkedBytes(operation, type, count);
        if (op == null || op.isFreed())
        {
            throw new MpiError(MPI.ERR_OP, operation + ": the operation is " + (op == null ? "null" : "freed"));
        }
        final io.myrmidon.Op mop = OPS.get(op.name);
        if (mop == null)
        {
            throw new MpiError(MPI.ERR_OP, operation + ": " + op + " is for one-sided accumulate operations, not " +
                "for collectives");
        }
        final io.myrmidon.Datatype element = switch (type.elementCode)
        {
            case Datatype.BYTE, Datatype.BOOLEAN -> io.myrmidon.Datatype.BYTE;
            case Datatype.CHAR -> io.myrmidon.Datatype.CHAR;
            case Datatype.SHORT -> io.myrmidon.Datatype.SHORT;
            case Datatype.INT -> io.myrmidon.Datatype.INT;
            case Datatype.LONG -> io.myrmidon.Datatype.LONG;
            case Datatype.FLOAT -> io.myrmidon.Datatype.FLOAT;
            case Datatype.DOUBLE -> io.myrmidon.Datatype.DOUBLE;
            case Datatype.INT2 -> io.myrmidon.Datatype.INT_INT;
            case Datatype.SHORT_INT -> io.myrmidon.Datatype.SHORT_INT;
            case Datatype.LONG_INT -> io.myrmidon.Datatype.LONG_INT;
            case Datatype.FLOAT_INT -> io.myrmidon.Datatype.FLOAT_INT;
            case Datatype.DOUBLE_INT -> io.myrmidon.Datatype.DOUBLE_INT;
            case Datatype.FLOAT_COMPLEX, Datatype.DOUBLE_COMPLEX -> complex(operation, type, op);
            case Datatype.PACKED -> throw new MpiError(MPI.ERR_TYPE, operation + ": MPI.PACKED cannot be reduced");
            default -> throw new MpiError(MPI.ERR_TYPE, operation + ": " + type + " mixes several primitive types; " +
                "a predefined operation needs a datatype made of one of them (use a user-defined Op for structs)");
        };
        mop.check(operation, element);
        return new Reduction(element, bytes / element.size(), mop, bytes);
    }

    private static io.myrmidon.Datatype complex(final String operation, final Datatype type, final Op op)
    {
        if (op != MPI.SUM)
        {
            throw new MpiError(MPI.ERR_OP, operation + ": only SUM is supported on complex numbers here (" + op +
                " was asked); use a user-defined Op for products");
        }
        return type.elementCode == Datatype.FLOAT_COMPLEX ? io.myrmidon.Datatype.FLOAT : io.myrmidon.Datatype.DOUBLE;
    }
}
