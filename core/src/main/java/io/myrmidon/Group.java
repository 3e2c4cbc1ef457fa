package io.myrmidon;

import java.util.Arrays;

/**
 * An ordered set of processes ({@code MPI_Group}), as seen from this rank: rank i of the group is
 * world rank {@link #worldRank(int)}. Groups are local objects: making one communicates nothing.
 * Get one with {@link Communicator#group()}, derive others with {@link #include} and
 * {@link #exclude}, and make a communicator of one with {@link Communicator#create(Group)}.
 *
 * <p>Immutable and thread safe.
 */
public final class Group
{
    /** The rank of a process that is not in the group ({@code MPI_UNDEFINED}). */
    public static final int UNDEFINED = Communicator.UNDEFINED;

    private final int[] worldRanks;
    private final int myWorldRank;
    private final int rank;

    Group(final int[] worldRanks, final int myWorldRank)
    {
        this.worldRanks = worldRanks;
        this.myWorldRank = myWorldRank;
        this.rank = indexOf(worldRanks, myWorldRank);
    }

    /**
     * @return the number of processes ({@code MPI_Group_size}).
     */
    public int size()
    {
        return worldRanks.length;
    }

    /**
     * @return this process's rank in the group, or {@link #UNDEFINED} ({@code MPI_Group_rank}).
     */
    public int rank()
    {
        return rank;
    }

    /**
     * @return the world rank of the group's rank {@code rank}.
     */
    public int worldRank(final int rank)
    {
        checkRank("worldRank", rank);
        return worldRanks[rank];
    }

    /**
     * The group of the listed ranks, in the listed order ({@code MPI_Group_incl}).
     *
     * @param ranks distinct ranks of this group.
     */
    public Group include(final int... ranks)
    {
        checkDistinct("include", ranks);
        final int[] members = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++)
        {
            members[i] = worldRanks[ranks[i]];
        }
        return new Group(members, myWorldRank);
    }

    /**
     * The group without the listed ranks, the others keeping their order ({@code MPI_Group_excl}).
     *
     * @param ranks distinct ranks of this group.
     */
    public Group exclude(final int... ranks)
    {
        checkDistinct("exclude", ranks);
        final boolean[] excluded = new boolean[worldRanks.length];
        for (final int r : ranks)
        {
            excluded[r] = true;
        }
        final int[] members = new int[worldRanks.length - ranks.length];
        int next = 0;
        for (int i = 0; i < worldRanks.length; i++)
        {
            if (!excluded[i])
            {
                members[next++] = worldRanks[i];
            }
        }
        return new Group(members, myWorldRank);
    }

    /**
     * Translates ranks of this group into ranks of another ({@code MPI_Group_translate_ranks}).
     *
     * @return for each rank, the same process's rank in {@code other}, or {@link #UNDEFINED}.
     */
    public int[] translateRanks(final int[] ranks, final Group other)
    {
        if (ranks == null || other == null)
        {
            throw new MyrmidonException(ErrorClass.ARG,
                "translateRanks: the ranks and the other group must not be null");
        }
        final int[] translated = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++)
        {
            checkRank("translateRanks", ranks[i]);
            translated[i] = indexOf(other.worldRanks, worldRanks[ranks[i]]);
        }
        return translated;
    }

    /**
     * Compares two groups ({@code MPI_Group_compare}): {@link Comparison#IDENT} for the same
     * processes in the same order, {@link Comparison#SIMILAR} in another order, else
     * {@link Comparison#UNEQUAL}.
     */
    public Comparison compare(final Group other)
    {
        if (Arrays.equals(worldRanks, other.worldRanks))
        {
            return Comparison.IDENT;
        }
        final int[] mine = worldRanks.clone();
        final int[] theirs = other.worldRanks.clone();
        Arrays.sort(mine);
        Arrays.sort(theirs);
        return Arrays.equals(mine, theirs) ? Comparison.SIMILAR : Comparison.UNEQUAL;
    }

    int[] worldRanks()
    {
        return worldRanks;
    }

    private void checkRank(final String operation, final int rank)
    {
        if (rank < 0 || rank >= worldRanks.length)
        {
            throw new MyrmidonException(ErrorClass.RANK, operation + ": rank " + rank + " is outside 0.." +
                (worldRanks.length - 1) + " of this group (size " + worldRanks.length + ")");
        }
    }

    private void checkDistinct(final String operation, final int[] ranks)
    {
        if (ranks == null)
        {
            throw new MyrmidonException(ErrorClass.ARG, operation + ": the rank list is null");
        }
        final boolean[] seen = new boolean[worldRanks.length];
        for (final int r : ranks)
        {
            checkRank(operation, r);
            if (seen[r])
            {
                throw new MyrmidonException(ErrorClass.RANK, operation + ": rank " + r +
                    " is listed twice; list each rank once");
            }
            seen[r] = true;
        }
    }

    private static int indexOf(final int[] ranks, final int worldRank)
    {
        for (int i = 0; i < ranks.length; i++)
        {
            if (ranks[i] == worldRank)
            {
                return i;
            }
        }
        return UNDEFINED;
    }

    @Override
    public String toString()
    {
        return "Group{worldRanks=" + Arrays.toString(worldRanks) + ", rank=" + rank + '}';
    }
}
