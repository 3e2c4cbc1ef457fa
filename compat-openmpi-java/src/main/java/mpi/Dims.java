package mpi;

/**
 * {@code MPI_Dims_create}: splits a number of processes over dimensions as evenly as possible,
 * largest first.
 */
final class Dims
{
    private Dims()
    {
    }

    static void create(final int nnodes, final int[] dims)
    {
        if (nnodes <= 0)
        {
            throw new MpiError(MPI.ERR_DIMS, "createDims: the number of nodes " + nnodes + " must be positive");
        }
        int fixed = 1;
        int free = 0;
        for (final int d : dims)
        {
            if (d < 0)
            {
                throw new MpiError(MPI.ERR_DIMS, "createDims: dimension " + d + " is negative");
            }
            if (d > 0)
            {
                fixed *= d;
            }
            else
            {
                free++;
            }
        }
        if (nnodes % fixed != 0)
        {
            throw new MpiError(MPI.ERR_DIMS, "createDims: " + nnodes + " nodes cannot be split with the fixed " +
                "dimensions " + java.util.Arrays.toString(dims) + " (their product " + fixed + " does not divide it)");
        }
        if (free == 0)
        {
            if (fixed != nnodes)
            {
                throw new MpiError(MPI.ERR_DIMS, "createDims: the dimensions " + java.util.Arrays.toString(dims) +
                    " hold " + fixed + " nodes, not " + nnodes);
            }
            return;
        }
        final java.util.List<Integer> primes = new java.util.ArrayList<>();
        int rest = nnodes / fixed;
        for (int p = 2; rest > 1; )
        {
            if (rest % p == 0)
            {
                primes.add(p);
                rest /= p;
            }
            else
            {
                p++;
            }
        }
        final int[] sizes = new int[free];
        java.util.Arrays.fill(sizes, 1);
        for (int k = primes.size() - 1; k >= 0; k--)
        {
            int smallest = 0;
            for (int i = 1; i < free; i++)
            {
                if (sizes[i] < sizes[smallest])
                {
                    smallest = i;
                }
            }
            sizes[smallest] *= primes.get(k);
        }
        java.util.Arrays.sort(sizes);
        int next = free - 1;
        for (int i = 0; i < dims.length; i++)
        {
            if (dims[i] == 0)
            {
                dims[i] = sizes[next--];
            }
        }
    }
}
