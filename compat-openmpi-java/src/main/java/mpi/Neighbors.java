package mpi;

/**
 * Neighbourhood collectives (placeholder until Myrmidon's collectives are merged).
 */
final class Neighbors
{
    private Neighbors()
    {
    }

    static void allGather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        throw new MpiError(MPI.ERR_UNSUPPORTED_OPERATION, "neighbourhood collectives need Myrmidon's collectives, which this build lacks");
    }

    static void allGatherv(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype)
    {
        throw new MpiError(MPI.ERR_UNSUPPORTED_OPERATION, "neighbourhood collectives need Myrmidon's collectives, which this build lacks");
    }

    static void allToAll(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        throw new MpiError(MPI.ERR_UNSUPPORTED_OPERATION, "neighbourhood collectives need Myrmidon's collectives, which this build lacks");
    }

    static void allToAllv(final CommState c, final Object sendbuf, final int[] sendcount, final int[] sdispls, final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] rdispls, final Datatype recvtype)
    {
        throw new MpiError(MPI.ERR_UNSUPPORTED_OPERATION, "neighbourhood collectives need Myrmidon's collectives, which this build lacks");
    }

}
