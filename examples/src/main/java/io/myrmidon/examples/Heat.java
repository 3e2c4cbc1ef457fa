package io.myrmidon.examples;

import io.myrmidon.Communicator;
import io.myrmidon.Datatype;
import io.myrmidon.ErrorClass;
import io.myrmidon.Myrmidon;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Op;
import org.HdrHistogram.Histogram;
import org.agrona.MutableDirectBuffer;

import java.io.PrintStream;

/**
 * Heat diffusion on a square plate by Jacobi iteration: the interior of a {@code grid x grid}
 * plate starts cold, the top edge is held at 1.0 and the other edges at 0.0, and each step
 * replaces every interior point by the mean of its four neighbours.
 *
 * <h2>Parallelism</h2>
 * Rows are split into contiguous blocks, one per rank. Before each step a rank swaps its first and
 * last rows with its neighbours' (halo exchange, {@code sendRecv}); every {@code --check-every}
 * steps an allreduce MAX of the largest change tests convergence ({@code --tolerance}).
 *
 * <h2>The same answer for every N</h2>
 * Each point's update is the same arithmetic whatever the decomposition, and MAX is exact, so the
 * field and the number of steps do not depend on N. The checksum sums each row in column order,
 * gathers the row sums to rank 0 and adds them in row order: it is bit-identical for every N.
 *
 * <pre>{@code bin/myrmidon run -n 4 heat --grid 512 --iterations 500}</pre>
 */
public final class Heat
{
    private Heat()
    {
    }

    public static void main(final String[] args)
    {
        try (Myrmidon mpi = Myrmidon.init(args))
        {
            run(mpi, args, System.out);
        }
    }

    /**
     * Runs the solver on this rank; rank 0 prints to {@code out}.
     *
     * @return the checksum (on every rank).
     */
    public static double run(final Myrmidon mpi, final String[] args, final PrintStream out)
    {
        int grid = 512;
        int iterations = 500;
        int checkEvery = 10;
        double tolerance = 1e-6;
        for (int i = 0; i < args.length; i++)
        {
            final String option = args[i];
            final String value = i + 1 < args.length ? args[++i] : null;
            if (value == null)
            {
                throw new MyrmidonException(ErrorClass.ARG, "heat: " + option + " needs a value");
            }
            switch (option)
            {
                case "--grid" -> grid = positive(option, value);
                case "--iterations" -> iterations = positive(option, value);
                case "--check-every" -> checkEvery = positive(option, value);
                case "--tolerance" -> tolerance = Double.parseDouble(value);
                default -> throw new MyrmidonException(ErrorClass.ARG, "heat: unknown argument '" + option +
                    "'; usage: heat [--grid N] [--iterations N] [--check-every N] [--tolerance X]");
            }
        }

        final Communicator world = mpi.world();
        final int rank = world.rank();
        final int size = world.size();
        if (grid < size)
        {
            throw new MyrmidonException(ErrorClass.ARG, "heat: a grid of " + grid + " rows cannot be split over " +
                size + " ranks; use --grid " + size + " or more");
        }
        final int firstRow = rank * (grid / size) + Math.min(rank, grid % size);
        final int rows = grid / size + (rank < grid % size ? 1 : 0);
        final int width = grid + 2;
        // local rows 1..rows are global rows firstRow..firstRow+rows-1; rows 0 and rows+1 are halos
        double[] current = new double[(rows + 2) * width];
        double[] next = new double[(rows + 2) * width];
        if (rank == 0)
        {
            for (int j = 0; j < width; j++)
            {
                current[j] = 1.0;
                next[j] = 1.0;
            }
        }
        final int up = rank == 0 ? Communicator.PROC_NULL : rank - 1;
        final int down = rank == size - 1 ? Communicator.PROC_NULL : rank + 1;
        final int rowBytes = grid * 8;
        final MutableDirectBuffer sendUp = mpi.allocate(rowBytes);
        final MutableDirectBuffer sendDown = mpi.allocate(rowBytes);
        final MutableDirectBuffer fromUp = mpi.allocate(rowBytes);
        final MutableDirectBuffer fromDown = mpi.allocate(rowBytes);
        final MutableDirectBuffer residual = mpi.allocate(8);
        final Histogram stepNanos = new Histogram(60_000_000_000L, 3);

        world.barrier();
        final long start = System.nanoTime();
        int step = 0;
        double change = Double.NaN;
        while (step < iterations)
        {
            final long stepStart = System.nanoTime();
            exchangeHalos(world, current, rows, width, up, down, sendUp, sendDown, fromUp, fromDown);
            double largest = 0;
            for (int i = 1; i <= rows; i++)
            {
                final int row = i * width;
                for (int j = 1; j <= grid; j++)
                {
                    final double value = 0.25 * (current[row - width + j] + current[row + width + j] +
                        current[row + j - 1] + current[row + j + 1]);
                    largest = Math.max(largest, Math.abs(value - current[row + j]));
                    next[row + j] = value;
                }
            }
            final double[] swap = current;
            current = next;
            next = swap;
            step++;
            if (step % checkEvery == 0 || step == iterations)
            {
                residual.putDouble(0, largest);
                world.allReduce(Communicator.IN_PLACE, 0, residual, 0, 1, Datatype.DOUBLE, Op.MAX);
                change = residual.getDouble(0);
                stepNanos.recordValue(System.nanoTime() - stepStart);
                if (change < tolerance)
                {
                    break;
                }
            }
            else
            {
                stepNanos.recordValue(System.nanoTime() - stepStart);
            }
        }
        final double seconds = (System.nanoTime() - start) * 1e-9;
        final double checksum = checksum(mpi, world, current, rows, width, grid, firstRow);
        if (rank == 0)
        {
            out.printf("# heat: %dx%d plate, %d ranks over %s%n", grid, grid, size, mpi.transportName());
            out.printf("steps %d (of at most %d), last change %.6e%n", step, iterations, change);
            out.printf("checksum %.17g (bits %016x)%n", checksum, Double.doubleToRawLongBits(checksum));
            out.printf("time %.3f s, per step: avg %.1f us, p50 %.1f us, p99 %.1f us (rank 0)%n", seconds,
                stepNanos.getMean() / 1e3, stepNanos.getValueAtPercentile(50) / 1e3,
                stepNanos.getValueAtPercentile(99) / 1e3);
        }
        return checksum;
    }

