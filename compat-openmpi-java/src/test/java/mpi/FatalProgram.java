package mpi;

/**
 * A one-rank program for {@link FatalProcessTest}: {@code fatal} sends to a rank that does not
 * exist under the default error handler, {@code abort} calls {@code abort(42)}, {@code return}
 * makes the same mistake under ERRORS_RETURN and finishes normally.
 */
public final class FatalProgram
{
    private FatalProgram()
    {
    }

    public static void main(final String[] args) throws MPIException
    {
        MPI.Init(args);
        switch (args[0])
        {
            case "fatal" -> MPI.COMM_WORLD.send(new int[1], 1, MPI.INT, 5, 0);
            case "abort" -> MPI.COMM_WORLD.abort(42);
            default ->
            {
                MPI.COMM_WORLD.setErrhandler(MPI.ERRORS_RETURN);
                try
                {
                    MPI.COMM_WORLD.send(new int[1], 1, MPI.INT, 5, 0);
                }
                catch (final MPIException ex)
                {
                    System.out.println("caught " + ex.getErrorClass());
                }
            }
        }
        MPI.Finalize();
        System.out.println("finished");
    }
}
