package io.myrmidon.loopback.threads;

import io.myrmidon.testing.ProcessJobTest;

/**
 * The launcher's threads mode (one JVM, ranks as threads) through the same programs: the job
 * semantics must not depend on whether ranks are processes. (Killing one rank of a threads job is
 * killing the job; the shm job test covers a dead rank.)
 */
class ThreadsProcessJobTest extends ProcessJobTest
{
    @Override
    protected String transport()
    {
        return "threads";
    }

    @Override
    protected boolean ranksAreProcesses()
    {
        return false;
    }
}
