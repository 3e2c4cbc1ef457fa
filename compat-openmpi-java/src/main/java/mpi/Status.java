package mpi;

/**
 * What a completed receive or a probe found ({@code MPI_Status}): source, tag, error, the number
 * of bytes received and, for the {@code waitAny}/{@code waitSome} families, the index of the
 * request. Created by the library. Not thread safe.
 */
public final class Status
{
    int source = MPI.ANY_SOURCE;
    int tag = MPI.ANY_TAG;
    /** The error class as Myrmidon reported it (null: success), turned into MPI's when asked. */
    io.myrmidon.ErrorClass errorClass;
    boolean cancelled;
    long bytes;
    int index = MPI.UNDEFINED;

    Status()
    {
    }

    static Status of(final io.myrmidon.Status status)
    {
        return new Status().copy(status);
    }

    Status copy(final io.myrmidon.Status status)
    {
        source = status.source();
        tag = status.tag();
        errorClass = status.error(); // mapped in getError: a receive whose status is dropped pays nothing
        cancelled = status.isCancelled();
        bytes = status.count();
        return this;
    }

    static Status procNull()
    {
        final Status status = new Status();
        status.source = MPI.PROC_NULL;
        status.tag = MPI.ANY_TAG;
        return status;
    }

    Status withIndex(final int index)
    {
        this.index = index;
        return this;
    }

    /**
     * @return the number of received elements of {@code datatype}, or {@link MPI#UNDEFINED} when
     * the bytes received are not a whole number of them ({@code MPI_Get_count}).
     */
    public int getCount(final Datatype datatype) throws MPIException
    {
        MPI.check();
        checkType(datatype);
        if (datatype.size == 0)
        {
            return bytes == 0 ? 0 : MPI.UNDEFINED;
        }
        return bytes % datatype.size == 0 ? (int)(bytes / datatype.size) : MPI.UNDEFINED;
    }

    /**
     * @return true when the operation was cancelled ({@code MPI_Test_cancelled}).
     */
    public boolean isCancelled() throws MPIException
    {
        MPI.check();
        return cancelled;
    }

    /**
     * @return the number of base-type elements received ({@code MPI_Get_elements}), or
     * {@link MPI#UNDEFINED} when the bytes are not a whole number of them.
     */
    public int getElements(final Datatype datatype) throws MPIException
    {
        final long elements = elements(datatype);
        return elements > Integer.MAX_VALUE ? MPI.UNDEFINED : (int)elements;
    }

    /**
     * @return as {@link #getElements} with a large count ({@code MPI_Get_elements_x}).
     */
    public Count getElementsX(final Datatype datatype) throws MPIException
    {
        return new Count(elements(datatype));
    }

    /**
     * Sets the number of base-type elements ({@code MPI_Status_set_elements}).
     */
    public void setElements(final Datatype datatype, final int count) throws MPIException
    {
        MPI.check();
        checkType(datatype);
        bytes = (long)count * datatype.baseSize;
    }

    /**
     * Sets the number of base-type elements ({@code MPI_Status_set_elements_x}).
     */
    public void setElementsX(final Datatype datatype, final Count count) throws MPIException
    {
        MPI.check();
        checkType(datatype);
        bytes = count.getCount() * datatype.baseSize;
    }

    /**
     * Sets the cancelled flag ({@code MPI_Status_set_cancelled}).
     */
    public void setCancelled(final boolean flag) throws MPIException
    {
        MPI.check();
        cancelled = flag;
    }

    /**
     * @return the rank that sent the message ({@code MPI_SOURCE}).
     */
    public int getSource()
    {
        return source;
    }

    /**
     * @return the tag of the message ({@code MPI_TAG}).
     */
    public int getTag()
    {
        return tag;
    }

    /**
     * @return the error class of the operation ({@code MPI_ERROR}).
     */
    public int getError()
    {
        return errorClass == null ? MPI.SUCCESS : ErrorClasses.of(errorClass);
    }

    /**
     * @return the index of the request in the array given to {@code waitAny} and friends, or
     * {@link MPI#UNDEFINED}.
     */
    public int getIndex()
    {
        return index;
    }

    @Override
    public String toString()
    {
        return "Status{source=" + source + ", tag=" + tag + ", error=" + getError() + ", bytes=" + bytes +
            (cancelled ? ", cancelled" : "") + (index != MPI.UNDEFINED ? ", index=" + index : "") + '}';
    }

    private long elements(final Datatype datatype) throws MPIException
    {
        MPI.check();
        checkType(datatype);
        return bytes % datatype.baseSize == 0 ? bytes / datatype.baseSize : MPI.UNDEFINED;
    }

    private static void checkType(final Datatype datatype) throws MPIException
    {
        if (datatype == null || datatype.isNull())
        {
            throw new MPIException(MPI.ERR_TYPE, MPI.ERR_TYPE, "Status: the datatype is null or freed");
        }
    }
}
