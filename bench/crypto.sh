#!/usr/bin/env bash
# Encryption benchmarks C1-C4 of BENCHMARKS.md, side by side on this machine in one run:
#  C1  Kluis' server-side AES-256-GCM (io.kluis.crypto.internal.Aead.seal, the path under every
#      PersonalDataCipher.seal) on one thread, 16 KiB and 32 KiB messages (the vault's chunk size),
#      against `openssl speed -evp aes-256-gcm -bytes N` (also one thread). bench/AeadBench.java is
#      compiled against target/classes; no production code is changed for it.
#  C2  Kluis never decrypts vault objects on the server (STO-1: it never has the keys), so the
#      product's stream API for vault content is the browser's: Vault.download = GET /panel/dav →
#      decryptStream (32 KiB AES-GCM chunks, one GCM message per chunk) → Blob parts. Measured in
#      headless Chromium on the file C3 uploaded, with the renderer's RSS and JS heap sampled; Kluis
#      serves it at -Xmx256m. Raw WebCrypto decrypt of the same amount is printed for context.
#  C3  the browser vault upload (File.slice → WebCrypto encrypt → resumable upload), the product's
#      own modules imported in the logged-in /panel/files page (see bench/crypto-browser.mjs), against
#      a raw WebCrypto AES-GCM loop over the same bytes in 32 KiB chunks in the same browser.
#  C4  rclone's crypt remote over a webdav remote: Kluis (HTTP Basic, app password) against Apache
#      mod_dav (no authentication): one BIG_MB file and SMALL × 4 KiB files, read back and compared.
# Correctness first (round trips, tamper checks, byte comparison, cryptcheck), a warm-up, then RUNS
# alternating runs per figure (median/min/max). Writes "## Encryption (bench/crypto.sh)" into
# docs/benchmarks.md and prints the table.
#
# Usage: bench/crypto.sh                         (RUNS=5 BIG_MB=1024 SMALL=2000; needs root for apt)
#        RUNS=1 BIG_MB=128 SMALL=200 bench/crypto.sh   (a quick look; the document says which sizes ran)
#        C1_SECONDS=2 C1_WARMUP=5                (seconds measured / warmed up per C1 size and run)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=bench/lib.sh
source bench/lib.sh
RUNS=${RUNS:-5}
BIG_MB=${BIG_MB:-1024}
SMALL=${SMALL:-2000}
C1_SECONDS=${C1_SECONDS:-2}
C1_WARMUP=${C1_WARMUP:-5}
C1_SIZES=${C1_SIZES:-"16384 32768"}
PUPPETEER=${PUPPETEER:-puppeteer-core@24.40.0}
K=18180; A=18181; S=18125
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

need=()
for p in apache2:apache2 rclone:rclone curl:curl openssl:openssl node:nodejs npm:npm chromium:chromium bc:bc; do
  command -v "${p%%:*}" >/dev/null 2>&1 || need+=("${p#*:}")
