package mpi;

import io.myrmidon.Communicator;

/**
 * The inter-communicator half of a {@link CommState}: how one rank reaches the remote group.
 *
 * <p>Myrmidon has intra-communicators only, so an inter-communicator runs on two of them that span
 * both groups (the <em>bridge</em>, made by the members alone with
 * {@link Communicator#createGroup}), plus the {@link CommState#communicator} of the local group:
 * <ul>
 *   <li>{@link #bridge} carries the program's point-to-point traffic; a rank named in a call is a
 *   rank of the remote group, translated here to its bridge rank (and back in statuses). Only
 *   remote ranks ever send to this rank on the bridge, so {@code ANY_SOURCE} matches remote ranks
 *   only, as MPI says.</li>
 *   <li>{@link #control} (a duplicate of the bridge) carries the inter-communicator's collectives,
 *   so they never match the program's messages.</li>
 * </ul>
 * The bridge puts first the group whose rank 0 has the lower world rank, then the other, each
 * in its own order: both sides compute the same order from the same facts. Not thread safe (a
 * rank's calls are serialized).
 */
final class InterState
{
    final Communicator bridge;
    final Communicator control;
    /** The control communicator as this layer's calls take it (no error handler of its own). */
    CommState controlState;
    final int[] remoteWorldRanks;
    /** True when the local group comes first in the bridge's order. */
    final boolean localFirst;
    private final int localSize;

    InterState(final Communicator bridge, final Communicator control, final int[] remoteWorldRanks,
        final boolean localFirst, final int localSize)
    {
        this.bridge = bridge;
        this.control = control;
        this.remoteWorldRanks = remoteWorldRanks;
        this.localFirst = localFirst;
        this.localSize = localSize;
    }

    int remoteSize()
    {
        return remoteWorldRanks.length;
    }

    /**
     * @param remoteRank a rank of the remote group, {@link MPI#PROC_NULL} or (for receives)
     *                   {@link MPI#ANY_SOURCE}.
     * @return the same process's rank in the bridge (negative markers unchanged).
     */
    int toBridge(final String operation, final int remoteRank)
    {
        if (remoteRank < 0)
        {
            if (remoteRank == MPI.PROC_NULL || remoteRank == MPI.ANY_SOURCE)
            {
                return remoteRank;
            }
        }
        else if (remoteRank < remoteWorldRanks.length)
        {
            return localFirst ? localSize + remoteRank : remoteRank;
        }
        throw new MpiError(MPI.ERR_RANK, operation + ": rank " + remoteRank + " is not a rank of the remote group " +
            "(0.." + (remoteWorldRanks.length - 1) + "); on an inter-communicator, ranks name the remote group");
    }

    /**
     * @return the remote rank of a bridge rank that sent to this rank (negative markers unchanged).
     */
    int fromBridge(final int bridgeRank)
    {
        if (bridgeRank < 0)
        {
            return bridgeRank;
        }
        return localFirst ? bridgeRank - localSize : bridgeRank;
    }

    /**
     * @return the bridge rank of a rank of the local group.
     */
    int localToBridge(final int localRank)
    {
        return localFirst ? localRank : remoteWorldRanks.length + localRank;
    }

    void free()
    {
        bridge.free();
        control.free();
    }
}
