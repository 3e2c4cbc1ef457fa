package mpi;

/**
 * The version of the MPI standard this library implements ({@code MPI_Get_version}).
 */
public final class Version
{
    private final int version;
    private final int subversion;

    /**
     * @param version    major version.
     * @param subversion minor version.
     */
    public Version(final int version, final int subversion)
    {
        this.version = version;
        this.subversion = subversion;
    }

    /**
     * @return the major version of the standard.
     */
    public int getVersion()
    {
        return version;
    }

    /**
     * @return the minor version of the standard.
     */
    public int getSubversion()
    {
        return subversion;
    }

    @Override
    public String toString()
    {
        return version + "." + subversion;
    }
}
