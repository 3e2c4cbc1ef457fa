package io.myrmidon.myrinet;

import java.nio.file.Path;
import java.util.Locale;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.guest.EndpointMode;
import io.myrmidon.spi.TransportContext;
import io.myrmidon.vmm.tools.HostDirectory;

/**
 * The {@code myrinet} transport's settings, read once at open from {@link TransportContext#property}:
 * <ul>
 *   <li>{@code myrmidon.myrinet.mode}: {@code bypass} (default), {@code mediated} or {@code native};</li>
 *   <li>{@code myrmidon.host.dir} (environment {@code MYRMIDON_HOST_DIR}): the host daemon's runtime directory,
 *   default {@code /tmp/myrmidon-host-<uid>};</li>
 *   <li>{@code myrmidon.myrinet.hostDirs}: several host daemons' directories, comma separated, for ranks of one
 *   job that share a JVM or a machine but not a host (tests of the wire between hosts): rank r of N attaches to
 *   directory {@code r * K / N} of the K given (blockwise, as {@code run --hosts K} places them); overrides
 *   {@code myrmidon.host.dir};</li>
 *   <li>{@code myrmidon.myrinet.memory}: guest memory per rank in bytes (default 128 MiB, at most 1 GiB);</li>
 *   <li>{@code myrmidon.myrinet.staging}: eager staging area (default 1 MiB);</li>
 *   <li>{@code myrmidon.myrinet.bounce}: pull bounce area for receive buffers outside guest memory (default 16
 *   MiB); it is also the largest message moved by pull: larger ones are streamed in fragments. Every rank of a
 *   job must use the same value.</li>
 * </ul>
 * The rest of guest memory is the heap that {@link MyrinetTransport#allocate} carves buffers from.
 *
 * @param mode         the endpoint mode.
 * @param hostDir      the host daemon's directory.
 * @param memoryBytes  guest memory size.
 * @param stagingBytes staging area size.
 * @param bounceBytes  bounce area size.
 */
record MyrinetConfiguration(
    EndpointMode mode,
    HostDirectory hostDir,
    long memoryBytes,
    long stagingBytes,
    long bounceBytes)
{
    static final String MODE = "myrmidon.myrinet.mode";
    static final String HOST_DIR = "myrmidon.host.dir";
    static final String HOST_DIRS = "myrmidon.myrinet.hostDirs";
    static final String MEMORY = "myrmidon.myrinet.memory";
    static final String STAGING = "myrmidon.myrinet.staging";
    static final String BOUNCE = "myrmidon.myrinet.bounce";

    private static final long MIB = 1024 * 1024;
    private static final long MAX_MEMORY = 1L << 30;

    static MyrinetConfiguration from(final TransportContext context)
    {
        final EndpointMode mode = mode(context.property(MODE, "bypass"));
        final String dirs = context.property(HOST_DIRS, "");
        final String dir;
        if (dirs.isBlank())
        {
            dir = context.property(HOST_DIR, "");
        }
        else
        {
            final String[] each = dirs.split(",");
            dir = each[MyrinetLaunchHook.hostOf(context.bootstrap().rank(), context.bootstrap().size(), each.length)]
                .trim();
        }
        final HostDirectory hostDir = dir.isBlank() ? HostDirectory.fromEnvironment() : new HostDirectory(Path.of(dir));
        final long memory = bytes(context, MEMORY, 128 * MIB);
        final long staging = bytes(context, STAGING, MIB);
        final long bounce = bytes(context, BOUNCE, 16 * MIB);
        if (memory > MAX_MEMORY || memory % 4096 != 0)
        {
            throw invalid(MEMORY + " must be a multiple of 4096 of at most 1 GiB (the VMM's limit), not " + memory);
        }
        if (staging < 64 * 1024 || staging % 64 != 0 || bounce % 64 != 0)
        {
            throw invalid(STAGING + " must be a multiple of 64 of at least 64 KiB, " + BOUNCE +
                " a multiple of 64; got " + staging + " and " + bounce);
        }
        if (staging + bounce + MIB > memory)
        {
            throw invalid("guest memory of " + memory + " bytes (" + MEMORY + ") cannot hold the staging (" + staging +
                ") and bounce (" + bounce + ") areas plus 1 MiB of heap: raise " + MEMORY + " or lower the others");
        }
        return new MyrinetConfiguration(mode, hostDir, memory, staging, bounce);
    }

    /**
     * @return where the heap for {@link MyrinetTransport#allocate} starts in guest memory.
     */
    long heapOffset()
    {
        return stagingBytes + bounceBytes;
    }

    private static EndpointMode mode(final String value)
    {
        return switch (value.trim().toLowerCase(Locale.ROOT))
        {
            case "bypass" -> EndpointMode.BYPASS;
            case "mediated" -> EndpointMode.MEDIATED;
            case "native" -> EndpointMode.NATIVE;
            default -> throw invalid(MODE + " must be bypass, mediated or native, not '" + value + "'");
        };
    }

    private static long bytes(final TransportContext context, final String name, final long defaultValue)
    {
        final String value = context.property(name, Long.toString(defaultValue)).trim();
        try
        {
            final long bytes = Long.parseLong(value);
            if (bytes < 0)
            {
                throw invalid(name + " must not be negative: " + value);
            }
            return bytes;
        }
        catch (final NumberFormatException e)
        {
            throw invalid(name + " must be a number of bytes, not '" + value + "'");
        }
    }

    private static MyrmidonException invalid(final String message)
    {
        return new MyrmidonException(ErrorClass.TRANSPORT, "myrinet transport: " + message);
    }
}
