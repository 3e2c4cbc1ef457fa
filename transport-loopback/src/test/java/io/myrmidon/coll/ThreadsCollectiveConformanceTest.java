package io.myrmidon.coll;

import io.myrmidon.testing.CollectiveConformanceTest;

/**
 * The collective suite on the threads transport (ranks are threads of the test JVM).
 */
class ThreadsCollectiveConformanceTest extends CollectiveConformanceTest
{
    @Override
    protected String transport()
    {
        return "threads";
    }
}
