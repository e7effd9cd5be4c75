#!/usr/bin/env bash
# Sustained load (run by hand): the webhook paced at a steady rate, every update a new message of one
# supergroup, with the runner on; reports the rate accepted, the backlog when the load ends, the time
# until every update is stored and analysed as a ratio of the load time, and the CPU per message.
# Unlike webhook.sh's end-to-end figure (wrk's closed loop, which accepts as fast as the CPU left to
# the webhook allows), this asks whether processing keeps pace with a given rate.
#   bench/sustained.sh [requests/s=500] [seconds of load=30] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-500}
seconds=${2:-30}
connections=${3:-32}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release Functions -o "$work/sift" -v q -nologo >/dev/null
python3 bench/fake_telegram.py 18081 & pids+=($!)
master=$(head -c 32 /dev/urandom | base64)
bot=123456789
secret=$(python3 bench/webhook_secret.py "$master" "$bot")
dotnet "$work/sift/Functions.dll" --urls http://127.0.0.1:18094 --Storage:Path="$work/data" --Secrets:Key="$master" \
  --Auth:BootstrapAdminKey=bench-admin-key-0123456789abcdefghijkl --Telegram:ApiBaseUrl=http://127.0.0.1:18081 \
  --Logging:LogLevel:Default=Warning >"$work/sift.log" 2>&1 & sift=$!; pids+=($sift)
until curl -sf http://127.0.0.1:18094/api/health >/dev/null; do sleep 0.02; done
curl -sf -X POST http://127.0.0.1:18094/api/bots -H 'X-Api-Key: bench-admin-key-0123456789abcdefghijkl' -H 'content-type: application/json' \
  -d "{\"token\": \"$bot:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ\"}" >/dev/null

sql() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0] or 0)" "$@"; }
queued() { sql "$work/data/queues.db" "select count(*) from messages where queue in ('telegram-updates', 'message-analysis')"; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$sift/stat"; }

# Each connection pauses before each request, so the rate is a little under the one asked for (the
# pause does not count the response time); the rate reported is what was sent.
pause=$((connections * 1000 / rate))
t0=$(date +%s.%N)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/webhook.lua "http://127.0.0.1:18094/api/telegram/webhook/$bot" -- "$secret" "$pause" >"$work/wrk.txt"
loaded=$(echo "$(date +%s.%N) - $t0" | bc)
backlog=$(queued)
until [ "$(queued)" = 0 ]; do sleep 0.2; done
drained=$(echo "$(date +%s.%N) - $t0" | bc)
stored=$(sql "$work/data/sift.db" "select count(*) from doc_messages where json_extract(body, '$.analysis') is not null")

echo "sustained load: ${rate} requests/s asked, $(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") sent, for ${seconds}s over $connections connections, $(nproc) cores, $(git rev-parse --short HEAD)"
echo "webhook p99 $(awk '$1 == "99%" {print $2}' "$work/wrk.txt"), non-2xx $(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt" | grep . || echo 0); backlog when the load ended: $backlog"
echo "all $stored stored and analysed ${drained}s after the load began ($(echo "scale=2; $drained / $loaded" | bc)x the load time); CPU $(echo "scale=2; $(cpu_ms) / $stored" | bc) ms per message (start-up included); peak RSS $(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$sift/status") MB"
