#!/usr/bin/env bash
# Storage benchmarks W1-W10 of BENCHMARKS.md: Kluis (embedded H2, filesystem blobs, -Xmx256m,
# HTTP Basic with an app password on every request) against Apache mod_dav, nginx and
# `rclone serve webdav` (no authentication) on this machine, same disk, loopback.
# Correctness first (litmus, checksums), then alternating runs (median/min/max of RUNS), peak RSS.
# Writes docs/benchmarks.md (the storage part) and prints the table.
#
# Usage: bench/webdav.sh            (RUNS=5 BIG_MB=1024 SMALL=2000 by default; needs root for apt)
#        RUNS=3 BIG_MB=256 bench/webdav.sh   (a quicker look; the document says which sizes ran)
#        SKIP="W8 W9" bench/webdav.sh        (leaves those out: their rows say "skipped"; W1, W2 (with W3,
#                                             W4), W7, W8, W9 and W10 can be left out)
#        SKIP="W1 W2 W7 W8 W9 W10" DOC=0 RUNS=3 bench/webdav.sh   (only W5/W6, both clients; DOC=0
#                                             prints the table and leaves docs/benchmarks.md alone)
#        JAR=/path/to/kluis.jar bench/webdav.sh  (another build, e.g. before and after a change)
#        KLUIS_ARGS="--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/bench --spring.datasource.username=postgres"
#            bench/webdav.sh                     (Kluis on PostgreSQL instead of the embedded H2; the
#                                                 database must exist and be empty)
# W5 and W6 run twice per round: with DavLoad.java (this script's own client) and with
# `curl --parallel --parallel-max 8 -K config` (a standard client, keep-alive), Kluis and the peer
# alternately, so the machine's other load hits both alike.
set -euo pipefail
cd "$(dirname "$0")/.."
skipped() { [[ " ${SKIP:-} " == *" $1 "* ]]; }
ROOT=$PWD
source bench/lib.sh
RUNS=${RUNS:-5}
BIG_MB=${BIG_MB:-1024}
SMALL=${SMALL:-2000}
P=${PORT_BASE:-18080}; K=$P; A=$((P + 1)); N=$((P + 2)); R=$((P + 3)); S=$((P - 55))

need=()
for p in apache2:apache2 nginx:nginx rclone:rclone litmus:litmus curl:curl; do
  command -v "${p%%:*}" >/dev/null 2>&1 || need+=("${p#*:}")
