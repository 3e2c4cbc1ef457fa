package io.myrmidon.coll;

import io.myrmidon.testing.CommunicatorConformanceTest;

/**
 * Communicators and groups on the threads transport.
 */
class ThreadsCommunicatorConformanceTest extends CommunicatorConformanceTest
{
    @Override
    protected String transport()
    {
        return "threads";
    }
}
