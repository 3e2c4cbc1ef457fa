package mpi;

/**
 * The view of a {@link File} ({@code MPI_File_get_view}): displacement, element type, file type
 * and data representation.
 */
public final class FileView
{
    private final long disp;
    private final Datatype etype;
    private final Datatype filetype;
    private final String datarep;

    /**
     * @param disp     displacement in bytes.
     * @param etype    elementary datatype.
     * @param filetype file type.
     * @param datarep  data representation.
     */
    public FileView(final long disp, final Datatype etype, final Datatype filetype, final String datarep)
    {
        this.disp = disp;
        this.etype = etype;
        this.filetype = filetype;
        this.datarep = datarep;
    }

    public long getDisp()
    {
        return disp;
    }

    public Datatype getEType()
    {
        return etype;
    }

    public Datatype getFileType()
    {
        return filetype;
    }

    public String getDataRep()
    {
        return datarep;
    }
}
