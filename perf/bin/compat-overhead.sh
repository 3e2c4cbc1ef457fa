#!/usr/bin/env bash
# Measures the Open MPI Java API layer's cost (compat-openmpi-java) against Myrmidon's own API:
# runs mpi.CompatLatency on 2 ranks RUNS times in each JVM configuration, alternating a default
# heap and a warm one (young generation pre-touched), then summarizes per configuration: the
# median over runs of each run's best-round overhead, over all runs and over the runs in the
# machine's fast mode (8 B one-way latency of Myrmidon's API at most FAST_US microseconds).
#
#   perf/bin/compat-overhead.sh                 # 5 runs of each, shm
#   RUNS=8 TRANSPORT=threads perf/bin/compat-overhead.sh
#
# Environment: RUNS (5), ROUNDS (9), TRANSPORT (shm), FAST_US (0.2), OUT (a new temp dir),
# WARM_OPTS (-XX:+AlwaysPreTouch -Xms1g -Xmn512m).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-5}
ROUNDS=${ROUNDS:-9}
TRANSPORT=${TRANSPORT:-shm}
FAST_US=${FAST_US:-0.2}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
WARM_OPTS=${WARM_OPTS:--XX:+AlwaysPreTouch -Xms1g -Xmn512m}
cp="$root/compat-openmpi-java/target/test-classes:$root/compat-openmpi-java/target/classes"
if [ ! -d "$root/compat-openmpi-java/target/test-classes/mpi" ]; then
    "$root/bin/mvn" -q -B -pl compat-openmpi-java -am verify -DskipTests
fi
log="$OUT/compat-overhead.log"
: > "$log"
for r in $(seq 1 "$RUNS"); do
    for cfg in default warm; do
        opts=""
        if [ "$cfg" = warm ]; then opts="$WARM_OPTS"; fi
        echo "## run $r $cfg $(date +%T)" >> "$log"
        MYRMIDON_JAVA_OPTS="${MYRMIDON_JAVA_OPTS:-} $opts" "$root/bin/myrmidon" run -n 2 --transport "$TRANSPORT" \
            --classpath "$cp" mpi.CompatLatency "$ROUNDS" >> "$log"
    done
done
echo "raw output: $log"
python3 "$root/perf/bin/compat-summary.py" --fast-us "$FAST_US" "$log"
