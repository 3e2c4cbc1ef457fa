package io.myrmidon.compat.programs;

import mpi.Datatype;
import mpi.MPI;
import mpi.MPIException;

/**
 * C = A x B for n x n matrices of doubles stored row-major in {@code double[]}, split by blocks of
 * columns: rank 0 sends every rank all of A and a block of columns of B, described by a derived
 * vector datatype (so the block travels without the program copying it), and receives the
 * matching columns of C back through the same kind of datatype. Rank 0 checks the result
 * against a sequential product and fails when it differs.
 *
 * <pre>bin/myrmidon run -n 4 --classpath CP io.myrmidon.compat.programs.MatrixMultiply [n]</pre>
 */
public final class MatrixMultiply
{
    private static final int TAG_A = 1;
    private static final int TAG_B = 2;
    private static final int TAG_C = 3;

    private MatrixMultiply()
    {
    }

    public static void main(final String[] args) throws MPIException
    {
        final String[] rest = MPI.Init(args);
        final int n = rest.length > 0 ? Integer.parseInt(rest[0]) : 96;
        final int rank = MPI.COMM_WORLD.getRank();
        final int size = MPI.COMM_WORLD.getSize();
        if (n % size != 0)
        {
            throw new IllegalArgumentException("n = " + n + " must be a multiple of the number of ranks " + size);
        }
        final int cols = n / size;
        // cols consecutive doubles of each of the n rows, rows n doubles apart
        final Datatype columnBlock = Datatype.createVector(n, cols, n, MPI.DOUBLE);
        columnBlock.commit();

        final double[] a = new double[n * n];
        final double[] bBlock = new double[n * cols];
        final double[] cBlock = new double[n * cols];
        double[] b = null;
        double[] c = null;
        if (rank == 0)
        {
            b = new double[n * n];
            c = new double[n * n];
            for (int i = 0; i < n * n; i++)
            {
                a[i] = (i % 7) - 3 + i * 1e-3;
                b[i] = ((i * 5) % 11) - 5 + i * 1e-4;
            }
            for (int r = 1; r < size; r++)
            {
                MPI.COMM_WORLD.send(a, n * n, MPI.DOUBLE, r, TAG_A);
                MPI.COMM_WORLD.send(MPI.slice(b, r * cols), 1, columnBlock, r, TAG_B);
            }
            for (int i = 0; i < n; i++)
            {
                System.arraycopy(b, i * n, bBlock, i * cols, cols);
            }
        }
        else
        {
            MPI.COMM_WORLD.recv(a, n * n, MPI.DOUBLE, 0, TAG_A);
            MPI.COMM_WORLD.recv(bBlock, n * cols, MPI.DOUBLE, 0, TAG_B);
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += a[i * n + k] * bBlock[k * cols + j];
                }
                cBlock[i * cols + j] = sum;
            }
        }

        if (rank == 0)
        {
            for (int i = 0; i < n; i++)
            {
                System.arraycopy(cBlock, i * cols, c, i * n, cols);
            }
            for (int r = 1; r < size; r++)
            {
                MPI.COMM_WORLD.recv(MPI.slice(c, r * cols), 1, columnBlock, r, TAG_C);
            }
            double worst = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (int k = 0; k < n; k++)
                    {
                        sum += a[i * n + k] * b[k * n + j];
                    }
                    worst = Math.max(worst, Math.abs(sum - c[i * n + j]));
                }
            }
            if (worst > 1e-9)
            {
                throw new IllegalStateException("C differs from the sequential product by " + worst);
            }
            System.out.println("matrix multiply " + n + "x" + n + " on " + size + " ranks OK");
        }
        else
        {
            MPI.COMM_WORLD.send(cBlock, n * cols, MPI.DOUBLE, 0, TAG_C);
        }
        columnBlock.free();
        MPI.Finalize();
    }
}
