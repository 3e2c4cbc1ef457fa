package mpi;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An ordered set of processes ({@code MPI_Group}), held as their ranks in {@code MPI.COMM_WORLD}.
 * Group operations are local. Immutable.
 */
public final class Group implements Freeable
{
    final int[] worldRanks;
    private boolean freed;

    Group(final int[] worldRanks)
    {
        this.worldRanks = worldRanks;
    }

    /**
     * @return the number of processes ({@code MPI_Group_size}).
     */
    public int getSize() throws MPIException
    {
        check("getSize");
        return worldRanks.length;
    }

    /**
     * @return the calling process's rank in the group, or {@link MPI#UNDEFINED}
     * ({@code MPI_Group_rank}).
     */
    public int getRank() throws MPIException
    {
        check("getRank");
        return indexOf(RankState.checked().worldRank());
    }

    /**
     * Frees the group ({@code MPI_Group_free}).
     */
    @Override
    public void free() throws MPIException
    {
        MPI.check();
        if (this != MPI.GROUP_EMPTY)
        {
            freed = true;
        }
    }

    /**
     * @return true when the group was freed.
     */
    public boolean isNull()
    {
        return freed;
    }

    /**
     * Translates ranks of one group into another ({@code MPI_Group_translate_ranks}).
     *
     * @return the ranks in {@code group2}, {@link MPI#UNDEFINED} for processes not in it.
     */
    public static int[] translateRanks(final Group group1, final int[] ranks1, final Group group2) throws MPIException
    {
        group1.check("translateRanks");
        group2.check("translateRanks");
        final int[] result = new int[ranks1.length];
        for (int i = 0; i < ranks1.length; i++)
        {
            final int rank = ranks1[i];
            if (rank == MPI.PROC_NULL)
            {
                result[i] = MPI.PROC_NULL;
                continue;
            }
            group1.checkRank("translateRanks", rank);
            result[i] = group2.indexOf(group1.worldRanks[rank]);
        }
        return result;
    }

    /**
     * Compares two groups ({@code MPI_Group_compare}).
     *
     * @return {@link MPI#IDENT} (same processes, same order), {@link MPI#SIMILAR} (same
     * processes) or {@link MPI#UNEQUAL}.
     */
    public static int compare(final Group group1, final Group group2) throws MPIException
    {
        group1.check("compare");
        group2.check("compare");
        if (Arrays.equals(group1.worldRanks, group2.worldRanks))
        {
            return MPI.IDENT;
        }
        final int[] a = group1.worldRanks.clone();
        final int[] b = group2.worldRanks.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        return Arrays.equals(a, b) ? MPI.SIMILAR : MPI.UNEQUAL;
    }