done
[[ -f /usr/lib/nginx/modules/ngx_http_dav_ext_module.so ]] || need+=(libnginx-mod-http-dav-ext)
if (( ${#need[@]} )); then
  echo "== installing ${need[*]}"
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi

jar=$(kluis_jar)

work=$(mktemp -d /var/tmp/kluis-bench.XXXXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [[ -f $work/apache/httpd.pid ]] && kill "$(cat "$work/apache/httpd.pid")" 2>/dev/null || true
  sleep 1; [[ -n "${KEEP:-}" ]] || rm -rf "$work"; }
trap cleanup EXIT

echo "== starting the peers and Kluis in $work"
# Apache mod_dav (mod_dav_fs), the way a provider would run it, without authentication.
start_apache "$A"
# nginx with the DAV modules: the GET peer (W3).
mkdir -p "$work/nginx/root" "$work/nginx/tmp"
cat >"$work/nginx.conf" <<EOF
load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;
user root;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 512; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp; uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$N;
    root $work/nginx/root;
    client_max_body_size 0;
    dav_methods PUT DELETE MKCOL COPY MOVE;
    dav_ext_methods PROPFIND OPTIONS;
    create_full_put_path on;
  }
}
EOF
nginx -c "$work/nginx.conf"
# rclone serve webdav (W6 peer).
mkdir -p "$work/rclone"
rclone serve webdav "$work/rclone" --addr 127.0.0.1:$R >"$work/rclone.log" 2>&1 & pids+=($!)
# Kluis: the embedded default, as `./mvnw spring-boot:run` gives it, with mail to a local sink.
python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
java -Xmx256m -jar "$jar" --server.port=$K --kluis.data-dir="$work/kluis" --kluis.base-url=http://127.0.0.1:$K \
  --spring.mail.host=127.0.0.1 --spring.mail.port=$S --logging.level.root=WARN ${KLUIS_ARGS:-} >"$work/kluis.log" 2>&1 & kpid=$!; pids+=($kpid)
wait_http http://127.0.0.1:$K/actuator/health 600; wait_http http://127.0.0.1:$A/; wait_http http://127.0.0.1:$N/; wait_http http://127.0.0.1:$R/

echo "== a customer with an app password (registration through the API, token from the mail)"
customer $K; email=$CUSTOMER_EMAIL; secret=$CUSTOMER_SECRET; password=$BENCH_PASSWORD
KD="http://127.0.0.1:$K/dav/bench"; AD="http://127.0.0.1:$A"; ND="http://127.0.0.1:$N"; RD="http://127.0.0.1:$R"
auth=(-u "$email:$secret")

w1_kluis=skipped; w1_apache=skipped; kluis_fail=skipped
if ! skipped W1; then
echo "== W1 correctness: litmus"
litmus_score() { (cd "$work" && litmus "$@" 2>&1 || true) | sed -n "s/.*summary for \`\([a-z]*\)': of \([0-9]*\) tests run: \([0-9]*\) passed.*/\1 \3\/\2/p" | tr '\n' ' '; }
w1_kluis=$(litmus_score "$KD/" "$email" "$secret"); w1_apache=$(litmus_score "$AD/")
echo "Kluis: $w1_kluis"; echo "Apache: $w1_apache"
kluis_fail=$( (cd "$work" && litmus "$KD/" "$email" "$secret" 2>&1 || true) | grep -c "FAIL" || true)
fi

echo "== test data: ${BIG_MB} MiB file, $SMALL x 4 KiB files"
(openssl enc -aes-256-ctr -pass pass:kluis -nosalt -pbkdf2 </dev/zero 2>/dev/null || true) | head -c $((BIG_MB * 1024 * 1024)) >"$work/big.bin"
big_sha=$(sha256sum "$work/big.bin" | cut -d' ' -f1)
mkdir -p "$work/small"; head -c $((SMALL * 4096)) /dev/urandom | split -b 4096 -a 4 -d - "$work/small/f"  # f0000, f0001, ...
idle_rss_measured=$(awk '/VmRSS/ {print $2}' /proc/$kpid/status)

echo "== warm-up"
curl -sf -o /dev/null "${auth[@]}" -T "$work/big.bin" "$KD/warm.bin"; curl -sf -o /dev/null "${auth[@]}" "$KD/warm.bin"; curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/warm/"
load put "$KD/warm/" 500 4096 8 "$email" "$secret" >/dev/null
curl_many "$(curl_config put "$KD/warm/")" '201|204' "${auth[@]}" >/dev/null; curl_many "$(curl_config get "$KD/warm/")" 200 "${auth[@]}" >/dev/null
curl -sf -o /dev/null "${auth[@]}" -X DELETE "$KD/warm/"; curl -sf -o /dev/null "${auth[@]}" -X DELETE "$KD/warm.bin"

w2k=(0); w2a=(0); w3k=(0); w3n=(0); idle_rss=0; peak_rss=0
if ! skipped W2; then
echo "== W2 PUT ${BIG_MB} MiB (Kluis durable: fsync before 201)"
w2k=(); w2a=(); idle_rss=$idle_rss_measured
for r in $(seq 1 "$RUNS"); do
  sync; w2k+=("$(put_big "$KD/w2.bin" "${auth[@]}")"); curl -sf -o /dev/null "${auth[@]}" -X DELETE "$KD/w2.bin"
  sync; w2a+=("$(put_big "$AD/w2.bin")"); curl -sf -o /dev/null -X DELETE "$AD/w2.bin"
done
echo "== W3 GET ${BIG_MB} MiB"
curl -sf -o /dev/null "${auth[@]}" -T "$work/big.bin" "$KD/big.bin"; cp "$work/big.bin" "$work/nginx/root/big.bin"
[[ $(curl -sf "${auth[@]}" "$KD/big.bin" | sha256sum | cut -d' ' -f1) == "$big_sha" ]] || { echo "W3: Kluis returned other bytes" >&2; exit 1; }
w3k=(); w3n=()
for r in $(seq 1 "$RUNS"); do
  w3k+=("$(curl -sf -o /dev/null -w '%{speed_download}\n' "${auth[@]}" "$KD/big.bin" | awk '{printf "%.1f\n", $1/1e6}')")
  w3n+=("$(curl -sf -o /dev/null -w '%{speed_download}\n' "$ND/big.bin" | awk '{printf "%.1f\n", $1/1e6}')")
done
peak_rss=$(awk '/VmHWM/ {print $2}' /proc/$kpid/status)
fi

echo "== W5 $SMALL x 4 KiB PUT, 8 parallel / W10 the same with a browser session instead of Basic"
session_headers() { # logs in like a browser; prints "Cookie: ...|X-CSRF-TOKEN: ..."
  local jar="$work/cookies.txt"; rm -f "$jar"
  local csrf; csrf=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:$K/login | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" -X POST http://127.0.0.1:$K/login --data-urlencode "email=$email" --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf"
  csrf=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:$K/panel | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  local cookie; cookie=$(awk '$6 ~ /SESSION/ {print $6"="$7}' "$jar" | head -1)
  echo "Cookie: $cookie|X-CSRF-TOKEN: $csrf"
}
w5k=(); w5a=(); w5ck=(); w5ca=(); w10=(0)
skipped W10 || { sess=$(session_headers); w10=(); }
cput_k=$(curl_config put "$KD/w5c/"); cput_a=$(curl_config put "$AD/w5c/")
for r in $(seq 1 "$RUNS"); do
  curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/w5/"; sync
  w5k+=("$(load put "$KD/w5/" "$SMALL" 4096 8 "$email" "$secret" | field per_second)")
  curl -sf -o /dev/null "${auth[@]}" -X DELETE "$KD/w5/"
  curl -sf -o /dev/null -X MKCOL "$AD/w5/"; sync
  w5a+=("$(load put "$AD/w5/" "$SMALL" 4096 8 | field per_second)")
  curl -sf -o /dev/null -X DELETE "$AD/w5/"
  curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/w5c/"; sync
  w5ck+=("$(curl_many "$cput_k" '201|204' "${auth[@]}")")
  curl -sf -o /dev/null "${auth[@]}" -X DELETE "$KD/w5c/"
  curl -sf -o /dev/null -X MKCOL "$AD/w5c/"; sync
  w5ca+=("$(curl_many "$cput_a" '201|204')")
  curl -sf -o /dev/null -X DELETE "$AD/w5c/"
  if ! skipped W10; then
  curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/w10/"; sync
  w10+=("$(DAVLOAD_HEADERS="$sess" load put "http://127.0.0.1:$K/panel/dav/bench/w10/" "$SMALL" 4096 8 | field per_second)")
  curl -sf -o /dev/null "${auth[@]}" -X DELETE "$KD/w10/"
  fi
done

echo "== W6 $SMALL x 4 KiB GET, 8 parallel; W7 PROPFIND Depth 1 on $SMALL entries"
curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/many/"; load put "$KD/many/" "$SMALL" 4096 8 "$email" "$secret" >/dev/null
curl -sf -o /dev/null -X MKCOL "$AD/many/"; load put "$AD/many/" "$SMALL" 4096 8 >/dev/null
curl -sf -o /dev/null -X MKCOL "$RD/many/"; load put "$RD/many/" "$SMALL" 4096 8 >/dev/null
w6k=(); w6r=(); w6ck=(); w6cr=(); w7k=""; w7a=""
cget_k=$(curl_config get "$KD/many/"); cget_r=$(curl_config get "$RD/many/")
for r in $(seq 1 "$RUNS"); do
  w6k+=("$(load get "$KD/many/" "$SMALL" 8 "$email" "$secret" | field per_second)")
  w6r+=("$(load get "$RD/many/" "$SMALL" 8 | field per_second)")
  w6ck+=("$(curl_many "$cget_k" 200 "${auth[@]}")")
  w6cr+=("$(curl_many "$cget_r" 200)")
done
if ! skipped W7; then
w7k=$(load propfind "$KD/many/" $((RUNS * 4)) "$email" "$secret"); w7a=$(load propfind "$AD/many/" $((RUNS * 4)))
fi
w8check=skipped; w9check=skipped; w8k=(0); w8a=(0); w9=(0); w9c=(0)
if ! skipped W8; then
echo "== W8 rclone copy --transfers 8 of $SMALL small files"
export RCLONE_CONFIG="$work/rclone.conf"
obscured=$(rclone obscure "$secret")
printf '[kluis]\ntype = webdav\nurl = %s\nvendor = other\nuser = %s\npass = %s\n[apache]\ntype = webdav\nurl = %s\nvendor = other\n' \
  "$KD/" "$email" "$obscured" "$AD/" >"$RCLONE_CONFIG"
w8k=(); w8a=()
for r in $(seq 1 "$RUNS"); do
  s=$(date +%s.%N); rclone copy --transfers 8 "$work/small" "kluis:w8-$r"; e=$(date +%s.%N); w8k+=("$(echo "$SMALL / ($e - $s)" | bc -l)")
  s=$(date +%s.%N); rclone copy --transfers 8 "$work/small" "apache:w8-$r"; e=$(date +%s.%N); w8a+=("$(echo "$SMALL / ($e - $s)" | bc -l)")
done
rclone check --one-way "$work/small" "kluis:w8-1" >/dev/null 2>&1 && w8check=ok || w8check=MISMATCH
fi

if ! skipped W9; then
echo "== W9 resumable ${BIG_MB} MiB upload in 8 MiB pieces"
w9=(); w9c=()
for r in $(seq 1 "$RUNS"); do
  sync; out=$(load upload "http://127.0.0.1:$K/api/v1" bench "w9-$r.bin" "$work/big.bin" $((8 * 1024 * 1024)) "$email" "$secret")
  w9+=("$(echo "$out" | field mb_per_second)"); w9c+=("$(echo "$out" | field complete_ms)")
  curl -sf -o /dev/null "${auth[@]}" -X DELETE "$KD/w9-$r.bin"
done
[[ $(curl -sf "${auth[@]}" "$KD/big.bin" | sha256sum | cut -d' ' -f1) == "$big_sha" ]] && w9check=ok || w9check=MISMATCH
fi

read -r w2km w2kn w2kx <<<"$(printf '%s\n' "${w2k[@]}" | median)"; read -r w2am w2an w2ax <<<"$(printf '%s\n' "${w2a[@]}" | median)"
read -r w3km w3kn w3kx <<<"$(printf '%s\n' "${w3k[@]}" | median)"; read -r w3nm w3nn w3nx <<<"$(printf '%s\n' "${w3n[@]}" | median)"
read -r w5km w5kn w5kx <<<"$(printf '%s\n' "${w5k[@]}" | median)"; read -r w5am w5an w5ax <<<"$(printf '%s\n' "${w5a[@]}" | median)"
read -r w6km w6kn w6kx <<<"$(printf '%s\n' "${w6k[@]}" | median)"; read -r w6rm w6rn w6rx <<<"$(printf '%s\n' "${w6r[@]}" | median)"
read -r w5ckm w5ckn w5ckx <<<"$(printf '%s\n' "${w5ck[@]}" | median)"; read -r w5cam w5can w5cax <<<"$(printf '%s\n' "${w5ca[@]}" | median)"
read -r w6ckm w6ckn w6ckx <<<"$(printf '%s\n' "${w6ck[@]}" | median)"; read -r w6crm w6crn w6crx <<<"$(printf '%s\n' "${w6cr[@]}" | median)"
# the ratio of each round (Kluis and its peer ran one after the other): min/median/max
ratios() { paste -d' ' <(printf '%s\n' "${!1}") <(printf '%s\n' "${!2}") | awk '$2 > 0 {print 1000 * $1 / $2}' | median | awk '{printf "%.2f× (%.2f–%.2f)", $1 / 1000, $2 / 1000, $3 / 1000}'; }
read -r w8km w8kn w8kx <<<"$(printf '%s\n' "${w8k[@]}" | median)"; read -r w8am w8an w8ax <<<"$(printf '%s\n' "${w8a[@]}" | median)"
read -r w9m w9n w9x <<<"$(printf '%s\n' "${w9[@]}" | median)"; read -r w9cm w9cn w9cx <<<"$(printf '%s\n' "${w9c[@]}" | median)"
read -r w10m w10n w10x <<<"$(printf '%s\n' "${w10[@]}" | median)"
w7km=$(echo "$w7k" | field median_ms); w7km=${w7km:-0}; w7am=$(echo "$w7a" | field median_ms)
w7kn=$(echo "$w7k" | field min_ms); w7kx=$(echo "$w7k" | field max_ms); w7an=$(echo "$w7a" | field min_ms); w7ax=$(echo "$w7a" | field max_ms)
growth=$(( (peak_rss - idle_rss) / 1024 ))

table=$(cat <<EOF
| id | what | Kluis median (min–max) | peer median (min–max) | ratio | target |
|---|---|---|---|---|---|
| W1 | litmus | $w1_kluis | Apache: $w1_apache | — | 100 % |
| W2 | PUT ${BIG_MB} MiB, MB/s | $w2km ($w2kn–$w2kx) | Apache $w2am ($w2an–$w2ax) | $(ratio "$w2km" "$w2am")× | ≥ 1.0× |
| W3 | GET ${BIG_MB} MiB, MB/s | $w3km ($w3kn–$w3kx) | nginx $w3nm ($w3nn–$w3nx) | $(ratio "$w3km" "$w3nm")× | ≥ 0.6× and ≥ 1000 MB/s |
| W4 | RSS growth during W2+W3 | $growth MiB (idle $((idle_rss / 1024)) MiB, peak $((peak_rss / 1024)) MiB) | — | — | ≤ 64 MiB |
| W5 | $SMALL × 4 KiB PUT, 8 parallel, files/s (DavLoad.java) | $w5km ($w5kn–$w5kx) | Apache $w5am ($w5an–$w5ax) | $(ratio "$w5km" "$w5am")×; per round $(ratios 'w5k[@]' 'w5a[@]') | ≥ 1.0× |
| W5 | the same with curl --parallel --parallel-max 8 | $w5ckm ($w5ckn–$w5ckx) | Apache $w5cam ($w5can–$w5cax) | $(ratio "$w5ckm" "$w5cam")×; per round $(ratios 'w5ck[@]' 'w5ca[@]') | ≥ 1.0× |
| W6 | $SMALL × 4 KiB GET, 8 parallel, files/s (DavLoad.java) | $w6km ($w6kn–$w6kx) | rclone serve $w6rm ($w6rn–$w6rx) | $(ratio "$w6km" "$w6rm")×; per round $(ratios 'w6k[@]' 'w6r[@]') | ≥ 1.0× |
| W6 | the same with curl --parallel --parallel-max 8 | $w6ckm ($w6ckn–$w6ckx) | rclone serve $w6crm ($w6crn–$w6crx) | $(ratio "$w6ckm" "$w6crm")×; per round $(ratios 'w6ck[@]' 'w6cr[@]') | ≥ 1.0× |
| W7 | PROPFIND Depth 1, $SMALL entries, ms | $w7km ($w7kn–$w7kx) | Apache $w7am ($w7an–$w7ax) | $(ratio "$w7km" "$w7am")× time | ≤ 1.0× |
| W8 | rclone copy --transfers 8, $SMALL files, files/s | $w8km ($w8kn–$w8kx), check $w8check | Apache $w8am ($w8an–$w8ax) | $(ratio "$w8km" "$w8am")× | ≥ 1.0× |
| W9 | resumable ${BIG_MB} MiB in 8 MiB pieces, MB/s; completion ms | $w9m ($w9n–$w9x); $w9cm ms | Kluis single PUT $w2km | $(ratio "$w9m" "$w2km")× | ≥ 0.9×; ≤ 2000 ms |
| W10 | W5 with Basic on every request vs a browser session, files/s | $w5km | session $w10m ($w10n–$w10x) | $(ratio "$w5km" "$w10m")× | ≥ 0.9× |
EOF
)
# rows of what was left out say so
for w in $SKIP; do table=$(awk -v w="$w" -F'|' 'BEGIN {OFS="|"} ($2 == " " w " " || (w == "W2" && ($2 == " W3 " || $2 == " W4 "))) {print $1, $2, $3, " skipped ", " — ", " — ", $7, ""; next} {print}' <<<"$table"); done
echo; echo "$table"

{
  echo "## Storage (bench/webdav.sh)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r);"
  echo "$(java -version 2>&1 | head -1); Kluis $(basename "$jar") on the embedded H2 database and filesystem blobs at -Xmx256m,"
  echo "HTTP Basic with an app password on every request; Apache $(apache2 -v | sed -n 's/Server version: //p'), nginx $(nginx -v 2>&1 | sed 's/.*\///'), rclone $(rclone version | head -1 | awk '{print $2}'), no authentication."
  echo "RUNS=$RUNS alternating runs per figure, BIG_MB=$BIG_MB, SMALL=$SMALL. Checksums: W3 $([[ -n $big_sha ]] && echo ok), W8 $w8check, W9 $w9check; litmus failures on Kluis: $kluis_fail."
  echo
  echo "$table"
} >"$work/section.md"
[[ "${DOC:-1}" == 0 ]] || write_section "Storage (bench/webdav.sh)" "$work/section.md"
