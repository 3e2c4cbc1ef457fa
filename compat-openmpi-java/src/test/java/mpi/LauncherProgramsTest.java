package mpi;

import io.myrmidon.compat.programs.HelloWorld;
import io.myrmidon.compat.programs.MatrixMultiply;
import io.myrmidon.compat.programs.Ring;
import io.myrmidon.compat.programs.WindowBandwidth;
import io.myrmidon.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user-style programs through the launcher ({@code bin/myrmidon run}'s Java side) as jobs of
 * 4 processes over {@code shm}: what {@code bin/myrmidon mpirun -np 4 java -cp CP MainClass}
 * runs. Each rank is its own JVM, so {@code MPI.Init} finds its rank in the launcher's environment.
 */
@Timeout(180)
class LauncherProgramsTest
{
    @Test
    void helloWorldOnFourProcesses() throws Exception
    {
        try (ChildJvm job = ChildJvm.launcher("run", "-n", "4", "--transport", "shm", HelloWorld.class.getName()))
        {
            assertEquals(0, job.awaitExit(Duration.ofSeconds(120)), () -> job.stdout() + "\n" + job.stderr());
            for (int r = 0; r < 4; r++)
            {
                final String line = "Hello world from rank " + r + " of 4";
                assertTrue(job.stdout().stream().anyMatch(l -> l.contains(line)), () -> line + " in " + job.stdout());
            }
        }
    }

    @Test
    void ringAndMatrixMultiplyOnFourProcesses() throws Exception
    {
        try (ChildJvm ring = ChildJvm.launcher("run", "-n", "4", "--transport", "shm", Ring.class.getName(), "20"))
        {
            assertEquals(0, ring.awaitExit(Duration.ofSeconds(120)), () -> ring.stdout() + "\n" + ring.stderr());
            assertTrue(ring.stdout().stream().anyMatch(l -> l.contains("20 laps, token 120 OK")), ring.stdout()::toString);
        }
        try (ChildJvm matrix = ChildJvm.launcher("run", "-n", "4", "--transport", "shm", MatrixMultiply.class.getName(),
            "64"))
        {
            assertEquals(0, matrix.awaitExit(Duration.ofSeconds(120)), () -> matrix.stdout() + "\n" + matrix.stderr());
            assertTrue(matrix.stdout().stream().anyMatch(l -> l.contains("matrix multiply 64x64 on 4 ranks OK")),
                matrix.stdout()::toString);
        }
    }

    @Test
    void windowBandwidthOnTwoProcesses() throws Exception
    {
        try (ChildJvm job = ChildJvm.launcher("run", "-n", "2", "--transport", "shm", WindowBandwidth.class.getName(),
            "262144"))
        {
            assertEquals(0, job.awaitExit(Duration.ofSeconds(120)), () -> job.stdout() + "\n" + job.stderr());
            assertTrue(job.stdout().stream().anyMatch(l -> l.contains("65536") && l.contains("MB/s")),
                job.stdout()::toString);
        }
    }

    @Test
    void ringAndErrorsAreFatalInAThreadsJobOfTheLauncher() throws Exception
    {
        try (ChildJvm ring = ChildJvm.launcher("run", "-n", "4", "--transport", "threads", Ring.class.getName(), "5"))
        {
            assertEquals(0, ring.awaitExit(Duration.ofSeconds(120)), () -> ring.stdout() + "\n" + ring.stderr());
            assertTrue(ring.stdout().stream().anyMatch(l -> l.contains("5 laps, token 30 OK")), ring.stdout()::toString);
        }
        try (ChildJvm fatal = ChildJvm.launcher("run", "-n", "2", "--transport", "threads",
            FatalProgram.class.getName(), "fatal"))
        {
            assertTrue(fatal.awaitExit(Duration.ofSeconds(120)) != 0, "the job must fail");
            assertTrue(fatal.stderr().stream().anyMatch(l -> l.contains("ERR_RANK (6)")), () -> fatal.stderr().toString());
        }
    }

    @Test
    void errorsAreFatalEndsAMultiProcessJob() throws Exception
    {
        try (ChildJvm job = ChildJvm.launcher("run", "-n", "2", "--transport", "shm", FatalProgram.class.getName(),
            "fatal"))
        {
            final int status = job.awaitExit(Duration.ofSeconds(120));
            assertTrue(status != 0, "the job must fail");
            assertTrue(job.stderr().stream().anyMatch(l -> l.contains("ERR_RANK (6)") && l.contains("MPI error on rank")),
                () -> job.stderr().toString());
        }
    }
}
