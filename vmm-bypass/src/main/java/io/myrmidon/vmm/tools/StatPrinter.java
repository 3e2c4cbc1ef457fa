package io.myrmidon.vmm.tools;

import java.io.PrintStream;

import org.agrona.concurrent.UnsafeBuffer;

import static io.myrmidon.vnic.layout.CountersDescriptor.*;

/**
 * Prints the host counters file: totals, then one line per attached VM and per open endpoint.
 */
public final class StatPrinter
{
    private StatPrinter()
    {
    }

    /**
     * @param counters the mapped counters file.
     * @param out      where to print.
     */
    public static void print(final UnsafeBuffer counters, final PrintStream out)
    {
        if (counters.getLongVolatile(MAGIC_OFFSET) != MAGIC)
        {
            throw new IllegalStateException("not a myrmidon counters file (bad magic)");
        }
        out.printf("host pid=%d vmm_ops=%d driver_ops=%d nic_loops=%d nic_sleeps=%d windows=%d rendezvous=%d%n",
            counters.getLongVolatile(DAEMON_PID_OFFSET), counters.getLongVolatile(VMM_OPS_OFFSET),
            counters.getLongVolatile(DRIVER_OPS_OFFSET), counters.getLongVolatile(NIC_LOOPS_OFFSET),
            counters.getLongVolatile(SLEEPS_OFFSET), counters.getLongVolatile(WINDOWS_OFFSET),
            counters.getLongVolatile(RENDEZVOUS_OFFSET));
        out.printf("wire nic=%d sent=%d received=%d retransmitted=%d duplicates=%d refused=%d%n",
            counters.getLongVolatile(NIC_ID_OFFSET), counters.getLongVolatile(WIRE_SENT_OFFSET),
            counters.getLongVolatile(WIRE_RECEIVED_OFFSET), counters.getLongVolatile(WIRE_RETRANSMITTED_OFFSET),
            counters.getLongVolatile(WIRE_DUPLICATES_OFFSET), counters.getLongVolatile(WIRE_REFUSED_OFFSET));
        out.println("# vm kind weight quota endpoints windows messages bytes rejected violations dropped memory");
        for (int vm = 0; vm < MAX_VMS; vm++)
        {
            final int r = vmRecord(vm);
            final long state = counters.getLongVolatile(r + VM_STATE);
            if (state == 0)
            {
                continue;
            }
            out.printf("vm %d %s %d %d %d %d %d %d %d %d %d %d%n", vm, state == 2 ? "native" : "guest",
                counters.getLongVolatile(r + VM_WEIGHT), counters.getLongVolatile(r + VM_QUOTA),
                counters.getLongVolatile(r + VM_ENDPOINTS), counters.getLongVolatile(r + VM_WINDOWS),
                counters.getLongVolatile(r + VM_MESSAGES), counters.getLongVolatile(r + VM_BYTES),
                counters.getLongVolatile(r + VM_REJECTED), counters.getLongVolatile(r + VM_VIOLATIONS),
                counters.getLongVolatile(r + VM_DROPPED), counters.getLongVolatile(r + VM_MEMORY_BYTES));
        }
        out.println("# endpoint vm mode state messages bytes received rejected violations dropped");
        for (int ep = 0; ep < MAX_ENDPOINTS; ep++)
        {
            final int r = endpointRecord(ep);
            final long state = counters.getLongVolatile(r + EP_STATE);
            if (state == 0)
            {
                continue;
            }
            final long mode = counters.getLongVolatile(r + EP_MODE);
            out.printf("endpoint %d %d %s %s %d %d %d %d %d %d%n", ep, counters.getLongVolatile(r + EP_VM),
                mode == 0 ? "native" : mode == 1 ? "bypass" : "mediated", state == 2 ? "faulted" : "open",
                counters.getLongVolatile(r + EP_MESSAGES), counters.getLongVolatile(r + EP_BYTES),
                counters.getLongVolatile(r + EP_RECEIVED), counters.getLongVolatile(r + EP_REJECTED),
                counters.getLongVolatile(r + EP_VIOLATIONS), counters.getLongVolatile(r + EP_DROPPED));
        }
    }
}
