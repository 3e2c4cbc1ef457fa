package io.myrmidon.myrinet;

import java.util.ArrayList;
import java.util.List;

import io.myrmidon.spi.FragmentHandler;
import org.agrona.DirectBuffer;

/**
 * A fragment handler for tests: keeps copies of what arrives, pull completions and peer failures.
 */
final class Fragments implements FragmentHandler
{
    final List<byte[]> fragments = new ArrayList<>();
    final List<Integer> sources = new ArrayList<>();
    final List<Long> pulled = new ArrayList<>();
    final List<Boolean> pullSuccess = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    @Override
    public void onFragment(final int source, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        fragments.add(copy);
        sources.add(source);
    }

    @Override
    public void onPullComplete(final long token, final boolean success)
    {
        pulled.add(token);
        pullSuccess.add(success);
    }

    @Override
    public void onPeerFailure(final int rank, final String reason)
    {
        failures.add(rank + ": " + reason);
    }
}
