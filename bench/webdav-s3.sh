#!/usr/bin/env bash
# W11 of BENCHMARKS.md: W2 (PUT of BIG_MB MiB) and W5 (SMALL x 4 KiB PUT, 8 parallel) with file
# contents on S3, against the same on the filesystem backend. Two Kluis processes (embedded H2,
# -Xmx256m, HTTP Basic with an app password on every request), one with filesystem blobs, one with
# blobs on S3Proxy (an S3-compatible server on this machine, storing on the same disk), measured
# alternately. Correctness first: litmus on the S3 instance, checksums of what was written (also
# through a resumable upload). Writes its section of docs/benchmarks.md and prints the table.
#
# Usage: bench/webdav-s3.sh            (RUNS=5 BIG_MB=1024 SMALL=2000 by default)
#        RUNS=3 BIG_MB=256 SMALL=500 bench/webdav-s3.sh   (a quicker look)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
RUNS=${RUNS:-5}
BIG_MB=${BIG_MB:-1024}
SMALL=${SMALL:-2000}
F=18180; K=18181; P=18182; S=18125

for p in litmus curl python3; do
  command -v "$p" >/dev/null 2>&1 || { echo "needs $p (apt-get install $p)" >&2; exit 2; }
done
jar=$(kluis_jar)
if [[ ! -f target/s3proxy/s3proxy.jar ]]; then
  echo "== fetching S3Proxy (the tests' S3-compatible server)"; ./mvnw -q dependency:copy@s3proxy-for-tests
fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d /var/tmp/kluis-bench-s3.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; [[ -n "${KEEP:-}" ]] || rm -rf "$work"; }
trap cleanup EXIT

echo "== starting S3Proxy and two Kluis (filesystem :$F, S3 :$K) in $work"
mkdir -p "$work/s3/kluis" "$work/fs" "$work/s3kluis"
cat >"$work/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$P
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret-key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3
EOF
java -Xmx512m -jar target/s3proxy/s3proxy.jar --properties "$work/s3proxy.conf" >"$work/s3proxy.log" 2>&1 & pids+=($!)
python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
common=(--spring.mail.host=127.0.0.1 --spring.mail.port=$S --logging.level.root=WARN)
java -Xmx256m -jar "$jar" --server.port=$F --kluis.data-dir="$work/fs" --kluis.base-url=http://127.0.0.1:$F "${common[@]}" \
  >"$work/kluis-fs.log" 2>&1 & pids+=($!)
java -Xmx256m -jar "$jar" --server.port=$K --kluis.data-dir="$work/s3kluis" --kluis.base-url=http://127.0.0.1:$K "${common[@]}" \
  --kluis.storage.blobs.backend=s3 --kluis.storage.blobs.s3.endpoint=http://127.0.0.1:$P \
  --kluis.storage.blobs.s3.region=eu-central-1 --kluis.storage.blobs.s3.bucket=kluis \
  --kluis.storage.blobs.s3.access-key=bench --kluis.storage.blobs.s3.secret-key=bench-secret-key \
  >"$work/kluis-s3.log" 2>&1 & kpid=$!; pids+=($kpid)
wait_http http://127.0.0.1:$F/actuator/health 360; wait_http http://127.0.0.1:$K/actuator/health 360

echo "== customers"
customer $F; fe=$CUSTOMER_EMAIL; fs=$CUSTOMER_SECRET
customer $K; ke=$CUSTOMER_EMAIL; ks=$CUSTOMER_SECRET
FD="http://127.0.0.1:$F/dav/bench"; KD="http://127.0.0.1:$K/dav/bench"
fauth=(-u "$fe:$fs"); kauth=(-u "$ke:$ks")
idle_rss=$(awk '/VmRSS/ {print $2}' /proc/$kpid/status)

echo "== correctness on S3: litmus, checksums of a ${BIG_MB} MiB file (single PUT and resumable)"
litmus_out=$(cd "$work" && litmus "http://127.0.0.1:$K/dav/bench/" "$ke" "$ks" 2>&1 || true)
w1=$(echo "$litmus_out" | sed -n "s/.*summary for \`\([a-z]*\)': of \([0-9]*\) tests run: \([0-9]*\) passed.*/\1 \3\/\2/p" | tr '\n' ' ')
litmus_fail=$(echo "$litmus_out" | sed -n "s/.*tests run: [0-9]* passed, \([0-9]*\) failed.*/\1/p" | paste -sd+ | bc)
head -c $((BIG_MB * 1024 * 1024)) /dev/urandom >"$work/big.bin"; big_sha=$(sha256sum "$work/big.bin" | cut -d' ' -f1)
curl -sf -o /dev/null "${kauth[@]}" -T "$work/big.bin" "$KD/check.bin"
[[ $(curl -sf "${kauth[@]}" "$KD/check.bin" | sha256sum | cut -d' ' -f1) == "$big_sha" ]] && put_check=ok || put_check=MISMATCH
[[ $(curl -sf "${kauth[@]}" -r 1000-1999 "$KD/check.bin" | sha256sum | cut -d' ' -f1) == $(tail -c +1001 "$work/big.bin" | head -c 1000 | sha256sum | cut -d' ' -f1) ]] \
  && range_check=ok || range_check=MISMATCH
