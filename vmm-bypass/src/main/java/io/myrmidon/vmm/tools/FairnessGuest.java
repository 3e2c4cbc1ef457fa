package io.myrmidon.vmm.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.myrmidon.guest.EndpointEvent;
import io.myrmidon.guest.EndpointMode;
import io.myrmidon.guest.EventHandler;
import io.myrmidon.guest.GuestDriver;
import io.myrmidon.guest.GuestEndpoint;
import io.myrmidon.guest.SendSegments;
import io.myrmidon.guest.Window;
import io.myrmidon.vnic.layout.EventDescriptor;

/**
 * One VM of {@code bench fairness}: sends flat out (its send ring kept full of eager messages) from one of its
 * endpoints to another, so that the NIC's arbitration alone decides its share. Prints {@code READY <vm>}, starts
 * on a {@code GO} line on stdin, stops on {@code STOP} or end of input.
 * <p>
 * Usage: {@code <socket> <messageBytes> <maxSeconds>}.
 */
public final class FairnessGuest implements EventHandler
{
    private static volatile boolean stop;
    private long outstanding;

    private FairnessGuest()
    {
    }

    @Override
    public void onEvent(final EndpointEvent event)
    {
        if (event.type() == EventDescriptor.TYPE_SEND_COMPLETE)
        {
            outstanding--;
        }
    }

    /**
     * @param args socket, message size, longest run in seconds.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int size = Integer.parseInt(args[1]);
        final long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        final FairnessGuest guest = new FairnessGuest();
        try (GuestDriver driver = GuestDriver.attach(Path.of(args[0]), 16L * 1024 * 1024);
            GuestEndpoint tx = driver.openEndpoint(EndpointMode.BYPASS);
            GuestEndpoint rx = driver.openEndpoint(EndpointMode.BYPASS))
        {
            final Window window = driver.registerWindow(0, 1024 * 1024, GuestDriver.READ);
            final SendSegments segments = new SendSegments().add(window, 0, size);
            System.out.println("READY " + driver.vmId());
            System.out.flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"GO".equals(in.readLine()))
            {
                return;
            }
            final Thread watcher = new Thread(() ->
            {
                try
                {
                    while (!"STOP".equals(in.readLine()))
                    {
                        Thread.onSpinWait();
                    }
                }
                catch (final java.io.IOException ignore)
                {
                    // end of input means stop too
                }
                stop = true;
            });
            watcher.setDaemon(true);
            watcher.start();
            final EventHandler drain = event -> { };
            while (!stop && System.nanoTime() < deadline)
            {
                int work = tx.poll(guest, 256) + rx.poll(drain, 256);
                while (guest.outstanding < 512 && tx.send(rx.address(), 0, segments, 0))
                {
                    guest.outstanding++;
                    work++;
                }
                if (work == 0)
                {
                    Thread.yield();
                }
            }
        }
    }
}
