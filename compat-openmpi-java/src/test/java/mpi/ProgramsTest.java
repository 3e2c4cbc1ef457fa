package mpi;

import io.myrmidon.compat.programs.HelloWorld;
import io.myrmidon.compat.programs.MatrixMultiply;
import io.myrmidon.compat.programs.Ring;
import io.myrmidon.compat.programs.WindowBandwidth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The user-style programs, unchanged, as 4-rank threads jobs; each checks its own result and
 * throws when it is wrong.
 */
@Timeout(60)
class ProgramsTest
{
    @Test
    void helloWorld()
    {
        MpiJob.run(4, HelloWorld::main);
    }

    @Test
    void ring()
    {
        MpiJob.run(4, args -> Ring.main(new String[]{"25"}));
    }

    @Test
    void windowBandwidthWithArraysInNonBlockingSends()
    {
        MpiJob.run(2, args -> WindowBandwidth.main(new String[]{"65536"}));
    }

    @Test
    void matrixMultiplyWithDerivedDatatypes()
    {
        MpiJob.run(4, args -> MatrixMultiply.main(new String[]{"64"}));
    }
}