load upload "http://127.0.0.1:$K/api/v1" bench resumable.bin "$work/big.bin" $((3 * 1024 * 1024)) "$ke" "$ks" >/dev/null
[[ $(curl -sf "${kauth[@]}" "$KD/resumable.bin" | sha256sum | cut -d' ' -f1) == "$big_sha" ]] && resumable_check=ok || resumable_check=MISMATCH
curl -sf -o /dev/null "${kauth[@]}" -X DELETE "$KD/check.bin"; curl -sf -o /dev/null "${kauth[@]}" -X DELETE "$KD/resumable.bin"
load put "$FD/" 200 4096 8 "$fe" "$fs" >/dev/null; load put "$KD/" 200 4096 8 "$ke" "$ks" >/dev/null # warm-up

echo "== W2 on S3 and on the filesystem: PUT ${BIG_MB} MiB"
w2s=(); w2f=()
for r in $(seq 1 "$RUNS"); do
  sync; w2s+=("$(put_big "$KD/w2.bin" "${kauth[@]}")"); curl -sf -o /dev/null "${kauth[@]}" -X DELETE "$KD/w2.bin"
  sync; w2f+=("$(put_big "$FD/w2.bin" "${fauth[@]}")"); curl -sf -o /dev/null "${fauth[@]}" -X DELETE "$FD/w2.bin"
done
peak_rss=$(awk '/VmHWM/ {print $2}' /proc/$kpid/status)

echo "== W5 on S3 and on the filesystem: $SMALL x 4 KiB PUT, 8 parallel"
w5s=(); w5f=()
for r in $(seq 1 "$RUNS"); do
  curl -sf -o /dev/null "${kauth[@]}" -X MKCOL "$KD/w5/"; sync
  w5s+=("$(load put "$KD/w5/" "$SMALL" 4096 8 "$ke" "$ks" | field per_second)")
  curl -sf -o /dev/null "${kauth[@]}" -X DELETE "$KD/w5/"
  curl -sf -o /dev/null "${fauth[@]}" -X MKCOL "$FD/w5/"; sync
  w5f+=("$(load put "$FD/w5/" "$SMALL" 4096 8 "$fe" "$fs" | field per_second)")
  curl -sf -o /dev/null "${fauth[@]}" -X DELETE "$FD/w5/"
done

read -r w2sm w2sn w2sx <<<"$(printf '%s\n' "${w2s[@]}" | median)"; read -r w2fm w2fn w2fx <<<"$(printf '%s\n' "${w2f[@]}" | median)"
read -r w5sm w5sn w5sx <<<"$(printf '%s\n' "${w5s[@]}" | median)"; read -r w5fm w5fn w5fx <<<"$(printf '%s\n' "${w5f[@]}" | median)"
correct=$([[ $litmus_fail == 0 && $put_check == ok && $range_check == ok && $resumable_check == ok ]] && echo "100 %" || echo "FAILED")
table=$(cat <<EOF
| id | what | S3 backend median (min–max) | filesystem backend median (min–max) | ratio | target |
|---|---|---|---|---|---|
| W11 | correctness on S3: litmus, checksums (PUT, range, resumable) | $w1; PUT $put_check, range $range_check, resumable $resumable_check | — | — | 100 %: $correct |
| W11 | W2 PUT ${BIG_MB} MiB, MB/s | $w2sm ($w2sn–$w2sx) | $w2fm ($w2fn–$w2fx) | $(ratio "$w2sm" "$w2fm")× | reported |
| W11 | W5 $SMALL × 4 KiB PUT, 8 parallel, files/s | $w5sm ($w5sn–$w5sx) | $w5fm ($w5fn–$w5fx) | $(ratio "$w5sm" "$w5fm")× | reported |
| W11 | RSS of the S3 Kluis during W2 | peak $((peak_rss / 1024)) MiB (idle $((idle_rss / 1024)) MiB), growth $(( (peak_rss - idle_rss) / 1024 )) MiB | — | — | (W4: ≤ 64 MiB) |
EOF
)
echo; echo "$table"
{
  echo "## Storage on S3 (bench/webdav-s3.sh)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r);"
  echo "$(java -version 2>&1 | head -1); two Kluis $(basename "$jar") processes at -Xmx256m on the embedded H2 database, HTTP Basic"
  echo "with an app password on every request: one with filesystem blobs, one with blobs on S3Proxy $(unzip -p target/s3proxy/s3proxy.jar META-INF/MANIFEST.MF | sed -n 's/Implementation-Version: //p' | tr -d '\r')"
  echo "(its filesystem store, same disk, loopback, 8 MiB parts; S3Proxy does not fsync, the filesystem backend does)."
  echo "RUNS=$RUNS alternating runs per figure, BIG_MB=$BIG_MB, SMALL=$SMALL; load average at the start: $load_start."
  echo
  echo "$table"
} >"$work/section.md"
write_section "Storage on S3 (bench/webdav-s3.sh)" "$work/section.md"
