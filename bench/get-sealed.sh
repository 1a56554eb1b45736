#!/usr/bin/env bash
# W3 alone, quickly: GET of one large file from a plain (sealed at rest) space, Kluis against nginx
# serving the same bytes from disk, RUNS alternating runs each. For checking the ≥ 1 GB/s target of
# sealed GETs without the whole of bench/webdav.sh. Prints the figures; writes nothing.
# Usage: bench/get-sealed.sh   (BIG_MB=1024 RUNS=5)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
BIG_MB=${BIG_MB:-1024}
RUNS=${RUNS:-5}
K=18190; N=18192; S=18195
command -v nginx >/dev/null || { echo "nginx is needed (apt-get install nginx)" >&2; exit 1; }
jar=$(kluis_jar)
work=$(mktemp -d /var/tmp/kluis-bench.XXXXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; sleep 1; [[ -n "${KEEP:-}" ]] || rm -rf "$work"; }
trap cleanup EXIT

python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
java -Xmx256m -jar "$jar" --server.port=$K --kluis.data-dir="$work/kluis" --kluis.base-url=http://127.0.0.1:$K \
  --spring.mail.host=127.0.0.1 --spring.mail.port=$S --logging.level.root=WARN >"$work/kluis.log" 2>&1 & pids+=($!)
mkdir -p "$work/www"
cat >"$work/nginx.conf" <<CONF
worker_processes 1; pid $work/nginx.pid; error_log $work/nginx-error.log; daemon on;
events { worker_connections 64; }
http { access_log off; sendfile on; server { listen 127.0.0.1:$N; root $work/www; } }
CONF
head -c $((BIG_MB * 1024 * 1024)) /dev/urandom > "$work/www/big.bin"
nginx -c "$work/nginx.conf"
wait_http http://127.0.0.1:$K/actuator/health
customer $K
curl -sf -o /dev/null -u "$CUSTOMER_EMAIL:$CUSTOMER_SECRET" -T "$work/www/big.bin" "http://127.0.0.1:$K/dav/bench/big.bin"
sha=$(sha256sum < "$work/www/big.bin" | cut -d' ' -f1)
[[ $(curl -sf -u "$CUSTOMER_EMAIL:$CUSTOMER_SECRET" "http://127.0.0.1:$K/dav/bench/big.bin" | sha256sum | cut -d' ' -f1) == "$sha" ]] \
  || { echo "Kluis returned other bytes" >&2; exit 1; }
kluis=(); peer=()
for _ in $(seq 1 "$RUNS"); do
  kluis+=("$(curl -sf -o /dev/null -u "$CUSTOMER_EMAIL:$CUSTOMER_SECRET" -w '%{speed_download}' "http://127.0.0.1:$K/dav/bench/big.bin" | awk '{printf "%.1f", $1/1e6}')")
  peer+=("$(curl -sf -o /dev/null -w '%{speed_download}' "http://127.0.0.1:$N/big.bin" | awk '{printf "%.1f", $1/1e6}')")
done
read -r km kn kx < <(printf "%s\n" "${kluis[@]}" | median; echo) || true
read -r nm nn nx < <(printf "%s\n" "${peer[@]}" | median; echo) || true
echo "W3 sealed GET ${BIG_MB} MiB: Kluis $km MB/s ($kn–$kx), nginx $nm MB/s ($nn–$nx), ratio $(ratio "$km" "$nm")× (targets ≥ 0.6× and ≥ 1000 MB/s); load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
