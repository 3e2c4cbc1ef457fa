package mpi;

/**
 * Collective operations of the {@code mpi} API (placeholder until Myrmidon's collectives are merged).
 */
final class Collectives
{
    private Collectives()
    {
    }

    static void barrier(final CommState c)
    {
        throw pending("barrier");
    }

    static Request iBarrier(final CommState c)
    {
        throw pending("iBarrier");
    }

    static void bcast(final CommState c, final Object buf, final int count, final Datatype type, final int root)
    {
        throw pending("bcast");
    }

    static Request iBcast(final CommState c, final Object buf, final int count, final Datatype type, final int root)
    {
        throw pending("iBcast");
    }

    static void gather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype, final int root, final boolean inPlace)
    {
        throw pending("gather");
    }

    static void gatherv(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype, final int root, final boolean inPlace)
    {
        throw pending("gatherv");
    }

    static void scatter(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype, final int root, final boolean inPlace)
    {
        throw pending("scatter");
    }

    static void scatterv(final CommState c, final Object sendbuf, final int[] sendcount, final int[] displs, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype, final int root, final boolean inPlace)
    {
        throw pending("scatterv");
    }

    static void allGather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype, final boolean inPlace)
    {
        throw pending("allGather");
    }

    static Request iAllGather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype, final boolean inPlace)
    {
        throw pending("iAllGather");
    }

    static void allGatherv(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype, final boolean inPlace)
    {
        throw pending("allGatherv");
    }

    static void allToAll(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        throw pending("allToAll");
    }

    static Request iAllToAll(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        throw pending("iAllToAll");
    }

    static void allToAllv(final CommState c, final Object sendbuf, final int[] sendcount, final int[] sdispls, final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] rdispls, final Datatype recvtype)
    {
        throw pending("allToAllv");
    }

    static void allToAllw(final CommState c, final Object sendbuf, final int[] sendcount, final int[] sdispls, final Datatype[] sendtypes, final Object recvbuf, final int[] recvcount, final int[] rdispls, final Datatype[] recvtypes)
    {
        throw pending("allToAllw");
    }

    static void reduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count, final Datatype type, final Op op, final int root, final boolean inPlace)
    {
        throw pending("reduce");
    }

    static Request iReduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count, final Datatype type, final Op op, final int root, final boolean inPlace)
    {
        throw pending("iReduce");
    }

    static void allReduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count, final Datatype type, final Op op, final boolean inPlace)
    {
        throw pending("allReduce");
    }

    static Request iAllReduce(final CommState c, final Object sendbuf, final Object recvbuf, final int count, final Datatype type, final Op op, final boolean inPlace)
    {
        throw pending("iAllReduce");
    }

    static void reduceScatter(final CommState c, final Object sendbuf, final Object recvbuf, final int[] recvcounts, final Datatype type, final Op op, final boolean inPlace)
    {
        throw pending("reduceScatter");
    }

    static void reduceScatterBlock(final CommState c, final Object sendbuf, final Object recvbuf, final int recvcount, final Datatype type, final Op op, final boolean inPlace)
    {
        throw pending("reduceScatterBlock");
    }

    static void scan(final CommState c, final Object sendbuf, final Object recvbuf, final int count, final Datatype type, final Op op, final boolean inPlace, final boolean exclusive)
    {
        throw pending("scan");
    }

    static void reduceLocal(final Object inBuf, final Object inOutBuf, final int count, final Datatype type, final Op op)
    {
        throw pending("reduceLocal");
    }

    private static MpiError pending(final String operation)
    {
        return new MpiError(MPI.ERR_UNSUPPORTED_OPERATION, operation + ": collectives need Myrmidon's collectives, which this build lacks");
    }
}
