package io.myrmidon.guest;

/**
 * Receives an endpoint's events, in the order the NIC wrote them, on the thread that polls.
 */
@FunctionalInterface
public interface EventHandler
{
    /**
     * @param event the event; valid only during this call.
     */
    void onEvent(EndpointEvent event);
}
