package mpi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ERRORS_ARE_FATAL and abort in a rank that is a process of its own (a real child JVM started
 * without a launcher, so a job of one rank): the process ends with the error class, or the abort
 * code, as its exit status.
 */
@Timeout(120)
class FatalProcessTest
{
    @Test
    void errorsAreFatalExitsWithTheErrorClassAndNamesTheRank() throws Exception
    {
        final Result result = run("fatal");
        assertEquals(MPI.ERR_RANK, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("MPI error on rank 0"), result.toString());
        assertTrue(result.stderr.contains("ERR_RANK (6)"), result.toString());
        assertFalse(result.stdout.contains("finished"), result.toString());
    }

    @Test
    void abortExitsWithItsCode() throws Exception
    {
        final Result result = run("abort");
        assertEquals(42, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("MPI_ABORT was invoked on rank 0"), result.toString());
    }

    @Test
    void errorsReturnLetsTheProgramCarryOn() throws Exception
    {
        final Result result = run("return");
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("caught " + MPI.ERR_RANK), result.toString());
        assertTrue(result.stdout.contains("finished"), result.toString());
    }

    private static Result run(final String mode) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FatalProgram.class.getName());
        command.add(mode);
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("MYRMIDON_"));
        final Process process = builder.start();
        try
        {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                throw new AssertionError("the child JVM did not end within 60 s");
            }
            return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    private record Result(int exitCode, String stdout, String stderr)
    {
    }
}
