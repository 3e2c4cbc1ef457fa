package io.myrmidon.testing;

import io.myrmidon.Myrmidon;

/**
 * What one rank of a test job does.
 */
@FunctionalInterface
public interface RankBody
{
    void run(Myrmidon mpi) throws Exception;
}