    private static void exchangeHalos(final Communicator world, final double[] field, final int rows,
        final int width, final int up, final int down, final MutableDirectBuffer sendUp,
        final MutableDirectBuffer sendDown, final MutableDirectBuffer fromUp, final MutableDirectBuffer fromDown)
    {
        final int grid = width - 2;
        final int rowBytes = grid * 8;
        for (int j = 0; j < grid; j++)
        {
            sendUp.putDouble(j * 8, field[width + 1 + j]);
            sendDown.putDouble(j * 8, field[rows * width + 1 + j]);
        }
        // send my first row up while receiving the row below mine from down, then the other way
        world.sendRecv(sendUp, 0, rowBytes, up, 1, fromDown, 0, rowBytes, down, 1, null);
        world.sendRecv(sendDown, 0, rowBytes, down, 2, fromUp, 0, rowBytes, up, 2, null);
        if (up != Communicator.PROC_NULL)
        {
            for (int j = 0; j < grid; j++)
            {
                field[1 + j] = fromUp.getDouble(j * 8);
            }
        }
        if (down != Communicator.PROC_NULL)
        {
            for (int j = 0; j < grid; j++)
            {
                field[(rows + 1) * width + 1 + j] = fromDown.getDouble(j * 8);
            }
        }
    }

    /**
     * Sums each row left to right, gathers the row sums at rank 0 in row order, sums them there
     * and broadcasts the total: the same bits for every decomposition.
     */
    private static double checksum(final Myrmidon mpi, final Communicator world, final double[] field,
        final int rows, final int width, final int grid, final int firstRow)
    {
        final int size = world.size();
        final MutableDirectBuffer mine = mpi.allocate(Math.max(8, rows * 8));
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int j = 1; j <= grid; j++)
            {
                sum += field[(i + 1) * width + j];
            }
            mine.putDouble(i * 8, sum);
        }
        final int[] counts = new int[size];
        final int[] displacements = new int[size];
        for (int r = 0; r < size; r++)
        {
            counts[r] = grid / size + (r < grid % size ? 1 : 0);
            displacements[r] = r * (grid / size) + Math.min(r, grid % size);
        }
        final MutableDirectBuffer all = mpi.allocate(grid * 8);
        world.gatherv(mine, 0, rows, all, 0, counts, displacements, Datatype.DOUBLE, 0);
        final MutableDirectBuffer total = mpi.allocate(8);
        if (world.rank() == 0)
        {
            double sum = 0;
            for (int i = 0; i < grid; i++)
            {
                sum += all.getDouble(i * 8);
            }
            total.putDouble(0, sum);
        }
        world.bcast(total, 0, 1, Datatype.DOUBLE, 0);
        assert firstRow == displacements[world.rank()];
        return total.getDouble(0);
    }

    private static int positive(final String option, final String value)
    {
        try
        {
            final int number = Integer.parseInt(value);
            if (number > 0)
            {
                return number;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new MyrmidonException(ErrorClass.ARG, "heat: " + option + " takes a positive whole number, not '" +
            value + "'");
    }
}
