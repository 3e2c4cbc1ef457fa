package mpi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.IntBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Error classes under ERRORS_RETURN, ERRORS_ARE_FATAL in the threads mode, calls outside
 * Init..Finalize. (ERRORS_ARE_FATAL and abort in a process of their own: {@link FatalProcessTest}.)
 */
@Timeout(60)
class ErrorsTest
{
    @Test
    void everyFailureHasItsErrorClassUnderErrorsReturn()
    {
        MpiJob.run(2, args ->
        {
            MPI.Init(args);
            final Intracomm world = MPI.COMM_WORLD;
            assertEquals(MPI.ERRORS_ARE_FATAL, world.getErrhandler());
            world.setErrhandler(MPI.ERRORS_RETURN);
            assertEquals(MPI.ERRORS_RETURN, world.getErrhandler());
            final int[] four = new int[4];
            assertClass(MPI.ERR_RANK, () -> world.send(four, 1, MPI.INT, 2, 0));
            assertClass(MPI.ERR_RANK, () -> world.recv(four, 1, MPI.INT, -7, 0));
            assertClass(MPI.ERR_TAG, () -> world.send(four, 1, MPI.INT, 0, -5));
            assertClass(MPI.ERR_COUNT, () -> world.send(four, -1, MPI.INT, 0, 0));
            assertClass(MPI.ERR_BUFFER, () -> world.send(four, 5, MPI.INT, 0, 0));
            assertClass(MPI.ERR_BUFFER, () -> world.send("not a buffer", 1, MPI.INT, 0, 0));
            assertClass(MPI.ERR_BUFFER, () -> world.recv(IntBuffer.allocate(2).asReadOnlyBuffer(), 1, MPI.INT, 0, 0));
            assertClass(MPI.ERR_TYPE, () -> world.send(four, 1, MPI.DATATYPE_NULL, 0, 0));
            assertClass(MPI.ERR_KEYVAL, () -> world.getAttr(12345));
            assertClass(MPI.ERR_KEYVAL, () -> world.setAttr(MPI.TAG_UB, 1));
            assertClass(MPI.ERR_KEYVAL, () -> Comm.freeKeyval(12345));
            assertClass(MPI.ERR_DIMS, () -> CartComm.createDims(7, new int[]{2, 0}));
            assertClass(MPI.ERR_RANK, () -> world.getGroup().incl(new int[]{0, 0}));
            assertClass(MPI.ERR_COMM, () -> world.free());
            assertClass(MPI.ERR_TRUNCATE, () -> world.pack(four, 4, MPI.INT, new byte[8], 0));
            assertClass(MPI.ERR_INFO_NOKEY, () -> new Info().delete("nothing"));
            assertClass(MPI.ERR_UNSUPPORTED_OPERATION, () -> new Win(IntBuffer.allocate(1), 1, 1, MPI.INFO_NULL, world));
            assertClass(MPI.ERR_UNSUPPORTED_OPERATION, () -> Intracomm.openPort());
            assertClass(MPI.ERR_UNSUPPORTED_OPERATION, () -> world.spawn("x", null, 1, MPI.INFO_NULL, 0, null));
            assertClass(MPI.ERR_OTHER, () -> world.callErrhandler(MPI.ERR_OTHER));
            final Group freed = world.getGroup();
            freed.free();
            assertClass(MPI.ERR_GROUP, freed::getSize);
            if (world.getRank() == 0)
            {
                world.send(new int[]{1, 2, 3}, 3, MPI.INT, 1, 0);
                world.send(new int[]{1, 2, 3}, 3, MPI.INT, 1, 1);
            }
            else
            {
                final int[] two = {-1, -1};
                final MPIException truncated = assertThrows(MPIException.class, () -> world.recv(two, 2, MPI.INT, 0, 0));
                assertEquals(MPI.ERR_TRUNCATE, truncated.getErrorClass());
                assertEquals(MPI.ERR_TRUNCATE, truncated.getErrorCode());
                assertEquals(-1, two[0], "nothing is written on truncation");
                final Request request = world.iRecv(two, 2, MPI.INT, 0, 1);
                assertClass(MPI.ERR_TRUNCATE, request::waitFor);
                assertTrue(request.isNull());
            }
            MPI.Finalize();
        });
    }

