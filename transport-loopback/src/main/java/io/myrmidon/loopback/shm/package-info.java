/**
 * The {@code shm} transport: ranks are processes of one host.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link io.myrmidon.loopback.shm.ShmSegmentDescriptor}: layout of each rank's inbound
 *   segment (header, futex word, sleeping flag, one SPSC ring per sender).</li>
 *   <li>{@link io.myrmidon.loopback.shm.ShmJobConnector}: start-up (create, exchange pid and
 *   address, map peers, probe Cross Memory Attach, unlink).</li>
 *   <li>{@link io.myrmidon.loopback.shm.ShmTransport}: offer, poll, await (futex, Dekker-style
 *   wake-up), peer-death detection, single-copy pull.</li>
 *   <li>{@link io.myrmidon.loopback.shm.StaleSegmentSweeper}: removes files that ranks killed during
 *   start-up left behind. After start-up nothing is left in {@code /dev/shm}, whatever happens.</li>
 *   <li>{@code io.myrmidon.loopback.sys}: Panama bindings for {@code futex(2)} and
 *   {@code process_vm_readv(2)}.</li>
 * </ul>
 *
 * <h2>Measured (2 JVMs, 2-core VM shared with other builds, load 5)</h2>
 * Raw transport, {@code ShmBenchmark} in the test sources (median of round trip / 2, busy spin,
 * 32-byte header plus payload):
 * <pre>
 *   payload   eager p50    pull p50 (announce + process_vm_readv + FIN)
 *   8 B       130 ns       -
 *   4 KiB     250 ns       1.8 us
 *   16 KiB    490 ns       2.7 us
 *   32 KiB    -            3.8 us
 *   1 MiB     -            80 us (13 GB/s)
 * </pre>
 * Streaming, window of 64: pull 4.5 GB/s at 16 KiB, 7.6 at 32 KiB, 12.8 at 1 MiB, 13.1 at 4 MiB;
 * fragments through the ring with a copy out (what eager does) 0.3 to 7 GB/s, very sensitive to
 * the two ranks not running at the same time on a loaded host.
 *
 * <p>Whole stack ({@code bin/myrmidon run -n 2 --transport shm ping-pong --sizes 8,4096,1048576
 * --iterations 50000 --warmup 10000}): one-way p50 0.18 to 0.52 us at 8 B and 0.72 to 2.8 us at
 * 4 KiB (bimodal from run to run on this VM, whatever the GC), 82 us at 1 MiB; {@code bandwidth}
 * 13.0 GB/s at 1 MiB when the host is calm (4 GB/s at load 10). Small-message streaming collapses
 * when the host is oversubscribed: a spinning sender with a full ring waits for the receiver to
 * be scheduled (about one ring per scheduler slice). Hence single-copy pulls from
 * 32 KiB on, and one-fragment eager below. No shared bulk region with a copy on each side was
 * built: Cross Memory Attach works here (checked at start-up between every pair of ranks; when
 * it does not, {@code bulkPull} is false and the engine streams through the rings).
 */
package io.myrmidon.loopback.shm;
