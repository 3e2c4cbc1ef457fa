package io.myrmidon.vmm.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.myrmidon.vnic.layout.CountersDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code myrmidon bench vnic|fairness}: guest-to-guest latency and bandwidth through the virtual NIC, and the
 * NIC's arbitration fairness. Each guest is its own JVM; a host daemon is started (and stopped afterwards) when
 * none runs.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the virtual NIC.",
    subcommands = {BenchCommand.Vnic.class, BenchCommand.Fairness.class, WireBench.class})
public final class BenchCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        CommandLine.usage(this, System.out);
        return 2;
    }

    /**
     * @param args vnic or fairness, then their options.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Command(name = "vnic", description = "Ping-pong latency and streaming bandwidth between two guests.")
    static final class Vnic implements Callable<Integer>
    {
        @Option(names = "--mode", required = true, description = "native, bypass or mediated")
        String mode;

        @Option(names = "--sizes", split = ",", defaultValue = "8,4096,65536,1048576",
            description = "message sizes in bytes (default ${DEFAULT-VALUE})")
        List<Integer> sizes;

        @Option(names = "--scale", defaultValue = "1.0", description = "multiply iteration counts (default 1.0)")
        double scale;

        @Override
        public Integer call() throws Exception
        {
            if (!List.of("native", "bypass", "mediated").contains(mode))
            {
                System.err.println("bench vnic: --mode must be native, bypass or mediated, got '" + mode + "'");
                return 2;
            }
            if (sizes.stream().anyMatch(size -> size < 1 || size > 2 * 1024 * 1024))
            {
                System.err.println("bench vnic: --sizes must be between 1 and 2097152 bytes, got " + sizes);
                return 2;
            }
            final HostDirectory dir = HostDirectory.fromEnvironment();
            final HostControl.Started host = HostControl.start(dir);
            Process pong = null;
            try
            {
                pong = new ProcessBuilder(JvmCommand.of(VnicBenchPeer.class, "pong", dir.socket().toString(), mode))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                final BufferedReader reader =
                    new BufferedReader(new InputStreamReader(pong.getInputStream(), StandardCharsets.UTF_8));
                final String[] address = lineStartingWith(reader, "ADDR ", "vnic pong").split(" ");
                final List<String> sizeList = new ArrayList<>();
                sizes.forEach(s -> sizeList.add(Integer.toString(s)));
                final Process ping = new ProcessBuilder(JvmCommand.of(VnicBenchPeer.class, "ping",
                    dir.socket().toString(), mode, address[1] + ":" + address[2], String.join(",", sizeList),
                    Double.toString(scale))).inheritIO().start();
                final int status = ping.waitFor();
                pong.waitFor(5, TimeUnit.SECONDS);
                return status;
            }
            finally
            {
                if (pong != null)
                {
                    pong.destroyForcibly();
                }
                if (host.started())
                {
                    HostControl.stop(dir);
                }
            }
        }
    }

    @Command(name = "fairness", description = "VMs sending flat out; shares of NIC bytes served and Jain's index.")
    static final class Fairness implements Callable<Integer>
    {
        @Option(names = "--vms", defaultValue = "4", description = "number of VMs (default ${DEFAULT-VALUE})")
        int vms;

        @Option(names = "--weights", split = ",", description = "per-VM weights (default all 1)")
        List<Integer> weights;

        @Option(names = "--seconds", defaultValue = "5", description = "measurement time (default ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--size", defaultValue = "16384", description = "message size (default ${DEFAULT-VALUE})")
        int size;

        @Override
        public Integer call() throws Exception
        {
            final List<Integer> w = weights == null ? java.util.Collections.nCopies(vms, 1) : weights;
            if (w.size() != vms || vms < 2 || vms > 12 || w.stream().anyMatch(x -> x < 1 || x > 1024))
            {
                System.err.println("bench fairness: --vms must be 2..12 and --weights needs " + vms +
                    " values between 1 and 1024 (one per VM), got " + w);
                return 2;
            }
            if (seconds < 1 || size < 1 || size > 32 * 1024)
            {
                System.err.println("bench fairness: --seconds must be at least 1 and --size 1..32768 (eager)");
                return 2;
            }
            final FairnessResult result = run(HostDirectory.fromEnvironment(), w, seconds, size);
            System.out.println("# vm weight bytes share expected_share");
            for (int i = 0; i < vms; i++)
            {
                System.out.printf("%d %d %d %.4f %.4f%n", result.vmIds()[i], w.get(i), result.bytes()[i],
                    result.share(i), result.expectedShare(i));
            }
            System.out.printf("jain %.4f%n", result.jain());
            return 0;
        }
    }

    /**
     * Run the fairness measurement: start the guests, set weights, let them flood, read NIC-side bytes served
     * while all were backlogged.
     *
     * @param dir     host runtime directory.
     * @param weights one per VM.
     * @param seconds measuring time.
     * @param size    message size.
     * @return bytes per VM.
     * @throws Exception on failure.
     */
    public static FairnessResult run(final HostDirectory dir, final List<Integer> weights, final int seconds,
        final int size) throws Exception
    {
        final HostControl.Started host = HostControl.start(dir);
        final int n = weights.size();
        final List<Process> guests = new ArrayList<>();
        final List<Writer> inputs = new ArrayList<>();
        final int[] vmIds = new int[n];
        try
        {
            for (int i = 0; i < n; i++)
            {
                final Process guest = new ProcessBuilder(JvmCommand.of(FairnessGuest.class, dir.socket().toString(),
                    Integer.toString(size), Integer.toString(seconds + 30)))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                guests.add(guest);
                inputs.add(new OutputStreamWriter(guest.getOutputStream(), StandardCharsets.UTF_8));
            }
            for (int i = 0; i < n; i++)
            {
                final String line = lineStartingWith(new BufferedReader(new InputStreamReader(
                    guests.get(i).getInputStream(), StandardCharsets.UTF_8)), "READY ", "fairness guest " + i);
                vmIds[i] = Integer.parseInt(line.substring(6).trim());
            }
            try (AdminClient admin = new AdminClient(dir.socket()))
            {
                for (int i = 0; i < n; i++)
                {
                    admin.setWeight(vmIds[i], weights.get(i));
                }
            }
            for (final Writer input : inputs)
            {
                input.write("GO\n");
                input.flush();
            }
            Thread.sleep(1_000);
            final UnsafeBuffer counters = dir.mapCounters(false);
            final long[] before = contended(counters, vmIds);
            Thread.sleep(seconds * 1_000L);
            final long[] after = contended(counters, vmIds);
            final long[] bytes = new long[n];
            for (int i = 0; i < n; i++)
            {
                bytes[i] = after[i] - before[i];
            }
            return new FairnessResult(vmIds, weights.stream().mapToInt(Integer::intValue).toArray(), bytes);
        }
        finally
        {
            for (final Writer input : inputs)
            {
                try
                {
                    input.write("STOP\n");
                    input.close();
                }
                catch (final java.io.IOException ignore)
                {
                    // the guest is gone already
                }
            }
            for (final Process guest : guests)
            {
                if (!guest.waitFor(10, TimeUnit.SECONDS))
                {
                    guest.destroyForcibly();
                }
            }
            if (host.started())
            {
                HostControl.stop(dir);
            }
        }
    }

    /**
     * Read a child's stdout up to the line with the expected prefix, passing anything else to stderr.
     */
    static String lineStartingWith(final BufferedReader reader, final String prefix, final String who)
        throws java.io.IOException
    {
        String line;
        while ((line = reader.readLine()) != null)
        {
            if (line.startsWith(prefix))
            {
                return line;
            }
            System.err.println(who + ": " + line);
        }
        throw new IllegalStateException(who + " ended before printing '" + prefix.trim() + "'; see its stderr");
    }

    private static long[] contended(final UnsafeBuffer counters, final int[] vmIds)
    {
        final long[] values = new long[vmIds.length];
        for (int i = 0; i < vmIds.length; i++)
        {
            values[i] = counters.getLongVolatile(
                CountersDescriptor.vmRecord(vmIds[i]) + CountersDescriptor.VM_CONTENDED_BYTES);
        }
        return values;
    }

    /**
     * Bytes the NIC served per VM while all were backlogged.
     *
     * @param vmIds   VM ids.
     * @param weights their weights.
     * @param bytes   their bytes.
     */
    public record FairnessResult(int[] vmIds, int[] weights, long[] bytes)
    {
        /**
         * @param i VM index.
         * @return its share of all bytes.
         */
        public double share(final int i)
        {
            final long total = java.util.Arrays.stream(bytes).sum();
            return total == 0 ? 0 : (double)bytes[i] / total;
        }

        /**
         * @param i VM index.
         * @return its weight's share of all weights.
         */
        public double expectedShare(final int i)
        {
            return (double)weights[i] / java.util.Arrays.stream(weights).sum();
        }

        /**
         * @return Jain's index over the weight-normalised throughputs (share / expected share).
         */
        public double jain()
        {
            double sum = 0;
            double sumOfSquares = 0;
            for (int i = 0; i < bytes.length; i++)
            {
                final double x = share(i) / expectedShare(i);
                sum += x;
                sumOfSquares += x * x;
            }
            return sumOfSquares == 0 ? 0 : sum * sum / (bytes.length * sumOfSquares);
        }
    }
}
