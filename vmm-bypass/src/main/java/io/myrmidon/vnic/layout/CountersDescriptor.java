package io.myrmidon.vnic.layout;

/**
 * Layout of the host's counters file ({@code counters.dat} in the host runtime directory), mapped by the host
 * daemon and read by {@code host stat} from another process. All values are 64-bit.
 * <pre>
 *  +-------------------------------------------+  0     header
 *  | MAGIC | VMM_OPS | DRIVER_OPS | NIC_LOOPS  |  0, 8, 16, 24
 *  | DAEMON_PID | WINDOWS | RENDEZVOUS | SLEEPS|  32, 40, 48, 56
 *  | WIRE_SENT | WIRE_RECEIVED | WIRE_RETRANSMITTED |  64, 72, 80
 *  | WIRE_DUPLICATES | WIRE_REFUSED | NIC_ID    |  88, 96, 104
 *  +-------------------------------------------+  1024  MAX_VMS records of 128 bytes
 *  | STATE WEIGHT QUOTA ENDPOINTS WINDOWS MESSAGES BYTES REJECTED VIOLATIONS DROPPED
 *  | CONTENDED_BYTES MEMORY_BYTES MODE                                    (8 bytes each)
 *  +-------------------------------------------+  VM_RECORDS + MAX_VMS * 128: MAX_ENDPOINTS records
 *  | STATE VM MODE KEY MESSAGES BYTES REJECTED VIOLATIONS DROPPED RECEIVED
 *  +-------------------------------------------+
 * </pre>
 * Writers: the VMM's connection threads add to {@code VMM_OPS} and {@code DRIVER_OPS} with atomic adds; every
 * other field has a single writer, the NIC firmware thread, which stores with {@code putLongRelease}. Readers
 * use {@code getLongVolatile}; a record is consistent field by field, not as a whole.
 */
public final class CountersDescriptor
{
    /** Identifies a counters file. */
    public static final long MAGIC = 0x4d59524d_564e4943L;
    /** VM slots. */
    public static final int MAX_VMS = 16;
    /** Endpoint contexts per NIC. */
    public static final int MAX_ENDPOINTS = 64;
    /** Bytes per record. */
    public static final int RECORD_LENGTH = 128;

    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;
    /** Operations the VMM handled for guests (control and, in mediated mode, data). */
    public static final int VMM_OPS_OFFSET = 8;
    /** Control operations handled for native host processes (no VMM involved). */
    public static final int DRIVER_OPS_OFFSET = 16;
    /** Firmware loop iterations that did work: moves while the NIC is alive and busy. */
    public static final int NIC_LOOPS_OFFSET = 24;
    /** Process id of the host daemon. */
    public static final int DAEMON_PID_OFFSET = 32;
    /** Windows in the protection table. */
    public static final int WINDOWS_OFFSET = 40;
    /** Rendezvous transfers announced but not yet pulled. */
    public static final int RENDEZVOUS_OFFSET = 48;
    /** Times the firmware blocked waiting for a doorbell. */
    public static final int SLEEPS_OFFSET = 56;

    /** Wire frames sent to other hosts' NICs (first transmissions, retransmissions, acknowledgements). */
    public static final int WIRE_SENT_OFFSET = 64;
    /** Wire datagrams received. */
    public static final int WIRE_RECEIVED_OFFSET = 72;
    /** Wire frames retransmitted (timer or duplicate acknowledgements). */
    public static final int WIRE_RETRANSMITTED_OFFSET = 80;
    /** Duplicate wire frames dropped. */
    public static final int WIRE_DUPLICATES_OFFSET = 88;
    /** Wire messages or pull requests refused: unknown destination endpoint or key, forged handle. */
    public static final int WIRE_REFUSED_OFFSET = 96;
    /** This NIC's id (its position in the host table). */
    public static final int NIC_ID_OFFSET = 104;

    /** Start of the VM records. */
    public static final int VM_RECORDS_OFFSET = 1024;
    /** Start of the endpoint records. */
    public static final int ENDPOINT_RECORDS_OFFSET = VM_RECORDS_OFFSET + MAX_VMS * RECORD_LENGTH;
    /** Size of the file. */
    public static final int TOTAL_LENGTH = ENDPOINT_RECORDS_OFFSET + MAX_ENDPOINTS * RECORD_LENGTH;

    /** VM record: 0 free, 1 guest (VMM-managed), 2 native host process. */
    public static final int VM_STATE = 0;
    /** VM record: arbitration weight. */
    public static final int VM_WEIGHT = 8;
    /** VM record: endpoint quota. */
    public static final int VM_QUOTA = 16;
    /** VM record: endpoints open. */
    public static final int VM_ENDPOINTS = 24;
    /** VM record: windows registered. */
    public static final int VM_WINDOWS = 32;
    /** VM record: messages sent. */
    public static final int VM_MESSAGES = 40;
    /** VM record: payload bytes moved for its sends. */
    public static final int VM_BYTES = 48;
    /** VM record: descriptors rejected. */
    public static final int VM_REJECTED = 56;
    /** VM record: protection violations. */
    public static final int VM_VIOLATIONS = 64;
    /** VM record: events dropped because its queue was full or corrupt. */
    public static final int VM_DROPPED = 72;
    /** VM record: bytes served in DRR rounds where every attached VM with an open endpoint was served and none
     * was held up by a full receiver (all backlogged): what fairness is measured on. */
    public static final int VM_CONTENDED_BYTES = 80;
    /** VM record: guest memory size. */
    public static final int VM_MEMORY_BYTES = 88;

    /** Endpoint record: 0 free, 1 open, 2 faulted. */
    public static final int EP_STATE = 0;
    /** Endpoint record: owning VM. */
    public static final int EP_VM = 8;
    /** Endpoint record: mode (see the guest's EndpointMode ordinal: 0 native, 1 bypass, 2 mediated). */
    public static final int EP_MODE = 16;
    /** Endpoint record: key. */
    public static final int EP_KEY = 24;
    /** Endpoint record: messages sent. */
    public static final int EP_MESSAGES = 32;
    /** Endpoint record: bytes sent. */
    public static final int EP_BYTES = 40;
    /** Endpoint record: descriptors rejected. */
    public static final int EP_REJECTED = 48;
    /** Endpoint record: protection violations. */
    public static final int EP_VIOLATIONS = 56;
    /** Endpoint record: events dropped. */
    public static final int EP_DROPPED = 64;
    /** Endpoint record: messages received. */
    public static final int EP_RECEIVED = 72;

    private CountersDescriptor()
    {
    }

    /**
     * @param vm VM slot.
     * @return offset of its record.
     */
    public static int vmRecord(final int vm)
    {
        return VM_RECORDS_OFFSET + vm * RECORD_LENGTH;
    }

    /**
     * @param endpoint endpoint id.
     * @return offset of its record.
     */
    public static int endpointRecord(final int endpoint)
    {
        return ENDPOINT_RECORDS_OFFSET + endpoint * RECORD_LENGTH;
    }
}
