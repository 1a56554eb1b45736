#!/usr/bin/env bash
# Issue 10 §8: an invoice run for N active subscriptions (100 000 by default) on PostgreSQL, through the
# packaged jar's `billing invoice-run` (the code path of the scheduled jobs: each term end renews in a
# transaction of its own and records its obligation; each obligation is issued with its gap-free number,
# sealed buyer and queued mail), with the total time, invoices per second, the time to the first and last
# invoice and the mails queued; then checks that the year's numbers are 1..N without gap or duplicate.
#
# The peer, side by side: the same N invoices (with their lines and VAT rows) written into scratch copy
# tables by one INSERT … SELECT each, numbered by row_number() — the lower bound the database allows for
# writing these rows, without any of the work that makes an invoice (locks, sealing, the ledger, the mail).
#
# Seeding. The N subscriptions are inserted with generate_series into billing_subscriptions, their term
# over an hour ago. Their owners cannot be seeded that way: an account's email and a billing profile are
# sealed under the account's data key (AES-GCM bound to the account, the key wrapped by this installation's
# epoch key), which only the application can do, and Kluis has (on purpose) no bulk seeding command. So
# CUSTOMERS accounts (100 by default) are registered, verified and given a billing profile through the
# public API — the real flow, each with its Argon2 hash — and the N subscriptions are spread over them.
# What differs from N distinct customers: each invoice seals the buyer under a per-account-and-year
# fiscal key, created by the first invoice of that account and year (one INSERT into crypto_data_keys
# and one AES-GCM wrap); here CUSTOMERS keys are created instead of N, and the accounts' data keys stay in
# the key cache. Each invoice still seals its buyer and email, reads the account and opens its profile.
#
# Usage: bench/billing.sh                      (the jar in target/, built if missing)
#        N=10000 CUSTOMERS=100 JFR=1 KEEP=1 PORT_BASE=18280 bench/billing.sh
#   JFR=1 records the invoice run with Java Flight Recorder and prints the top frames (bench/JfrTop.java).
#   KEEP=1 keeps the scratch directory and the scratch database.
#   WRITE=1 writes the section "Billing" of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
N=${N:-100000}
CUSTOMERS=${CUSTOMERS:-100}
P=${PORT_BASE:-18280}; K=$P; S=$((P - 55))
db="kluis_bench_billing_$$"
psql_() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
jar=$(kluis_jar)
work=$(mktemp -d /var/tmp/kluis-billing.XXXXXX); chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1
  if [[ -z "${KEEP:-}" ]]; then rm -rf "$work"; dropdb -h 127.0.0.1 -U postgres --if-exists "$db" || true
  else echo "kept $work and database $db"; fi
}
trap cleanup EXIT

createdb -h 127.0.0.1 -U postgres "$db"
export KLUIS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" KLUIS_DB_USER=postgres KLUIS_DATA_DIR="$work/kluis" \
  KLUIS_BASE_URL="http://127.0.0.1:$K" SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$S

echo "== Kluis on PostgreSQL ($db): $CUSTOMERS customers through the API"
python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
java -Xmx512m -jar "$jar" --server.port=$K --logging.level.root=WARN >"$work/kluis.log" 2>&1 & kpid=$!; pids+=($kpid)
wait_http "http://127.0.0.1:$K/actuator/health" 600
api() { curl -sf -o /dev/null -H 'Content-Type: application/json' "$@"; }
for i in $(seq 1 "$CUSTOMERS"); do
  api -X POST "http://127.0.0.1:$K/api/v1/accounts" -d "{\"email\":\"billing-$i@example.org\",\"password\":\"$BENCH_PASSWORD\",\"firstName\":\"Bench\",\"lastName\":\"Mark\",\"street\":\"Damrak 1\",\"postalCode\":\"1012 LG\",\"city\":\"Amsterdam\",\"country\":\"NL\",\"dateOfBirth\":\"1980-01-01\",\"language\":\"en\"}"
