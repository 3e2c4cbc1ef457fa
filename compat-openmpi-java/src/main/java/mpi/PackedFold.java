package mpi;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A reduction of packed vectors ({@code count} elements of a datatype each, packed as
 * {@link InterCollectives#packAt} packs them), folded in the order given:
 * {@code ((v0 op v1) op v2) ...}, MPI's rank order, so that non-commutative user functions are
 * right. A predefined {@link Op} runs as Myrmidon's operation, a user-defined one as its
 * {@link UserFunction}. The operation and the datatype are checked when the fold is made, so that
 * a non-blocking call fails at once rather than in the call that completes it. Not thread safe
 * (a rank's calls are serialized).
 */
final class PackedFold
{
    /** The bytes of one packed vector. */
    final int bytes;
    private final Datatype type;
    private final Op op;
    private final int count;
    /** Myrmidon's form of a predefined operation; null for a user-defined one. */
    private final Reduction predefined;

    private PackedFold(final Datatype type, final Op op, final int count, final int bytes,
        final Reduction predefined)
    {
        this.type = type;
        this.op = op;
        this.count = count;
        this.bytes = bytes;
        this.predefined = predefined;
    }

    /**
     * @throws MpiError {@code ERR_OP} or {@code ERR_TYPE} when {@code op} cannot reduce
     *                  {@code type}, {@code ERR_COUNT} for a bad count.
     */
    static PackedFold of(final String operation, final Datatype type, final Op op, final int count)
    {
        if (op != null && op.function != null)
        {
            return new PackedFold(type, op, count, PointToPoint.checkedBytes(operation, type, count), null);
        }
        final Reduction reduction = Reduction.of(operation, type, op, count);
        return new PackedFold(type, op, count, reduction.bytes, reduction);
    }

    /**
     * @param inputs at least one packed vector, in the order to fold them; their memory is used
     *               for the intermediate results.
     * @return the packed result.
     */
    byte[] apply(final byte[][] inputs)
    {
        if (predefined == null)
        {
            return UserReductions.fold(inputs, 0, inputs.length, count, type, op);
        }
        byte[] folded = inputs[0];
        for (int i = 1; i < inputs.length; i++)
        {
            predefined.op.reduceLocal(new UnsafeBuffer(folded), 0, new UnsafeBuffer(inputs[i]), 0, predefined.count,
                predefined.type);
            folded = inputs[i];
        }
        return folded;
    }

    /**
     * Folds {@code inputs} (see {@link #apply}) and unpacks the result into {@code buf}.
     */
    void into(final byte[][] inputs, final Object buf)
    {
        UserReductions.unpack(apply(inputs), buf, count, type);
    }
}
