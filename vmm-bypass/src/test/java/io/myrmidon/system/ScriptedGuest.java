package io.myrmidon.system;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;

import io.myrmidon.guest.EndpointEvent;
import io.myrmidon.guest.EndpointMode;
import io.myrmidon.guest.EventHandler;
import io.myrmidon.guest.GuestDriver;
import io.myrmidon.guest.GuestEndpoint;
import io.myrmidon.guest.PeerAddress;
import io.myrmidon.guest.Window;
import io.myrmidon.vnic.layout.CountersDescriptor;
import io.myrmidon.vnic.layout.EndpointDescriptor;
import io.myrmidon.vnic.layout.EventDescriptor;
import io.myrmidon.vnic.layout.SendDescriptor;
import io.myrmidon.vnic.protocol.ControlException;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A guest JVM driven line by line from stdin by the system tests (well behaved or malicious on request). It
 * uses only the guest driver. Each command answers one line on stdout. See {@link #execute(String[])}.
 */
public final class ScriptedGuest implements EventHandler
{
    static final long RECEIVE_AREA = 4L * 1024 * 1024;
    private final GuestDriver driver;
    private GuestEndpoint endpoint;
    private final Window window;
    private final EndpointMode mode;
    private final UnsafeBuffer raw = new UnsafeBuffer(new byte[SendDescriptor.LENGTH]);
    private int completions;
    private int errors;
    private int lastStatus;
    private int lastType;
    private int received;
    private final java.util.ArrayDeque<long[]> announced = new java.util.ArrayDeque<>();

    private ScriptedGuest(final Path socket, final EndpointMode mode)
    {
        this.mode = mode;
        driver = mode == EndpointMode.NATIVE ?
            GuestDriver.attachNative(socket, 16L * 1024 * 1024) : GuestDriver.attach(socket, 16L * 1024 * 1024);
        window = driver.registerWindow(0, 8L * 1024 * 1024, GuestDriver.READ | GuestDriver.WRITE);
        endpoint = driver.openEndpoint(mode);
    }

    /**
     * @param args socket path, mode.
     * @throws Exception on I/O failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final ScriptedGuest guest = new ScriptedGuest(Path.of(args[0]), EndpointMode.valueOf(args[1]));
        final PeerAddress a = guest.endpoint.address();
        System.out.println("READY " + guest.driver.vmId() + " " + a.endpoint() + " " + a.key() + " " +
            guest.window.key());
        System.out.flush();
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null)
        {
            String reply;
            try
            {
                reply = guest.execute(line.trim().split(" "));
            }
            catch (final ControlException e)
            {
                reply = "ERR " + e.code() + " " + e.getMessage();
            }
            catch (final RuntimeException e)
            {
                reply = "FAIL " + e;
            }
            System.out.println(reply);
            System.out.flush();
            if ("exit".equals(line.trim()))
            {
                break;
            }
        }
    }

    @Override
    public void onEvent(final EndpointEvent event)
    {
        lastType = event.type();
        switch (event.type())
        {
            case EventDescriptor.TYPE_SEND_COMPLETE, EventDescriptor.TYPE_PULL_COMPLETE,
                EventDescriptor.TYPE_ENDPOINT_FAULT ->
            {
                completions++;
                lastStatus = event.status();
                if (event.status() != 0)
                {
                    errors++;
                }
                if (event.type() == EventDescriptor.TYPE_PULL_COMPLETE && event.status() == 0)
                {
                    received++;
                }
            }
            case EventDescriptor.TYPE_RECEIVE_TINY, EventDescriptor.TYPE_RECEIVE_EAGER -> received++;
            case EventDescriptor.TYPE_RECEIVE_RENDEZVOUS ->
            {
                announced.add(new long[] {event.cookie(), event.length()});
            }
            default -> errors++;
        }
    }

    private String execute(final String[] c)
    {
        return switch (c[0])
        {
            case "fill" ->
            {
                final long off = Long.parseLong(c[1]);
                final int len = Integer.parseInt(c[2]);
                for (int i = 0; i < len; i++)
                {
                    driver.memoryBuffer().putByte((int)off + i, (byte)(Integer.parseInt(c[3]) + i * 31));
                }
                yield "OK";
            }
            case "crc" ->
            {
                final CRC32 crc = new CRC32();
                crc.update(driver.memory().asSlice(Long.parseLong(c[1]), Long.parseLong(c[2])).asByteBuffer());
                yield "OK " + crc.getValue();
            }
            case "window" -> "OK " + driver.registerWindow(Long.parseLong(c[1]), Long.parseLong(c[2]),
                Integer.parseInt(c[3])).key();
            case "dereg" ->
            {
                driver.deregisterWindow(Integer.parseInt(c[1]));
                yield "OK";
            }
            case "send" -> send(c);
            case "raw" -> raw(c);
            case "recv" -> receive(Integer.parseInt(c[1]), Long.parseLong(c[2]));
            case "producer" ->
            {
                final long before = completions;
                endpoint.rawPages().putLongRelease(EndpointDescriptor.SEND_PRODUCER_OFFSET, Long.parseLong(c[1]));
                yield awaitCompletion(before) ? "OK " + lastType + " " + lastStatus : "TIMEOUT";
            }
            case "garbage" ->
            {
                final Random random = new Random(Long.parseLong(c[1]));
                final UnsafeBuffer pages = endpoint.rawPages();
                for (int i = 0; i < EndpointDescriptor.EAGER_RING_OFFSET; i += 8)
                {
                    pages.putLong(i, random.nextLong());
                }
                yield "OK";
            }
            case "flood" ->
            {
                final int n = Integer.parseInt(c[1]);
                final long before = completions;
                for (int i = 0; i < n; i++)
                {
                    buildRaw(SendDescriptor.OPCODE_SEND_TINY, 0, 63, 1, 0, 0, 8, 8, 0);
                    while (!endpoint.postRaw(raw))
                    {
                        endpoint.poll(this, 64);
                    }
                    endpoint.poll(this, 64);
                }
                final long deadline = System.nanoTime() + 5_000_000_000L;
                while (completions - before < n && System.nanoTime() < deadline)
                {
                    endpoint.waitForEvents(this, 10_000_000L);
                }
                yield "OK " + (completions - before) + " " + lastStatus;
            }
            case "reopen" ->
            {
                try
                {
                    endpoint.close();
                }
                catch (final RuntimeException ignore)
                {
                    // it may be faulted or revoked already
                }
                endpoint = driver.openEndpoint(mode);
                yield "OK " + endpoint.address().endpoint() + " " + endpoint.address().key();
            }
            case "closeother" ->
            {
                // forge a close of someone else's endpoint through a second handle on the control channel
                driver.closeEndpoint(Integer.parseInt(c[1]));
                yield "OK";
            }
            case "stat" -> "OK " + driver.statistic(CountersDescriptor.VM_VIOLATIONS) + " " +
                driver.statistic(CountersDescriptor.VM_REJECTED);
            case "close" ->
            {
                endpoint.close();
                yield "OK";
            }
            case "exit" -> "OK";
            default -> "FAIL unknown command " + c[0];
        };
    }

    /** send destEp destKey windowKey offset length count. */
    private String send(final String[] c)
    {
        final int count = Integer.parseInt(c[6]);
        final int length = Integer.parseInt(c[5]);
        final int opcode = length <= SendDescriptor.TINY_MAX ? SendDescriptor.OPCODE_SEND_EAGER :
            length <= GuestEndpoint.EAGER_THRESHOLD ? SendDescriptor.OPCODE_SEND_EAGER :
            SendDescriptor.OPCODE_SEND_RENDEZVOUS;
        final boolean wait = c.length < 8 || !"nowait".equals(c[7]);
        final int before = completions;
        final int errorsBefore = errors;
        lastStatus = 0;
        for (int i = 0; i < count; i++)
        {
            buildRaw(opcode, 1, Integer.parseInt(c[1]), Integer.parseInt(c[2]), Integer.parseInt(c[3]),
                Long.parseLong(c[4]), length, length, i);
            while (!endpoint.postRaw(raw))
            {
                endpoint.poll(this, 64);
            }
            endpoint.poll(this, 64);
        }
        if (!wait)
        {
            final long deadline = System.nanoTime() + 2_000_000_000L;
            while (endpoint.outstandingDescriptors() > 0 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            return "OK posted";
        }
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (completions - before < count && System.nanoTime() < deadline)
        {
            endpoint.waitForEvents(this, 10_000_000L);
        }
        return "OK " + (completions - before - (errors - errorsBefore)) + " " + (errors - errorsBefore) + " " +
            lastStatus;
    }

    /** raw opcode segmentCount destEp destKey windowKey offset bytes total matchOrHandle. */
    private String raw(final String[] c)
    {
        buildRaw(Integer.parseInt(c[1]), Integer.parseInt(c[2]), Integer.parseInt(c[3]), Integer.parseInt(c[4]),
            Integer.parseInt(c[5]), Long.parseLong(c[6]), Integer.parseInt(c[7]), Integer.parseInt(c[8]),
            Long.parseLong(c[9]));
        final int before = completions;
        if (!endpoint.postRaw(raw))
        {
            return "FAIL ring full";
        }
        return awaitCompletion(before) ? "OK " + lastStatus + " " + lastType : "TIMEOUT";
    }

    private boolean awaitCompletion(final long before)
    {
        final long deadline = System.nanoTime() + 3_000_000_000L;
        while (completions == before && System.nanoTime() < deadline)
        {
            endpoint.waitForEvents(this, 10_000_000L);
        }
        return completions != before;
    }

    private void buildRaw(final int opcode, final int segments, final int destEp, final int destKey,
        final int windowKey, final long offset, final int bytes, final int total, final long match)
    {
        raw.setMemory(0, SendDescriptor.LENGTH, (byte)0);
        raw.putInt(SendDescriptor.OPCODE_OFFSET, opcode);
        raw.putInt(SendDescriptor.SEGMENT_COUNT_OFFSET, segments);
        raw.putLong(SendDescriptor.COOKIE_OFFSET, match);
        raw.putLong(SendDescriptor.MATCH_INFO_OFFSET, match);
        raw.putInt(SendDescriptor.DEST_ENDPOINT_OFFSET, destEp);
        raw.putInt(SendDescriptor.DEST_KEY_OFFSET, destKey);
        raw.putInt(SendDescriptor.DEST_NIC_OFFSET, driver.nicId());
        raw.putInt(SendDescriptor.TOTAL_LENGTH_OFFSET, total);
        raw.putInt(SendDescriptor.segmentOffset(0) + SendDescriptor.SEGMENT_KEY_OFFSET, windowKey);
        raw.putInt(SendDescriptor.segmentOffset(0) + SendDescriptor.SEGMENT_BYTES_OFFSET, bytes);
        raw.putLong(SendDescriptor.segmentOffset(0) + SendDescriptor.SEGMENT_WINDOW_OFFSET_OFFSET, offset);
    }

    /** Receive count messages (pulling rendezvous ones into the receive area) within timeoutMs. */
    private String receive(final int count, final long timeoutMs)
    {
        final int before = received;
        final int errorsBefore = errors;
        lastStatus = 0;
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (received - before < count && System.nanoTime() < deadline)
        {
            endpoint.waitForEvents(this, 10_000_000L);
            while (!announced.isEmpty())
            {
                final long[] a = announced.poll();
                while (!endpoint.pull(a[0], window, RECEIVE_AREA, (int)a[1], 7))
                {
                    endpoint.poll(this, 1);
                }
            }
        }
        return "OK " + (received - before) + " " + (errors - errorsBefore) + " " + lastStatus;
    }
}
