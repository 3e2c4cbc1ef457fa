package mpi;

import io.myrmidon.testing.ChildJvm;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The threads-mode scenarios again as jobs of one process per rank over {@code shm}, through the
 * launcher: the same assertions, now across JVMs and the shared-memory transport (eager and
 * rendezvous sizes, direct buffers, arrays through staging memory, collectives).
 */
@Timeout(120)
class ShmScenariosTest
{
    @ParameterizedTest(name = "{0}.{1} on {2} processes")
    @CsvSource({
        "mpi.PointToPointTest, blockingSendAndRecvOfEveryPrimitiveArray, 2",
        "mpi.PointToPointTest, directHeapAndSlicedBuffers, 2",
        "mpi.PointToPointTest, nonBlockingOnBuffersAndArrays, 2",
        "mpi.PointToPointTest, persistentRequestsRestart, 2",
        "mpi.DatatypeTest, aMatrixColumnTravelsAsOneVector, 2",
        "mpi.CollectivesTest, gatherScatterAndTheirVariants, 4",
        "mpi.CollectivesTest, reductionsOfPredefinedOperations, 4",
        "mpi.CollectivesTest, nonBlockingCollectives, 4",
        "mpi.CollectivesTest, cartesianTopologyAndNeighbourhoodCollectives, 4",
        "mpi.IntercommTest, twoPlusTwo, 4",
        "mpi.IntercommTest, threePlusOne, 4",
        "mpi.IntercommTest, collectivesAcrossThreePlusTwo, 5",
        "mpi.IntercommTest, nonBlockingCollectivesAcrossThreePlusTwo, 5",
        "mpi.NonBlockingCollectivesTest, everyNonBlockingCollectiveInFlightAtOnce, 4",
        "mpi.NonBlockingCollectivesTest, aGatherCompletesOnlyAfterTheLastContribution, 4",
    })
    void scenarioOverShm(final String testClass, final String scenario, final int ranks) throws Exception
    {
        try (ChildJvm job = ChildJvm.launcher("run", "-n", Integer.toString(ranks), "--transport", "shm",
            ScenarioProgram.class.getName(), testClass, scenario))
        {
            assertEquals(0, job.awaitExit(Duration.ofSeconds(100)), () -> job.stdout() + "\n" + job.stderr());
        }
    }
}
