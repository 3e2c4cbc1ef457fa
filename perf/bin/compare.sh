#!/usr/bin/env bash
# Runs Myrmidon's ping-pong and bandwidth (and allreduce when present) over a transport, and the
# C MPI baselines of ../shared/peer-bench, interleaved in one go on this machine, then prints
# peer-bench's summary table and Myrmidon/Open MPI ratios.
#
#   perf/bin/compare.sh                      # shm, 3 runs of each
#   RUNS=5 TRANSPORT=shm SKIP_PEERS=0 perf/bin/compare.sh
#   TRANSPORT=myrinet HOSTS=2 perf/bin/compare.sh   # ranks on two namespaced hosts, NICs linked over UDP
#
# Environment: RUNS (3), TRANSPORT (shm), HOSTS (unset: one host; K: --hosts K, myrinet only), OUT (a new temp dir), PEER_BENCH (../shared/peer-bench),
# SKIP_INSTALL=1 to skip apt-get in peer-bench, SKIP_PEERS=1 to run Myrmidon only.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-3}
TRANSPORT=${TRANSPORT:-shm}
OUT=${OUT:-$(mktemp -d)}
PEER_BENCH=${PEER_BENCH:-$root/../shared/peer-bench}
SIZES=0,1,8,64,512,4096,32768,262144,1048576,4194304
BW_SIZES=1,8,64,512,4096,32768,262144,1048576,4194304
mkdir -p "$OUT"
here="$root/perf/bin"
myr="$root/bin/myrmidon"
impl="myrmidon-$TRANSPORT"
placement=()
if [ -n "${HOSTS:-}" ]; then
    placement=(--hosts "$HOSTS")
    impl="myrmidon-$TRANSPORT-${HOSTS}hosts"
fi

run_myrmidon() { # run number
    local r=$1
    "$myr" run -n 2 --transport "$TRANSPORT" "${placement[@]}" ping-pong --sizes "$SIZES" \
        | tee "$OUT/raw-$impl.pingpong.$r.txt" | python3 "$here/to-peer-format.py" --kind LAT --impl "$impl" \
        > "$OUT/java-$impl.pingpong.$r.txt"
    "$myr" run -n 2 --transport "$TRANSPORT" "${placement[@]}" bandwidth --sizes "$BW_SIZES" \
        | tee "$OUT/raw-$impl.bw.$r.txt" | python3 "$here/to-peer-format.py" --kind BW --impl "$impl" \
        > "$OUT/java-$impl.bw.$r.txt"
    if grep -q '^allreduce=' "$root/examples/src/main/resources/META-INF/myrmidon/targets.properties"; then
        "$myr" run -n 2 --transport "$TRANSPORT" "${placement[@]}" allreduce --sizes 8,1048576 \
            | tee "$OUT/raw-$impl.allreduce.$r.txt" | python3 "$here/to-peer-format.py" --kind ALLREDUCE --impl "$impl" \
            > "$OUT/java-$impl.allreduce.$r.txt"
    fi
}

"$myr" run -n 1 ping-pong --help >/dev/null   # builds once if needed
if [ "${SKIP_PEERS:-0}" != 1 ]; then
    # peer-bench interleaves its own variants; run it once per round, between Myrmidon runs.
    for r in $(seq 1 "$RUNS"); do
        echo "round $r: $impl" >&2
        run_myrmidon "$r"
        echo "round $r: peer-bench" >&2
        RUNS=1 OUT="$OUT/peer-$r" SKIP_INSTALL=${SKIP_INSTALL:-0} bash "$PEER_BENCH/run.sh" >/dev/null
        SKIP_INSTALL=1
        for f in "$OUT/peer-$r"/*.txt; do
            case "$f" in *summary*) ;; *) cp "$f" "$OUT/$(basename "$f" .txt).r$r.txt" ;; esac
        done
    done
else
    for r in $(seq 1 "$RUNS"); do run_myrmidon "$r"; done
fi

files=$(ls "$OUT"/java-*.txt "$OUT"/openmpi*.r*.txt "$OUT"/mpich*.r*.txt 2>/dev/null || true)
python3 "$PEER_BENCH/summarize.py" $files | tee "$OUT/summary.md"
echo
if ls "$OUT"/openmpi.*.txt >/dev/null 2>&1; then
    python3 "$here/ratios.py" --ours "$impl" --peer openmpi $files | tee "$OUT/ratios.md"
fi
echo "raw outputs in $OUT" >&2