    @Test
    void callsOutsideInitAndFinalizeThrow()
    {
        MpiJob.run(1, args ->
        {
            assertClass(MPI.ERR_OTHER, () -> MPI.COMM_WORLD.getRank());
            assertClass(MPI.ERR_OTHER, MPI::wtime);
            MPI.Init(args);
            assertClass(MPI.ERR_OTHER, () -> MPI.Init(args));
            MPI.Finalize();
            final MPIException after = assertThrows(MPIException.class, () -> MPI.COMM_WORLD.send(new int[1], 1,
                MPI.INT, 0, 0));
            assertTrue(after.getMessage().contains("finalized"), after.getMessage());
            assertClass(MPI.ERR_OTHER, MPI::Finalize);
        });
    }

    @Test
    void errorsAreFatalEndsTheRanksOfAThreadsJob()
    {
        final AssertionError failure = assertThrows(AssertionError.class, () -> MpiJob.run(2, args ->
        {
            MPI.Init(args);
            MPI.COMM_WORLD.send(new int[1], 1, MPI.INT, 9, 0);
        }));
        final JobAbortedError aborted = assertInstanceOf(JobAbortedError.class, failure.getCause());
        assertEquals(MPI.ERR_RANK, aborted.exitStatus());
        assertTrue(aborted.getMessage().contains("ERR_RANK"), aborted.getMessage());
        assertTrue(aborted.getMessage().matches("(?s)MPI error on rank [01] .*"), aborted.getMessage());
    }

    /**
     * Rank 0 fails under ERRORS_ARE_FATAL while rank 1 waits in a receive from it and rank 2 in a
     * barrier: the abort must wake both (before, they waited until the job's timeout).
     */
    @Test
    @Timeout(30)
    void errorsAreFatalWakesTheRanksBlockedOnTheFailedRank()
    {
        final String[] rank1Error = new String[1];
        final long start = System.nanoTime();
        final AssertionError failure = assertThrows(AssertionError.class, () -> MpiJob.run(3, 20, args ->
        {
            MPI.Init(args);
            final int rank = MPI.COMM_WORLD.getRank();
            if (rank == 0)
            {
                Thread.sleep(200); // the others are blocked by then
                MPI.COMM_WORLD.send(new int[1], 1, MPI.INT, 9, 0);
            }
            else if (rank == 1)
            {
                MPI.COMM_WORLD.setErrhandler(MPI.ERRORS_RETURN);
                final MPIException ex = assertThrows(MPIException.class,
                    () -> MPI.COMM_WORLD.recv(new int[1], 1, MPI.INT, 0, 0));
                rank1Error[0] = ex.getMessage();
                throw ex;
            }
            else
            {
                MPI.COMM_WORLD.barrier();
            }
        }));
        final long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < 10, "the job took " + seconds + " s to end after the abort");

        final java.util.List<Throwable> causes = new java.util.ArrayList<>();
        causes.add(failure.getCause());
        for (final Throwable suppressed : failure.getSuppressed())
        {
            causes.add(suppressed.getCause());
        }
        assertEquals(3, causes.size(), () -> "every rank ends: " + causes);
        final JobAbortedError first = causes.stream()
            .filter(c -> c instanceof JobAbortedError && c.getMessage().startsWith("MPI error on rank 0 "))
            .map(JobAbortedError.class::cast).findFirst().orElseThrow(() -> new AssertionError(causes.toString()));
        assertEquals(MPI.ERR_RANK, first.exitStatus());
        assertTrue(first.getMessage().contains("ERR_RANK"), first.getMessage());

        assertTrue(rank1Error[0] != null && rank1Error[0].contains("aborted") &&
            rank1Error[0].contains("MPI error on rank 0"), rank1Error[0]);
        assertTrue(causes.stream().anyMatch(c -> c instanceof JobAbortedError &&
            c.getMessage().startsWith("MPI error on rank 2 ")), () -> "rank 2 ends in its barrier: " + causes);
    }

    private static void assertClass(final int errorClass, final org.junit.jupiter.api.function.Executable call)
    {
        final MPIException ex = assertThrows(MPIException.class, call);
        assertEquals(errorClass, ex.getErrorClass(), () -> "expected " + ErrorClasses.name(errorClass) + " but got " +
            ex);
    }
}