done
if (( ${#need[@]} )); then
  echo "== installing ${need[*]}"
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || {
    apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }
  rm -f /usr/sbin/policy-rc.d
fi
mvn_q() { ./mvnw -q -o "$@" >/dev/null 2>&1 || ./mvnw -q "$@" >/dev/null; }

jar=$(ls target/kluis-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [[ -z "$jar" ]]; then
  echo "== building the Kluis jar"; mvn_q -DskipTests package; jar=$(ls target/kluis-*.jar | grep -v plain | head -1)
fi
# The browser driver (puppeteer-core drives the system Chromium; it downloads no browser).
nodedir=$ROOT/target/bench-node
if [[ ! -d $nodedir/node_modules/puppeteer-core ]]; then
  echo "== installing $PUPPETEER into target/bench-node"
  mkdir -p "$nodedir"; (cd "$nodedir" && npm install --no-audit --no-fund --silent "$PUPPETEER" >/dev/null)
fi

work=$(mktemp -d /var/tmp/kluis-cbench.XXXXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f $work/apache/httpd.pid ]] && kill "$(cat "$work/apache/httpd.pid")" 2>/dev/null || true
  sleep 1; [[ -n "${KEEP:-}" ]] || rm -rf "$work"; }
trap cleanup EXIT
stats() { local m n x; read -r m n x <<<"$(printf '%s\n' "$@" | median)"; echo "$m ($n–$x)"; }
med() { printf '%s\n' "$@" | median | cut -d' ' -f1; }

echo "== C1 harness: compiling bench/AeadBench.java against target/classes"
mvn_q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
cp="$work/c1:$ROOT/target/classes:$(cat "$work/cp.txt")"
mkdir -p "$work/c1"; javac -nowarn -cp "$cp" -d "$work/c1" bench/AeadBench.java

echo "== starting Apache mod_dav and Kluis in $work"
start_apache "$A"
python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
# The quota is raised so RUNS × BIG_MB plus trash fits; everything else is the embedded default.
java -Xmx256m -jar "$jar" --server.port=$K --kluis.data-dir="$work/kluis" --kluis.base-url=http://127.0.0.1:$K \
  --kluis.storage.default-quota=1000GB \
  --spring.mail.host=127.0.0.1 --spring.mail.port=$S --logging.level.root=WARN >"$work/kluis.log" 2>&1 & kpid=$!; pids+=($kpid)
wait_http http://127.0.0.1:$K/actuator/health; wait_http http://127.0.0.1:$A/

echo "== a customer with an app password (registration through the API, token from the mail)"
email="bench-$RANDOM@example.org"; password="violet harbour glacier tulip 42"
curl -sf -o /dev/null -H 'Content-Type: application/json' -X POST http://127.0.0.1:$K/api/v1/accounts -d "{\"email\":\"$email\",\"password\":\"$password\",\"firstName\":\"Bench\",\"lastName\":\"Mark\",\"street\":\"Damrak 1\",\"postalCode\":\"1012 LG\",\"city\":\"Amsterdam\",\"country\":\"NL\",\"dateOfBirth\":\"1980-01-01\",\"language\":\"en\"}"
token=""
for _ in $(seq 1 240); do
  token=$(python3 - "$work/mail.txt" <<'PY' 2>/dev/null || true
import quopri, re, sys
raw = open(sys.argv[1], 'rb').read()
# only quoted-printable mail is decoded: a 7bit token such as "=43_..." would otherwise be mangled
text = (quopri.decodestring(raw) if b'quoted-printable' in raw.lower() else raw).decode(errors='replace')
m = re.findall(r'verify\?token=([A-Za-z0-9_\-%]+)', text)
print(m[-1] if m else '')
PY
)
  [[ -n "$token" ]] && break; sleep 0.5
done
[[ -n "$token" ]] || { echo "no verification mail arrived" >&2; exit 1; }
curl -sf -o /dev/null -H 'Content-Type: application/json' -X POST http://127.0.0.1:$K/api/v1/accounts/verification -d "{\"token\":\"$token\"}"
secret=$(curl -sf -u "$email:$password" -H 'Content-Type: application/json' -X POST http://127.0.0.1:$K/api/v1/app-passwords -d '{"name":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
auth=(-u "$email:$secret")
curl -sf -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -X POST http://127.0.0.1:$K/api/v1/spaces -d '{"name":"bench","kind":"PLAIN"}'
curl -sf -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -X POST http://127.0.0.1:$K/api/v1/spaces -d '{"name":"c3","kind":"VAULT"}'
purge_trash() { # space: deletes its trash for good (so RUNS big files do not pile up)
  curl -sf "${auth[@]}" "http://127.0.0.1:$K/api/v1/spaces/$1/trash" | python3 -c 'import json,sys; [print(i["id"]) for i in json.load(sys.stdin)]' |
    while read -r id; do curl -sf -o /dev/null "${auth[@]}" -X DELETE "http://127.0.0.1:$K/api/v1/spaces/$1/trash/$id"; done
}

echo "== test data: ${BIG_MB} MiB file, $SMALL x 4 KiB files"
(openssl enc -aes-256-ctr -pass pass:kluis -nosalt -pbkdf2 </dev/zero 2>/dev/null || true) | head -c $((BIG_MB * 1024 * 1024)) >"$work/big.bin"
mkdir -p "$work/big" && ln "$work/big.bin" "$work/big/big.bin"
mkdir -p "$work/small"; for i in $(seq 0 $((SMALL - 1))); do head -c 4096 /dev/urandom >"$work/small/$(printf 'f%04d' "$i")"; done
idle_rss=$(awk '/VmRSS/ {print $2}' /proc/$kpid/status)

# ---------------------------------------------------------------------------------------------
echo "== C1 server-side AES-256-GCM, 1 thread: Kluis Aead.seal vs openssl speed (sizes: $C1_SIZES)"
declare -A c1k c1o
openssl_speed() { # bytes -> MB/s (openssl prints 1000s of bytes per second)
  openssl speed -evp aes-256-gcm -bytes "$1" -seconds "$C1_SECONDS" 2>/dev/null | awk '/^(AES-256-GCM|aes-256-gcm)/ {v=$NF; sub(/k$/, "", v); printf "%.1f\n", v/1000}'
}
for r in $(seq 1 "$RUNS"); do
  # shellcheck disable=SC2086
  out=$(java -Xmx256m -cp "$cp" io.kluis.crypto.internal.AeadBench "$C1_WARMUP" "$C1_SECONDS" $C1_SIZES)
  for s in $C1_SIZES; do
    c1k[$s]+="$(echo "$out" | grep "size=$s " | field mb_per_second) "
    c1o[$s]+="$(openssl_speed "$s") "
  done
done

# ---------------------------------------------------------------------------------------------
echo "== C3 browser vault upload / C2 browser vault download+decrypt (headless $(chromium --version 2>/dev/null | head -1))"
cp bench/crypto-browser.mjs "$nodedir/" # ES modules resolve packages from the script's folder
KLUIS=http://127.0.0.1:$K EMAIL=$email PASSWORD=$password API_USER=$email API_SECRET=$secret \
  SPACE=c3 FILE="$work/big.bin" RUNS=$RUNS node "$nodedir/crypto-browser.mjs" >"$work/browser.jsonl" 2>"$work/browser.err" || {
  echo "the browser benchmark failed:" >&2; cat "$work/browser.jsonl" "$work/browser.err" >&2; exit 1; }
cat "$work/browser.jsonl"
js() { python3 - "$work/browser.jsonl" "$@" <<'PY'
import json, sys
kind, key = sys.argv[2], sys.argv[3]
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o.get("kind") == kind and key in o:
        print(o[key] if isinstance(o[key], str) else ("%.1f" % o[key] if isinstance(o[key], float) else o[key]))
PY
}
c3p=($(js upload mib_per_second)); c3r=($(js raw_encrypt mib_per_second))
c2p=($(js download mib_per_second)); c2r=($(js raw_decrypt mib_per_second))
d_enc=($(js encrypt_only mib_per_second)); d_get=($(js get_only mib_per_second)); d_dec=($(js decrypt_only mib_per_second))
c2_rr_before=$(med $(js download renderer_before_mib)); c2_rr_peak=$(med $(js download renderer_peak_mib))
c2_tree_before=$(med $(js download tree_before_mib)); c2_tree_peak=$(med $(js download tree_peak_mib))
c2_heap_before=$(med $(js download heap_before_mib)); c2_heap_peak=$(med $(js download heap_peak_mib))
c3_rr_before=$(med $(js upload renderer_before_mib)); c3_rr_peak=$(med $(js upload renderer_peak_mib))
c23check="byte-for-byte $(js check equal | sed 's/True/equal/;s/False/DIFFERENT/'), tampered chunk → $(js check tamper)"
chromium_version=$(js setup chromium)
kluis_peak_browser=$(awk '/VmHWM/ {print $2}' /proc/$kpid/status)

# ---------------------------------------------------------------------------------------------
echo "== C4 rclone crypt over WebDAV: Kluis vs Apache mod_dav"
export RCLONE_CONFIG="$work/rclone.conf"
cat >"$RCLONE_CONFIG" <<EOF
[kluis]
type = webdav
url = http://127.0.0.1:$K/dav/bench/
vendor = other
user = $email
pass = $(rclone obscure "$secret")

[apache]
type = webdav
url = http://127.0.0.1:$A/
vendor = other

[kcrypt]
type = crypt
remote = kluis:c4
password = $(rclone obscure "bench crypt passphrase")
password2 = $(rclone obscure "bench crypt salt")

[acrypt]
type = crypt
remote = apache:c4
password = $(rclone obscure "bench crypt passphrase")
password2 = $(rclone obscure "bench crypt salt")
EOF
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>>"$work/rclone.err"; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
# correctness and warm-up: a copy of each kind, read back and compared with the source
rclone copy --transfers 8 "$work/small" kcrypt:warm 2>>"$work/rclone.err"; rclone copy --transfers 8 "$work/small" acrypt:warm 2>>"$work/rclone.err"
rclone copy "$work/big" kcrypt:warm-big 2>>"$work/rclone.err"; rclone copy "$work/big" acrypt:warm-big 2>>"$work/rclone.err"
c4check=""
for remote in kcrypt acrypt; do
  # cryptcheck needs a hash on the underlying remote, which WebDAV does not give: read everything back
  # through the crypt remote (decrypting, and so authenticating) and compare bytes instead.
  if rclone check --download "$work/small" "$remote:warm" 2>>"$work/rclone.err" && rclone check --download "$work/big" "$remote:warm-big" 2>>"$work/rclone.err"; then
    c4check+="$remote ok "
  else c4check+="$remote MISMATCH "; fi
done
rclone purge kcrypt:warm 2>/dev/null; rclone purge kcrypt:warm-big 2>/dev/null; rclone purge acrypt:warm 2>/dev/null; rclone purge acrypt:warm-big 2>/dev/null
purge_trash bench
c4bk=(); c4ba=(); c4sk=(); c4sa=()
for r in $(seq 1 "$RUNS"); do
  sync; t=$(timed rclone copy "$work/big" "kcrypt:big-$r"); c4bk+=("$(echo "$BIG_MB * 1.048576 / $t" | bc -l)")
  sync; t=$(timed rclone copy "$work/big" "acrypt:big-$r"); c4ba+=("$(echo "$BIG_MB * 1.048576 / $t" | bc -l)")
  sync; t=$(timed rclone copy --transfers 8 "$work/small" "kcrypt:small-$r"); c4sk+=("$(echo "$SMALL / $t" | bc -l)")
  sync; t=$(timed rclone copy --transfers 8 "$work/small" "acrypt:small-$r"); c4sa+=("$(echo "$SMALL / $t" | bc -l)")
  [[ $(rclone size --json "kcrypt:small-$r" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])') == "$SMALL" ]] || c4check+="run $r: Kluis lost files "
  rclone purge "kcrypt:big-$r"; rclone purge "kcrypt:small-$r"; rclone purge "acrypt:big-$r"; rclone purge "acrypt:small-$r"
  purge_trash bench
done
peak_rss=$(awk '/VmHWM/ {print $2}' /proc/$kpid/status)

# ---------------------------------------------------------------------------------------------
rows=""
for s in $C1_SIZES; do
  read -ra k <<<"${c1k[$s]}"; read -ra o <<<"${c1o[$s]}"
  rows+="| C1 | AES-256-GCM seal, $((s / 1024)) KiB messages, 1 thread, MB/s | $(stats "${k[@]}") | openssl speed $(stats "${o[@]}") | $(ratio "$(med "${k[@]}")" "$(med "${o[@]}")")× | ≥ 0.8× |"$'\n'
done
c2m=$(med "${c2p[@]}")
table=$(cat <<EOF
| id | what | Kluis median (min–max) | peer median (min–max) | ratio | target |
|---|---|---|---|---|---|
${rows}| C2 | browser vault download + decrypt (Vault.download: GET, decryptStream, Blob), ${BIG_MB} MiB, MiB/s | $(stats "${c2p[@]}") | raw WebCrypto decrypt $(stats "${c2r[@]}") | $(ratio "$c2m" "$(med "${c2r[@]}")")× (context) | ≥ 500 MiB/s |
| C2 | memory during that download: renderer RSS / all Chromium RSS / JS heap + ArrayBuffers, MiB | renderer ${c2_rr_before} → peak ${c2_rr_peak}; all ${c2_tree_before} → ${c2_tree_peak}; heap ${c2_heap_before} → ${c2_heap_peak} | — | — | flat |
| C3 | browser vault upload (File.slice → WebCrypto → resumable upload), ${BIG_MB} MiB, MiB/s | $(stats "${c3p[@]}") | raw WebCrypto encrypt $(stats "${c3r[@]}") | $(ratio "$(med "${c3p[@]}")" "$(med "${c3r[@]}")")× | ≥ 0.7× and ≥ 150 MiB/s |
| C2/C3 diagnosis | product pieces alone, ${BIG_MB} MiB, MiB/s: encryptBlob (no upload) / GET drained (no decrypt) / decryptStream from a local Blob | $(stats "${d_enc[@]}") / $(stats "${d_get[@]}") / $(stats "${d_dec[@]}") | — | — | — |
| C4 | rclone crypt copy of one ${BIG_MB} MiB file, MB/s | $(stats "${c4bk[@]}") | Apache $(stats "${c4ba[@]}") | $(ratio "$(med "${c4bk[@]}")" "$(med "${c4ba[@]}")")× | ≥ 1.0× |
| C4 | rclone crypt copy --transfers 8 of $SMALL × 4 KiB, files/s | $(stats "${c4sk[@]}") | Apache $(stats "${c4sa[@]}") | $(ratio "$(med "${c4sk[@]}")" "$(med "${c4sa[@]}")")× | ≥ 1.0× |
EOF
)
echo; echo "$table"

label=${LABEL:-}
{
  echo "## Encryption (bench/crypto.sh)"
  echo
  [[ -n $label ]] && { echo "$label"; echo; }
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r);"
  echo "load average at the start $load_start (1/5/15 min; the machine is shared, so figures are noisy)."
  echo "$(java -version 2>&1 | head -1); Kluis $(basename "$jar") on the embedded H2 database and filesystem blobs at -Xmx256m;"
  echo "$(openssl version | cut -d' ' -f1-2); $chromium_version headless (driven by $PUPPETEER); rclone $(rclone version | head -1 | awk '{print $2}'); Apache $(apache2 -v | sed -n 's/Server version: //p') mod_dav, no authentication."
  echo "RUNS=$RUNS alternating runs per figure, BIG_MB=$BIG_MB, SMALL=$SMALL, C1: ${C1_WARMUP} s warm-up and ${C1_SECONDS} s per size and run."
  echo
  echo "- C1 measures \`io.kluis.crypto.internal.Aead.seal\`, the AES-256-GCM under \`PersonalDataCipher\` (fresh"
  echo "  \`Cipher\`, SecureRandom nonce, associated data, output copy per message), with \`bench/AeadBench.java\` on the built classes"
  echo "  after a round-trip and tamper check. The server seals short personal fields, not chunks; 16 KiB is openssl's largest"
  echo "  default block and 32 KiB the vault's chunk size."
  echo "- C2: the server never decrypts vault objects (STO-1: it has no keys). The product's stream API for vault content is the"
  echo "  browser's: \`Vault.download\` (GET /panel/dav, \`decryptStream\`, one GCM message per 32 KiB chunk, cleartext into Blob parts)."
  echo "  Renderer RSS and JS heap are sampled every 100 ms from before to the end of the download (medians over the runs)."
  echo "  The cleartext ends in a Blob, as the file manager's download does: Chromium keeps Blob data in its browser process,"
  echo "  in memory up to a limit set by the machine's RAM, so \"all Chromium RSS\" may grow with the file by design; the renderer"
  echo "  and JS heap figures are what the page (\`decryptStream\`) holds."
  echo "- C2/C3 run the product's modules imported in the logged-in \`/panel/files\` page (login through the real form; the"
  echo "  buttons are not clicked): \`Vault.create\`, then \`Vault.upload\` of a File chosen through an \`<input type=file>\`."
  echo "  The peer is a raw WebCrypto AES-256-GCM loop over the same number of bytes in 32 KiB chunks, no I/O, same page."
  echo "  Checks: $c23check. Kluis peak RSS after C2/C3: $((kluis_peak_browser / 1024)) MiB."
  echo "- C4: \`rclone copy\` to a crypt remote over a webdav remote (Kluis: HTTP Basic with an app password, durable PUT);"
  echo "  checks (\`rclone check --download\` of both sets through the crypt remote; \`cryptcheck\` needs hashes WebDAV lacks): $c4check. Kluis RSS idle $((idle_rss / 1024)) MiB, peak $((peak_rss / 1024)) MiB."
  echo
  echo "$table"
} >"$work/section.md"
python3 - "$ROOT/docs/benchmarks.md" "$work/section.md" <<'PY'
import re, sys
path, section = sys.argv[1], open(sys.argv[2]).read()
try:
    doc = open(path).read()
except FileNotFoundError:
    doc = "# Benchmarks\n\nFigures from the scripts in `bench/`, measured side by side with real peers on one machine (see `../shared/design/BENCHMARKS.md` for the targets).\n\n"
doc = re.sub(r"\n*## Encryption \(bench/crypto.sh\).*?(?=\n## |\Z)", "", doc, flags=re.S).rstrip() + "\n\n" + section
open(path, "w").write(doc)
PY
echo "== written to docs/benchmarks.md"
