package mpi;

import java.nio.Buffer;

/**
 * A file for parallel I/O ({@code MPI_File}). MPI-IO is not supported by Myrmidon yet: every constructor and method throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}; the class keeps Open MPI's signatures so that programs compile.
 */
public final class File implements Freeable
{
    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public File(final Comm comm, final String filename, final int amode) throws MPIException
    {
        throw Intracomm.unsupported("File (MPI-IO)");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public File(final Comm comm, final String filename, final int amode, final Info info) throws MPIException
    {
        throw Intracomm.unsupported("File (MPI-IO)");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void close() throws MPIException
    {
        throw Intracomm.unsupported("File.close");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public static void delete(final String filename) throws MPIException
    {
        throw Intracomm.unsupported("File.delete");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public static void delete(final String filename, final Info info) throws MPIException
    {
        throw Intracomm.unsupported("File.delete");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void setSize(final long size) throws MPIException
    {
        throw Intracomm.unsupported("File.setSize");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void preallocate(final long size) throws MPIException
    {
        throw Intracomm.unsupported("File.preallocate");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public long getSize() throws MPIException
    {
        throw Intracomm.unsupported("File.getSize");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Group getGroup() throws MPIException
    {
        throw Intracomm.unsupported("File.getGroup");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public int getAMode() throws MPIException
    {
        throw Intracomm.unsupported("File.getAMode");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void setInfo(final Info info) throws MPIException
    {
        throw Intracomm.unsupported("File.setInfo");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Info getInfo() throws MPIException
    {
        throw Intracomm.unsupported("File.getInfo");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void setView(final long disp, final Datatype etype, final Datatype filetype, final String datarep, final Info info) throws MPIException
    {
        throw Intracomm.unsupported("File.setView");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public FileView getView() throws MPIException
    {
        throw Intracomm.unsupported("File.getView");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status readAt(final long offset, final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.readAt");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status readAtAll(final long offset, final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.readAtAll");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status writeAt(final long offset, final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.writeAt");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status writeAtAll(final long offset, final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.writeAtAll");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request iReadAt(final long offset, final Buffer buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.iReadAt");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request iWriteAt(final long offset, final Buffer buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.iWriteAt");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status read(final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.read");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status readAll(final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.readAll");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status write(final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.write");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status writeAll(final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.writeAll");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request iRead(final Buffer buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.iRead");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request iWrite(final Buffer buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.iWrite");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void seek(final long offset, final int whence) throws MPIException
    {
        throw Intracomm.unsupported("File.seek");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public long getPosition() throws MPIException
    {
        throw Intracomm.unsupported("File.getPosition");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public long getByteOffset(final long offset) throws MPIException
    {
        throw Intracomm.unsupported("File.getByteOffset");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status readShared(final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.readShared");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status writeShared(final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.writeShared");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request iReadShared(final Buffer buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.iReadShared");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Request iWriteShared(final Buffer buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.iWriteShared");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status readOrdered(final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.readOrdered");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Status writeOrdered(final Object buf, final int count, final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.writeOrdered");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void seekShared(final long offset, final int whence) throws MPIException
    {
        throw Intracomm.unsupported("File.seekShared");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public long getPositionShared() throws MPIException
    {
        throw Intracomm.unsupported("File.getPositionShared");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public int getTypeExtent(final Datatype type) throws MPIException
    {
        throw Intracomm.unsupported("File.getTypeExtent");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void setAtomicity(final boolean atomicity) throws MPIException
    {
        throw Intracomm.unsupported("File.setAtomicity");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public boolean getAtomicity() throws MPIException
    {
        throw Intracomm.unsupported("File.getAtomicity");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void sync() throws MPIException
    {
        throw Intracomm.unsupported("File.sync");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void setErrhandler(final Errhandler errhandler) throws MPIException
    {
        throw Intracomm.unsupported("File.setErrhandler");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public Errhandler getErrhandler() throws MPIException
    {
        throw Intracomm.unsupported("File.getErrhandler");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    public void callErrhandler(final int errorCode) throws MPIException
    {
        throw Intracomm.unsupported("File.callErrhandler");
    }

    /**
     * Not supported yet: throws {@link MPIException} with {@link MPI#ERR_UNSUPPORTED_OPERATION}.
     */
    @Override
    public void free() throws MPIException
    {
        throw Intracomm.unsupported("File.free");
    }


}
