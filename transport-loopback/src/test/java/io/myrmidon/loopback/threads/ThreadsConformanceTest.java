package io.myrmidon.loopback.threads;

import io.myrmidon.testing.TransportConformanceTest;

class ThreadsConformanceTest extends TransportConformanceTest
{
    @Override
    protected String transport()
    {
        return "threads";
    }
}
