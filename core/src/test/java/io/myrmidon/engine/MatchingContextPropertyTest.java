package io.myrmidon.engine;

import io.myrmidon.Communicator;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random interleavings of posted receives (with wildcards) and arrivals, matched by
 * {@link MatchingContext}, against a plain reference model of MPI's rule: an arrival takes the
 * earliest posted receive that matches it, a new receive takes the earliest unexpected message that
 * matches it.
 */
class MatchingContextPropertyTest
{
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    /** An event: bit 0 = arrival (1) or post (0); then source 0..3 or ANY; then tag 0..2 or ANY. */
    private record Event(boolean arrival, int source, int tag)
    {
        static Event decode(final int code)
        {
            final boolean arrival = (code & 1) == 1;
            int source = (code >> 1) % 5;
            int tag = (code >> 4) % 4;
            if (source == 4)
            {
                source = arrival ? 0 : Communicator.ANY_SOURCE;
            }
            if (tag == 3)
            {
                tag = arrival ? 1 : Communicator.ANY_TAG;
            }
            return new Event(arrival, source, tag);
        }

        boolean matches(final Event message)
        {
            return (source == Communicator.ANY_SOURCE || source == message.source) &&
                (tag == Communicator.ANY_TAG || tag == message.tag);
        }
    }

    @Test
    void matchesLikeTheReferenceModel()
    {
        qt().withExamples(400).forAll(lists().of(integers().between(0, 1 << 10)).ofSizeBetween(0, 120))
            .checkAssert(codes ->
            {
                final List<Event> events = new ArrayList<>();
                codes.forEach(c -> events.add(Event.decode(c)));
                assertEquals(reference(events), actual(events), "events " + events);
            });
    }

    /** Pairs "receive i got message j", in the order they matched. */
    private static List<String> reference(final List<Event> events)
    {
        final List<Integer> posted = new ArrayList<>();
        final List<Integer> unexpected = new ArrayList<>();
        final List<String> pairs = new ArrayList<>();
        for (int i = 0; i < events.size(); i++)
        {
            final Event event = events.get(i);
            if (event.arrival())
            {
                Integer match = null;
                for (final Integer p : posted)
                {
                    if (events.get(p).matches(event))
                    {
                        match = p;
                        break;
                    }
                }
                if (match == null)
                {
                    unexpected.add(i);
                }
                else
                {
                    posted.remove(match);
                    pairs.add(match + "<-" + i);
                }
            }
            else
            {
                Integer match = null;
                for (final Integer u : unexpected)
                {
                    if (event.matches(events.get(u)))
                    {
                        match = u;
                        break;
                    }
                }
                if (match == null)
                {
                    posted.add(i);
                }
                else
                {
                    unexpected.remove(match);
                    pairs.add(i + "<-" + match);
                }
            }
        }
        return pairs;
    }

    private static List<String> actual(final List<Event> events)
    {
        final MatchingContext context = new MatchingContext(4);
        final List<String> pairs = new ArrayList<>();
        for (int i = 0; i < events.size(); i++)
        {
            final Event event = events.get(i);
            if (event.arrival())
            {
                final Operation receive = context.takePosted(event.source(), event.tag());
                if (receive == null)
                {
                    final UnexpectedMessage message = new UnexpectedMessage();
                    message.set(FragmentHeader.EAGER, (byte)0, event.source(), event.tag(), i, 0L, EMPTY, 0, 0);
                    context.appendUnexpected(message);
                }
                else
                {
                    pairs.add(receive.slot + "<-" + i);
                }
            }
            else
            {
                final UnexpectedMessage message = context.takeUnexpected(event.source(), event.tag());
                if (message == null)
                {
                    final Operation receive = new Operation(null, i);
                    receive.peer = event.source();
                    receive.tag = event.tag();
                    context.appendPosted(receive);
                }
                else
                {
                    pairs.add(i + "<-" + message.length);
                }
            }
        }
        return pairs;
    }
}