done
tokens() {
  python3 - "$work/mail.txt" "$K" <<'PY'
import quopri, re, sys
raw = open(sys.argv[1], 'rb').read()
text = (quopri.decodestring(raw) if b'quoted-printable' in raw.lower() else raw).decode(errors='replace')
print('\n'.join(sorted(set(re.findall(r'127\.0\.0\.1:' + sys.argv[2] + r'/[^\s"]*verify\?token=([A-Za-z0-9_\-%]+)', text)))))
PY
}
for _ in $(seq 1 240); do [[ $(tokens | grep -c .) -ge $CUSTOMERS ]] && break; sleep 0.5; done
[[ $(tokens | grep -c .) -ge $CUSTOMERS ]] || { echo "only $(tokens | grep -c .) of $CUSTOMERS verification mails arrived" >&2; exit 1; }
while read -r token; do api -X POST "http://127.0.0.1:$K/api/v1/accounts/verification" -d "{\"token\":\"$token\"}"; done < <(tokens)
for i in $(seq 1 "$CUSTOMERS"); do
  secret=$(curl -sf -u "billing-$i@example.org:$BENCH_PASSWORD" -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$K/api/v1/app-passwords" -d '{"name":"bench","scopes":["api:write"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
  api -u "billing-$i@example.org:$secret" -X PUT "http://127.0.0.1:$K/api/v1/me/billing-profile" -d "{\"name\":\"Bench Mark $i\",\"street\":\"Damrak $i\",\"postalCode\":\"1012 LG\",\"city\":\"Amsterdam\",\"country\":\"NL\"}"
done
# The server stops before the subscriptions exist: its own jobs would otherwise start the run.
kill "$kpid"; wait "$kpid" 2>/dev/null || true
profiles=$(psql_ -c "select count(*) from billing_profiles")
[[ $profiles -eq $CUSTOMERS ]] || { echo "$profiles billing profiles, expected $CUSTOMERS" >&2; exit 1; }

echo "== seeding $N monthly subscriptions (generate_series), their term over an hour ago"
psql_ <<SQL
with customers as (select id, row_number() over (order by id) - 1 as k from identity_accounts where kind = 'CUSTOMER')
insert into billing_subscriptions (id, account_id, order_id, plan_id, kind, product_name, plan_name, period, price,
    quota_bytes, status, period_start, period_end, cancelled_at, ended_at, created_at)
select gen_random_uuid(), c.id, gen_random_uuid(), '00000000-0000-0000-0000-00000000b111', 'HOSTING', 'Webhosting',
    'Basic', 'MONTH', 4.95, null, 'ACTIVE', now() - interval '1 month 1 hour', now() - interval '1 hour',
    null, null, now() - interval '1 month 1 hour'
from generate_series(0, $N - 1) g join customers c on c.k = g % $CUSTOMERS;
analyze;
SQL
before=$(psql_ -c "select count(*) from billing_invoices")
mails_before=$(psql_ -c "select count(*) from notifications_outbox where template = 'billing/invoice'")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
db_stats() { psql_ -F' ' -c "select pg_stat_force_next_flush()" -c "select xact_commit, tup_inserted + tup_updated + tup_deleted from pg_stat_database where datname = current_database()" | tail -1; }
read -r commits_before rows_before <<<"$(db_stats)"
echo "== the invoice run: java -jar kluis.jar billing invoice-run (load average before: $load_before)"
jfr=(); [[ -n "${JFR:-}" ]] && jfr=("-XX:StartFlightRecording=filename=$work/run.jfr,settings=profile")
start=$(date +%s.%N)
status=0
java -Xmx1g "${jfr[@]}" -jar "$jar" billing invoice-run >"$work/run.out" 2>"$work/run.err" || status=$?
end=$(date +%s.%N)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
sleep 1; read -r commits_after rows_after <<<"$(db_stats)"
cat "$work/run.out"
[[ $status -eq 0 ]] || { echo "billing invoice-run exited $status" >&2; grep -vE '^\s+at ' "$work/run.err" | tail -20 >&2; exit 1; }

read -r issued first last <<<"$(psql_ -F' ' -c "select count(*), extract(epoch from min(issued_at)), extract(epoch from max(issued_at)) from billing_invoices")"
issued=$((issued - before))
mails=$(( $(psql_ -c "select count(*) from notifications_outbox where template = 'billing/invoice'") - mails_before ))
total=$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", e - s}')
rate=$(awk -v n="$issued" -v s="$start" -v e="$end" 'BEGIN {printf "%.0f", n / (e - s)}')
to_first=$(awk -v s="$start" -v f="$first" 'BEGIN {printf "%.1f", f - s}')
to_last=$(awk -v s="$start" -v l="$last" 'BEGIN {printf "%.1f", l - s}')
per_invoice=$(awk -v c=$((commits_after - commits_before)) -v r=$((rows_after - rows_before)) -v n="$N" 'BEGIN {printf "%.1f commits and %.1f rows written", c / n, r / n}')
steady=$(awk -v n="$issued" -v f="$first" -v l="$last" 'BEGIN {printf "%.0f", (n - 1) / (l - f)}')

echo "== gap-free numbers"
year=$(psql_ -c "select max(fiscal_year) from billing_invoices")
read -r count low high distinct dup_numbers <<<"$(psql_ -F' ' -c "select count(*), min(sequence_number), max(sequence_number), count(distinct sequence_number), count(*) - count(distinct invoice_number) from billing_invoices where fiscal_year = $year")"
counter=$(psql_ -c "select last_number from billing_invoice_counters where fiscal_year = $year")
gaps=$(psql_ -c "select count(*) from (select sequence_number - lag(sequence_number) over (order by sequence_number) as step from billing_invoices where fiscal_year = $year) s where step <> 1")
ledger=$(psql_ -c "select count(*) from billing_subscription_invoices where status = 'ISSUED'")
per_sub=$(psql_ -c "select count(*) from (select subscription_id from billing_subscription_invoices group by subscription_id, kind, period_start having count(*) > 1) d")
ordered=$(psql_ -c "select count(*) from (select issued_at < lag(issued_at) over (order by sequence_number) as back from billing_invoices where fiscal_year = $year) s where back")
echo "year $year: $count invoices, numbers $low..$high, $distinct distinct, $dup_numbers duplicate numbers, $gaps gaps; counter at $counter; issue times out of number order: $ordered; ledger ISSUED $ledger, duplicate obligations $per_sub"
if [[ $issued -ne $N || $low -ne 1 || $high -ne $count || $distinct -ne $count || $dup_numbers -ne 0 || $gaps -ne 0 \
  || $counter -ne $count || $ordered -ne 0 || $ledger -ne $N || $per_sub -ne 0 || $mails -ne $N ]]; then
  echo "FAILED: expected $N invoices numbered 1..$N without gap or duplicate, in issue order, one per subscription, and $N mails (issued $issued, mails $mails)" >&2
  exit 1
fi
echo "ok: numbers 1..$count, no gap, no duplicate, in issue order; one invoice and one mail per subscription"

echo "== peer: the same $N invoices, lines and VAT rows by INSERT … SELECT, numbered by row_number()"
peer_start=$(date +%s.%N)
psql_ <<'SQL'
begin;
create table bench_invoices (like billing_invoices including all);
create table bench_invoice_lines (like billing_invoice_lines including all);
create table bench_invoice_vat (like billing_invoice_vat including all);
insert into bench_invoices
select gen_random_uuid(), to_char(fiscal_year, 'FM0000') || '-' || to_char(n, 'FM000000'), fiscal_year, n, kind,
    account_id, customer_number, preceding_id, preceding_number, preceding_date, credit_reason, issued_at,
    issue_date, due_date, period_start, period_end, buyer_language, currency, payment_reference,
    vat_scheme, vies_reference, buyer_country, fiscal_subject_id, buyer_sealed, buyer_email_sealed,
    buyer_email_index, seller_json, line_total, tax_exclusive, vat_total, tax_inclusive, note, minimised_at
from (select i.*, row_number() over (order by issued_at, id) as n from billing_invoices i) s;
insert into bench_invoice_lines select * from billing_invoice_lines;
insert into bench_invoice_vat select * from billing_invoice_vat;
commit;
SQL
peer_end=$(date +%s.%N)
peer_total=$(awk -v s="$peer_start" -v e="$peer_end" 'BEGIN {printf "%.2f", e - s}')
peer_rate=$(awk -v n="$issued" -v s="$peer_start" -v e="$peer_end" 'BEGIN {printf "%.0f", n / (e - s)}')
ratio_=$(ratio "$peer_rate" "$rate")

jfr_top=""
if [[ -n "${JFR:-}" ]]; then
  echo "== where the run's CPU went (JFR, top frames)"
  jfr_top=$(java bench/JfrTop.java "$work/run.jfr" 2>&1 | head -60); echo "$jfr_top"
fi

echo
echo "N=$N on $CUSTOMERS customers: invoice run ${total}s (JVM start and migrations check included), $rate invoices/s;"
echo "  first invoice after ${to_first}s, last after ${to_last}s ($steady invoices/s between them); $mails mails queued"
echo "  per invoice: $per_invoice (pg_stat_database, the whole run)"
echo "  peer INSERT … SELECT: ${peer_total}s, $peer_rate invoices/s; ratio peer/Kluis $ratio_"
echo "  load average (1, 5, 15 min) before the run $load_before, right after it $load_after"
echo "RESULT N=$N customers=$CUSTOMERS total=$total rate=$rate first=$to_first last=$to_last steady=$steady mails=$mails peer=$peer_total peer_rate=$peer_rate ratio=$ratio_ per_invoice=\"$per_invoice\" load_before=$load_before load_after=$load_after"
