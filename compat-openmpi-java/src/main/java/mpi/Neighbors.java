package mpi;

import io.myrmidon.Communicator;
import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Neighbourhood collectives ({@code MPI_Neighbor_*}) on a communicator with a topology: each
 * process exchanges blocks with its topology neighbours only, by point-to-point messages on a
 * private duplicate of the communicator (so they never match the program's own messages). A
 * Cartesian neighbour off a non-periodic edge is {@link MPI#PROC_NULL}: nothing is sent to it and
 * its receive block is left as it was. Blocks to the same neighbour are told apart by their
 * direction (Cartesian) or by their order (graphs), as MPI defines.
 *
 * <p>Every form posts all its receives and sends at once ({@link Exchange}); the blocking form
 * waits for them, the non-blocking one ({@code iNeighbor*}) returns a request that completes when
 * they all have, the blocks being copied into the program's buffer in the call that reports it.
 * A block that arrives longer or shorter than its receive expects fails the call with
 * {@code ERR_TRUNCATE}, and nothing is copied into the program's buffer.
 */
final class Neighbors
{
    private Neighbors()
    {
    }

    static void allGather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        postAllGather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype).complete();
    }

    static Request iAllGather(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        return postAllGather(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype).request(c);
    }

    static void allGatherv(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype)
    {
        postAllGatherv(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype).complete();
    }

    static Request iAllGatherv(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int[] recvcount, final int[] displs, final Datatype recvtype)
    {
        return postAllGatherv(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype).request(c);
    }

    static void allToAll(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        postAllToAll(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype).complete();
    }

    static Request iAllToAll(final CommState c, final Object sendbuf, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        return postAllToAll(c, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype).request(c);
    }

    static void allToAllv(final CommState c, final Object sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype recvtype)
    {
        exchange("neighborAllToAllv", c, sendbuf, sendcount, sdispls, sendtype, recvbuf, recvcount, rdispls,
            recvtype).complete();
    }

    static Request iAllToAllv(final CommState c, final Object sendbuf, final int[] sendcount, final int[] sdispls,
        final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] rdispls,
        final Datatype recvtype)
    {
        return exchange("iNeighborAllToAllv", c, sendbuf, sendcount, sdispls, sendtype, recvbuf, recvcount, rdispls,
            recvtype).request(c);
    }

    private static Exchange postAllGather(final CommState c, final Object sendbuf, final int sendcount,
        final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        final int[] dests = topology(c).destinations(c.communicator.rank());
        final int[] sendCounts = new int[dests.length];
        final int[] sendDispls = new int[dests.length];
        java.util.Arrays.fill(sendCounts, sendcount);
        return exchange("neighborAllGather", c, sendbuf, sendCounts, sendDispls, sendtype, recvbuf,
            uniform(recvcount, topology(c).sources(c.communicator.rank()).length), null, recvtype);
    }

    private static Exchange postAllGatherv(final CommState c, final Object sendbuf, final int sendcount,
        final Datatype sendtype, final Object recvbuf, final int[] recvcount, final int[] displs,
        final Datatype recvtype)
    {
        final int[] dests = topology(c).destinations(c.communicator.rank());
        final int[] sendCounts = new int[dests.length];
        java.util.Arrays.fill(sendCounts, sendcount);
        return exchange("neighborAllGatherv", c, sendbuf, sendCounts, new int[dests.length], sendtype, recvbuf,
            recvcount, displs, recvtype);
    }

    private static Exchange postAllToAll(final CommState c, final Object sendbuf, final int sendcount,
        final Datatype sendtype, final Object recvbuf, final int recvcount, final Datatype recvtype)
    {
        final int rank = c.communicator.rank();
        final int outs = topology(c).destinations(rank).length;
        final int ins = topology(c).sources(rank).length;
        return exchange("neighborAllToAll", c, sendbuf, uniform(sendcount, outs), null, sendtype, recvbuf,
            uniform(recvcount, ins), null, recvtype);
    }

    /**
     * Posts the sends of block i (sendCounts[i] elements at sendDispls[i] extents, or packed one
     * after the other when null) to destination i, and the receives of block j from source j
     * likewise.
     */
    private static Exchange exchange(final String operation, final CommState c, final Object sendbuf,
        final int[] sendCounts, final int[] sendDispls, final Datatype sendtype, final Object recvbuf,
        final int[] recvCounts, final int[] recvDispls, final Datatype recvtype)
    {
        final Topology topology = topology(c);
        final int rank = c.communicator.rank();
        final int[] sources = topology.sources(rank);
        final int[] dests = topology.destinations(rank);
        check(operation, "send", sendCounts, sendDispls, dests.length);
        check(operation, "receive", recvCounts, recvDispls, sources.length);
        final Communicator neighbours = Communicators.neighbours(c);
        final Memory sendMemory = new Memory().of(operation, sendbuf);
        final Memory recvMemory = new Memory().of(operation, recvbuf);
        recvMemory.checkWritable(operation);
        final io.myrmidon.Request[] requests = new io.myrmidon.Request[sources.length + dests.length];
        final UnsafeBuffer[] received = new UnsafeBuffer[sources.length];
        long packed = 0;
        for (int j = 0; j < sources.length; j++)
        {
            final int bytes = PointToPoint.checkedBytes(operation, recvtype, recvCounts[j]);
            final long shift = recvDispls == null ? packed : (long)recvDispls[j] * recvtype.extent;
            recvMemory.checkFits(operation, recvtype, recvCounts[j], shift);
            packed = shift + (long)recvCounts[j] * recvtype.extent;
            if (sources[j] != MPI.PROC_NULL)
            {
                received[j] = new UnsafeBuffer(new byte[bytes]);
                requests[j] = neighbours.iRecv(received[j], 0, bytes, sources[j], topology.recvTag(j));
            }
        }
        packed = 0;
        for (int i = 0; i < dests.length; i++)
        {
            final int bytes = PointToPoint.checkedBytes(operation, sendtype, sendCounts[i]);
            final long shift = sendDispls == null ? packed : (long)sendDispls[i] * sendtype.extent;
            sendMemory.checkFits(operation, sendtype, sendCounts[i], shift);
            packed = shift + (long)sendCounts[i] * sendtype.extent;
            if (dests[i] != MPI.PROC_NULL)
            {
                final UnsafeBuffer block = new UnsafeBuffer(new byte[bytes]);
                sendMemory.pack(sendtype, sendCounts[i], block.byteArray(), block.addressOffset(), shift);
                requests[sources.length + i] = neighbours.iSend(block, 0, bytes, dests[i], topology.sendTag(i));
            }
        }
        final RequestSet.PartCheck exactLength = (part, status, error) ->
            part < received.length && (error == null || error.errorClass() == ErrorClass.TRUNCATE) &&
                status.count() != received[part].capacity() ?
                new MyrmidonException(ErrorClass.TRUNCATE, operation + ": neighbour " + sources[part] + " sent " +
                    status.count() + " bytes where " + received[part].capacity() + " were expected; the counts " +
                    "and datatypes of both sides must describe the same data") :
                error;
        return new Exchange(new RequestSet(requests, exactLength), received, recvMemory, recvCounts, recvDispls,
            recvtype);
    }

    /**
     * The posted messages of one neighbourhood collective, and where the received blocks go.
     */
    private static final class Exchange
    {
        private final RequestSet requests;
        private final UnsafeBuffer[] received;
        private final Memory recvMemory;
        private final int[] recvCounts;
        private final int[] recvDispls;
        private final Datatype recvtype;

        private Exchange(final RequestSet requests, final UnsafeBuffer[] received, final Memory recvMemory,
            final int[] recvCounts, final int[] recvDispls, final Datatype recvtype)
        {
            this.requests = requests;
            this.received = received;
            this.recvMemory = recvMemory;
            this.recvCounts = recvCounts.clone();
            this.recvDispls = recvDispls == null ? null : recvDispls.clone();
            this.recvtype = recvtype;
        }

        /**
         * Waits for every message, then copies the received blocks into the program's buffer.
         */
        void complete()
        {
            requests.waitFor(null);
            unpack();
        }

        /**
         * @return the request of the program's non-blocking call, which copies the received
         * blocks into its buffer when it is reported complete.
         */
        Request request(final CommState c)
        {
            return Request.started(c, requests, status -> unpack(), this);
        }

        private void unpack()
        {
            long packed = 0;
            for (int j = 0; j < received.length; j++)
            {
                final long shift = recvDispls == null ? packed : (long)recvDispls[j] * recvtype.extent;
                packed = shift + (long)recvCounts[j] * recvtype.extent;
                if (received[j] != null)
                {
                    recvMemory.unpack(recvtype, received[j].capacity(), received[j].byteArray(),
                        received[j].addressOffset(), shift);
                }
            }
        }
    }

    private static Topology topology(final CommState c)
    {
        if (c.topology == null)
        {
            throw new MpiError(MPI.ERR_TOPOLOGY, "neighbourhood collectives need a communicator with a topology " +
                "(createCart, createGraph, createDistGraph)");
        }
        return c.topology;
    }

    private static void check(final String operation, final String side, final int[] counts, final int[] displs,
        final int degree)
    {
        if (counts == null || counts.length < degree || (displs != null && displs.length < degree))
        {
            throw new MpiError(MPI.ERR_ARG, operation + ": the " + side + " counts and displacements need one entry " +
                "per neighbour (" + degree + ")");
        }
    }

    private static int[] uniform(final int count, final int n)
    {
        final int[] counts = new int[n];
        java.util.Arrays.fill(counts, count);
        return counts;
    }
}
