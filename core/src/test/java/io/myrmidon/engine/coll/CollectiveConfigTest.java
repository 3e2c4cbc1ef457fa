package io.myrmidon.engine.coll;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Op;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Algorithm choice: automatic by size and rank count, forced by configuration.
 */
class CollectiveConfigTest
{
    private static Collectives collectives(final int size, final Map<String, String> properties)
    {
        return new Collectives(null, CollectiveConfig.from(properties::get), 3, new int[size], 0);
    }

    @Test
    void allReduceChoosesBySizeAndHonoursForcing()
    {
        final Collectives four = collectives(4, Map.of());
        assertEquals(CollectiveConfig.AllReduceAlgorithm.RECURSIVE_DOUBLING, four.allReduceAlgorithm(8, 1, Op.SUM));
        assertEquals(CollectiveConfig.AllReduceAlgorithm.RABENSEIFNER, four.allReduceAlgorithm(1 << 20, 1 << 17, Op.SUM));
        assertEquals(CollectiveConfig.AllReduceAlgorithm.RING, four.allReduceAlgorithm(8 << 20, 1 << 20, Op.SUM));
        final Op nonCommutative = Op.create((in, io, inout, ioo, count, type) -> { }, false);
        assertEquals(CollectiveConfig.AllReduceAlgorithm.RABENSEIFNER,
            four.allReduceAlgorithm(8 << 20, 1 << 20, nonCommutative), "ring needs a commutative operation");
        final Collectives forced = collectives(4, Map.of(CollectiveConfig.ALLREDUCE, "Recursive-Doubling"));
        assertEquals(CollectiveConfig.AllReduceAlgorithm.RECURSIVE_DOUBLING, forced.allReduceAlgorithm(8 << 20,
            1 << 20, Op.SUM));
        final Collectives two = collectives(2, Map.of());
        assertEquals(CollectiveConfig.AllReduceAlgorithm.RABENSEIFNER, two.allReduceAlgorithm(8 << 20, 1 << 20, Op.SUM));
    }

    @Test
    void reduceTurnsToReduceScatterGatherForLongVectors()
    {
        final Collectives five = collectives(5, Map.of());
        assertEquals(CollectiveConfig.ReduceAlgorithm.BINOMIAL, five.reduceAlgorithm(2048, 256));
        assertEquals(CollectiveConfig.ReduceAlgorithm.REDUCE_SCATTER_GATHER, five.reduceAlgorithm(4096, 512));
        assertEquals(CollectiveConfig.ReduceAlgorithm.BINOMIAL, five.reduceAlgorithm(4096, 3),
            "fewer elements than blocks");
        assertEquals(CollectiveConfig.ReduceAlgorithm.BINOMIAL,
            collectives(5, Map.of(CollectiveConfig.REDUCE, "binomial")).reduceAlgorithm(1 << 20, 1 << 17));
    }

    @Test
    void badSettingsNameTheValidOnes()
    {
        final MyrmidonException e = assertThrows(MyrmidonException.class,
            () -> CollectiveConfig.from(Map.of(CollectiveConfig.BCAST, "pipeline")::get));
        assertEquals(ErrorClass.ARG, e.errorClass());
        assertEquals("myrmidon.coll.bcast is 'pipeline' but must be one of [auto, binomial, scatter-allgather]",
            e.getMessage());
        assertThrows(MyrmidonException.class,
            () -> CollectiveConfig.from(Map.of(CollectiveConfig.ALLREDUCE_LARGE, "-1")::get));
    }
}
