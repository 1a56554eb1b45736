#!/usr/bin/env bash
# W9 alone, quickly: a resumable upload of one large file to a plain (sealed at rest) space, in
# pieces of PIECE bytes, against a single PUT of the same file, RUNS alternating runs each. Prints
# the resumable throughput, the completion request's time and the single PUT's throughput, and
# checks that both read back byte for byte. For the W9 targets (≥ 0.9× a single PUT; completion
# ≤ 2 s) without the whole of bench/webdav.sh. Writes nothing.
# Usage: bench/resumable-sealed.sh   (BIG_MB=1024 RUNS=3 PIECE=8388608 JAR=target/kluis-….jar; PIECE=8000000 for pieces
#        that do not follow the 64 KiB chunks)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
BIG_MB=${BIG_MB:-1024}
RUNS=${RUNS:-3}
PIECE=${PIECE:-$((8 * 1024 * 1024))}
K=${PORT:-18471}; S=$((K + 5))
jar=${JAR:-$(kluis_jar)}
work=$(mktemp -d /var/tmp/kluis-bench.XXXXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; [[ -n "${KEEP:-}" ]] || rm -rf "$work"; }
trap cleanup EXIT

python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
java -Xmx256m -jar "$jar" --server.port=$K --kluis.data-dir="$work/kluis" --kluis.base-url=http://127.0.0.1:$K \
  --spring.mail.host=127.0.0.1 --spring.mail.port=$S --logging.level.root=WARN >"$work/kluis.log" 2>&1 & pids+=($!)
head -c $((BIG_MB * 1024 * 1024 + 12345)) /dev/urandom > "$work/big.bin"
sha=$(sha256sum < "$work/big.bin" | cut -d' ' -f1)
wait_http http://127.0.0.1:$K/actuator/health
customer $K
auth=(-u "$CUSTOMER_EMAIL:$CUSTOMER_SECRET")
KD=http://127.0.0.1:$K/dav/bench
check() { [[ $(curl -sf "${auth[@]}" "$KD/$1" | sha256sum | cut -d' ' -f1) == "$sha" ]] || { echo "$1 reads back other bytes" >&2; exit 1; }; }
put=(); up=(); pieces=(); done_ms=()
for r in $(seq 1 "$RUNS"); do
  sync; put+=("$(put_big "$KD/put-$r.bin" "${auth[@]}")")
  sync; out=$(load upload "http://127.0.0.1:$K/api/v1" bench "up-$r.bin" "$work/big.bin" "$PIECE" "$CUSTOMER_EMAIL" "$CUSTOMER_SECRET")
  up+=("$(echo "$out" | field mb_per_second)"); done_ms+=("$(echo "$out" | field complete_ms)")
  # the pieces alone: the whole upload's time without the completion request
  pieces+=("$(echo "$(echo "$out" | field seconds) $(echo "$out" | field complete_ms)" \
    | awk -v bytes=$((BIG_MB * 1024 * 1024 + 12345)) '{printf "%.1f", bytes / 1e6 / ($1 - $2 / 1000)}')")
  check "put-$r.bin"; check "up-$r.bin"
  curl -sf -o /dev/null "${auth[@]}" -X DELETE "$KD/put-$r.bin"; curl -sf -o /dev/null "${auth[@]}" -X DELETE "$KD/up-$r.bin"
done
read -r pm pn px <<<"$(printf '%s\n' "${put[@]}" | median)"
read -r um un ux <<<"$(printf '%s\n' "${up[@]}" | median)"
read -r cm cn cx <<<"$(printf '%s\n' "${done_ms[@]}" | median)"
read -r qm qn qx <<<"$(printf '%s\n' "${pieces[@]}" | median)"
echo "W9 sealed resumable ${BIG_MB} MiB + 12345 B in ${PIECE}-byte pieces: $um MB/s ($un–$ux) with completion, pieces alone $qm MB/s ($qn–$qx), completion $cm ms ($cn–$cx); single PUT $pm MB/s ($pn–$px); ratio $(ratio "$um" "$pm")× (pieces alone $(ratio "$qm" "$pm")×; targets ≥ 0.9×, ≤ 2000 ms); checksums ok; load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