    /**
     * @return the processes of {@code group1}, then those of {@code group2} not in it
     * ({@code MPI_Group_union}).
     */
    public static Group union(final Group group1, final Group group2) throws MPIException
    {
        group1.check("union");
        group2.check("union");
        final Set<Integer> all = new LinkedHashSet<>();
        for (final int r : group1.worldRanks)
        {
            all.add(r);
        }
        for (final int r : group2.worldRanks)
        {
            all.add(r);
        }
        return new Group(all.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * @return the processes of {@code group1} that are also in {@code group2}, in
     * {@code group1}'s order ({@code MPI_Group_intersection}).
     */
    public static Group intersection(final Group group1, final Group group2) throws MPIException
    {
        group1.check("intersection");
        group2.check("intersection");
        return new Group(Arrays.stream(group1.worldRanks).filter(r -> group2.indexOf(r) != MPI.UNDEFINED).toArray());
    }

    /**
     * @return the processes of {@code group1} not in {@code group2} ({@code MPI_Group_difference}).
     */
    public static Group difference(final Group group1, final Group group2) throws MPIException
    {
        group1.check("difference");
        group2.check("difference");
        return new Group(Arrays.stream(group1.worldRanks).filter(r -> group2.indexOf(r) == MPI.UNDEFINED).toArray());
    }

    /**
     * @return the group of the listed ranks, in that order ({@code MPI_Group_incl}).
     */
    public Group incl(final int[] ranks) throws MPIException
    {
        check("incl");
        checkDistinct("incl", ranks);
        final int[] result = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++)
        {
            result[i] = worldRanks[ranks[i]];
        }
        return new Group(result);
    }

    /**
     * @return this group without the listed ranks ({@code MPI_Group_excl}).
     */
    public Group excl(final int[] ranks) throws MPIException
    {
        check("excl");
        checkDistinct("excl", ranks);
        final boolean[] drop = new boolean[worldRanks.length];
        for (final int r : ranks)
        {
            drop[r] = true;
        }
        final int[] result = new int[worldRanks.length - ranks.length];
        int n = 0;
        for (int i = 0; i < worldRanks.length; i++)
        {
            if (!drop[i])
            {
                result[n++] = worldRanks[i];
            }
        }
        return new Group(result);
    }

    /**
     * @return the group of the ranks in the (first, last, stride) triplets ({@code MPI_Group_range_incl}).
     */
    public Group rangeIncl(final int[][] ranges) throws MPIException
    {
        check("rangeIncl");
        return incl(expand("rangeIncl", ranges));
    }

    /**
     * @return this group without the ranks in the (first, last, stride) triplets
     * ({@code MPI_Group_range_excl}).
     */
    public Group rangeExcl(final int[][] ranges) throws MPIException
    {
        check("rangeExcl");
        return excl(expand("rangeExcl", ranges));
    }

    @Override
    public String toString()
    {
        return "Group" + Arrays.toString(worldRanks);
    }

    int indexOf(final int worldRank)
    {
        for (int i = 0; i < worldRanks.length; i++)
        {
            if (worldRanks[i] == worldRank)
            {
                return i;
            }
        }
        return MPI.UNDEFINED;
    }

    private int[] expand(final String operation, final int[][] ranges) throws MPIException
    {
        final java.util.List<Integer> ranks = new java.util.ArrayList<>();
        for (final int[] range : ranges)
        {
            if (range == null || range.length != 3 || range[2] == 0)
            {
                throw new MPIException(MPI.ERR_ARG, MPI.ERR_ARG, operation + ": each range must be " +
                    "{first, last, stride} with a non-zero stride");
            }
            checkRank(operation, range[0]);
            checkRank(operation, range[1]);
            if (range[2] > 0)
            {
                for (int r = range[0]; r <= range[1]; r += range[2])
                {
                    ranks.add(r);
                }
            }
            else
            {
                for (int r = range[0]; r >= range[1]; r += range[2])
                {
                    ranks.add(r);
                }
            }
        }
        return ranks.stream().mapToInt(Integer::intValue).toArray();
    }

    private void checkDistinct(final String operation, final int[] ranks) throws MPIException
    {
        final boolean[] seen = new boolean[worldRanks.length];
        for (final int r : ranks)
        {
            checkRank(operation, r);
            if (seen[r])
            {
                throw new MPIException(MPI.ERR_RANK, MPI.ERR_RANK, operation + ": rank " + r + " is listed twice");
            }
            seen[r] = true;
        }
    }

    private void checkRank(final String operation, final int rank) throws MPIException
    {
        if (rank < 0 || rank >= worldRanks.length)
        {
            throw new MPIException(MPI.ERR_RANK, MPI.ERR_RANK, operation + ": rank " + rank + " is outside 0.." +
                (worldRanks.length - 1) + " of this group");
        }
    }

    private void check(final String operation) throws MPIException
    {
        MPI.check();
        if (freed)
        {
            throw new MPIException(MPI.ERR_GROUP, MPI.ERR_GROUP, "Group." + operation + ": the group was freed");
        }
    }
}
