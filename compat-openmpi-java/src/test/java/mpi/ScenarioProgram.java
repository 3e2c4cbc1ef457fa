package mpi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs one test scenario ({@code static void name(String[] args)} of a test class, which calls
 * {@code MPI.Init} and {@code MPI.Finalize} itself) as the main of a rank process, so that the
 * same checks run over {@code shm} with one JVM per rank:
 * {@code ScenarioProgram mpi.PointToPointTest nonBlockingOnBuffersAndArrays}.
 */
public final class ScenarioProgram
{
    private ScenarioProgram()
    {
    }

    public static void main(final String[] args) throws Throwable
    {
        final Method scenario = Class.forName(args[0]).getDeclaredMethod(args[1], String[].class);
        scenario.setAccessible(true);
        try
        {
            scenario.invoke(null, (Object)Arrays.copyOfRange(args, 2, args.length));
        }
        catch (final InvocationTargetException ex)
        {
            throw ex.getCause();
        }
    }
}
