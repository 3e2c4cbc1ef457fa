package io.myrmidon;

/**
 * What a completed receive or a probe found ({@code MPI_Status}): the source rank and tag of the
 * message, its length in bytes, and an error class when the operation failed.
 *
 * <p>A {@code Status} is a plain mutable holder so that hot loops can reuse one instead of
 * allocating: operations that take a {@code Status} argument fill it, and accept {@code null} for
 * "ignore the status" ({@code MPI_STATUS_IGNORE}). Not thread safe.
 */
public final class Status
{
    private int source = Communicator.PROC_NULL;
    private int tag = Communicator.ANY_TAG;
    private int count;
    private ErrorClass error = ErrorClass.SUCCESS;
    private boolean cancelled;

    /**
     * @return the rank, in the communicator of the operation, that sent the message.
     */
    public int source()
    {
        return source;
    }

    /**
     * @return the tag of the message.
     */
    public int tag()
    {
        return tag;
    }

    /**
     * @return the number of bytes received ({@code MPI_Get_count} with {@code MPI_BYTE}); for a
     * truncated receive, the length of the message that was sent.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return {@link ErrorClass#SUCCESS}, or the class of the failure of this operation.
     */
    public ErrorClass error()
    {
        return error;
    }

    /**
     * @return true when the operation was cancelled ({@code MPI_Test_cancelled}).
     */
    public boolean isCancelled()
    {
        return cancelled;
    }

    /**
     * Fills this status; used by the engine.
     *
     * @return this.
     */
    public Status set(final int source, final int tag, final int count, final ErrorClass error, final boolean cancelled)
    {
        this.source = source;
        this.tag = tag;
        this.count = count;
        this.error = error;
        this.cancelled = cancelled;
        return this;
    }

    /**
     * Copies another status into this one.
     *
     * @return this.
     */
    public Status copyFrom(final Status other)
    {
        return set(other.source, other.tag, other.count, other.error, other.cancelled);
    }

    @Override
    public String toString()
    {
        return "Status{source=" + source + ", tag=" + tag + ", count=" + count + ", error=" + error +
            (cancelled ? ", cancelled" : "") + '}';
    }
}
