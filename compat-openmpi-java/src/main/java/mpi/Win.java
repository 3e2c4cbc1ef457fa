package mpi;

import java.nio.Buffer;

/**
 * An MPI window for one-sided communication ({@code MPI_Win}). One-sided communication is not supported by Myrmidon yet: every constructor and method throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}; the class keeps Open MPI's signatures so that programs compile.
 */
public final class Win implements Freeable
{
    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Win(final Buffer base, final int size, final int dispUnit, final Info info, final Comm comm) throws MPIException
    {
        throw Intracomm.unsupported("Win (one-sided communication)");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Win(final int size, final int dispUnit, final Info info, final Comm comm, final Buffer base, final int flavor) throws MPIException
    {
        throw Intracomm.unsupported("Win (one-sided communication)");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Win(final Info info, final Comm comm) throws MPIException
    {
        throw Intracomm.unsupported("Win (one-sided communication)");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void attach(final Buffer buffer, final int size) throws MPIException
    {
        throw Intracomm.unsupported("Win.attach");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void detach(final Buffer buffer) throws MPIException
    {
        throw Intracomm.unsupported("Win.detach");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Group getGroup() throws MPIException
    {
        throw Intracomm.unsupported("Win.getGroup");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void put(final Buffer origin, final int orgCount, final Datatype orgType, final int targetRank, final int targetDisp, final int targetCount, final Datatype targetType) throws MPIException
    {
        throw Intracomm.unsupported("Win.put");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void get(final Buffer origin, final int orgCount, final Datatype orgType, final int targetRank, final int targetDisp, final int targetCount, final Datatype targetType) throws MPIException
    {
        throw Intracomm.unsupported("Win.get");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void accumulate(final Buffer origin, final int orgCount, final Datatype orgType, final int targetRank, final int targetDisp, final int targetCount, final Datatype targetType, final Op op) throws MPIException
    {
        throw Intracomm.unsupported("Win.accumulate");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request rPut(final Buffer origin, final int orgCount, final Datatype orgType, final int targetRank, final int targetDisp, final int targetCount, final Datatype targetType) throws MPIException
    {
        throw Intracomm.unsupported("Win.rPut");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request rGet(final Buffer origin, final int orgCount, final Datatype orgType, final int targetRank, final int targetDisp, final int targetCount, final Datatype targetType) throws MPIException
    {
        throw Intracomm.unsupported("Win.rGet");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request rAccumulate(final Buffer origin, final int orgCount, final Datatype orgType, final int targetRank, final int targetDisp, final int targetCount, final Datatype targetType, final Op op) throws MPIException
    {
        throw Intracomm.unsupported("Win.rAccumulate");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void getAccumulate(final Buffer origin, final int orgCount, final Datatype orgType, final Buffer resultAddr, final int resultCount, final Datatype resultType, final int targetRank, final int targetDisp, final int targetCount, final Datatype targetType, final Op op) throws MPIException
    {
        throw Intracomm.unsupported("Win.getAccumulate");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request rGetAccumulate(final Buffer origin, final int orgCount, final Datatype orgType, final Buffer resultAddr, final int resultCount, final Datatype resultType, final int targetRank, final int targetDisp, final int targetCount, final Datatype targetType, final Op op) throws MPIException
    {
        throw Intracomm.unsupported("Win.rGetAccumulate");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void fetchAndOp(final Buffer origin, final Buffer resultAddr, final Datatype dataType, final int targetRank, final int targetDisp, final Op op) throws MPIException
    {
        throw Intracomm.unsupported("Win.fetchAndOp");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void compareAndSwap(final Buffer origin, final Buffer compareAddr, final Buffer resultAddr, final Datatype dataType, final int targetRank, final int targetDisp) throws MPIException
    {
        throw Intracomm.unsupported("Win.compareAndSwap");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void fence(final int assertion) throws MPIException
    {
        throw Intracomm.unsupported("Win.fence");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void start(final Group group, final int assertion) throws MPIException
    {
        throw Intracomm.unsupported("Win.start");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void complete() throws MPIException
    {
        throw Intracomm.unsupported("Win.complete");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void post(final Group group, final int assertion) throws MPIException
    {
        throw Intracomm.unsupported("Win.post");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void waitFor() throws MPIException
    {
        throw Intracomm.unsupported("Win.waitFor");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public boolean test() throws MPIException
    {
        throw Intracomm.unsupported("Win.test");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void lock(final int lockType, final int rank, final int assertion) throws MPIException
    {
        throw Intracomm.unsupported("Win.lock");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void unlock(final int rank) throws MPIException
    {
        throw Intracomm.unsupported("Win.unlock");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void lockAll(final int assertion) throws MPIException
    {
        throw Intracomm.unsupported("Win.lockAll");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void unlockAll() throws MPIException
    {
        throw Intracomm.unsupported("Win.unlockAll");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void sync() throws MPIException
    {
        throw Intracomm.unsupported("Win.sync");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void flush(final int targetRank) throws MPIException
    {
        throw Intracomm.unsupported("Win.flush");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void flushAll() throws MPIException
    {
        throw Intracomm.unsupported("Win.flushAll");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void flushLocal(final int targetRank) throws MPIException
    {
        throw Intracomm.unsupported("Win.flushLocal");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void flushLocalAll() throws MPIException
    {
        throw Intracomm.unsupported("Win.flushLocalAll");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void setErrhandler(final Errhandler errhandler) throws MPIException
    {
        throw Intracomm.unsupported("Win.setErrhandler");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Errhandler getErrhandler() throws MPIException
    {
        throw Intracomm.unsupported("Win.getErrhandler");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void callErrhandler(final int errorCode) throws MPIException
    {
        throw Intracomm.unsupported("Win.callErrhandler");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public static int createKeyval() throws MPIException
    {
        throw Intracomm.unsupported("Win.createKeyval");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public static void freeKeyval(final int keyval) throws MPIException
    {
        throw Intracomm.unsupported("Win.freeKeyval");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void setAttr(final int keyval, final Object value) throws MPIException
    {
        throw Intracomm.unsupported("Win.setAttr");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Object getAttr(final int keyval) throws MPIException
    {
        throw Intracomm.unsupported("Win.getAttr");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void deleteAttr(final int keyval) throws MPIException
    {
        throw Intracomm.unsupported("Win.deleteAttr");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void setInfo(final Info info) throws MPIException
    {
        throw Intracomm.unsupported("Win.setInfo");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Info getInfo() throws MPIException
    {
        throw Intracomm.unsupported("Win.getInfo");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void setName(final String name) throws MPIException
    {
        throw Intracomm.unsupported("Win.setName");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public String getName() throws MPIException
    {
        throw Intracomm.unsupported("Win.getName");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    @Override
    public void free() throws MPIException
    {
        throw Intracomm.unsupported("Win.free");
    }


}
