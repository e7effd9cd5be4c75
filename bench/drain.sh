#!/usr/bin/env bash
# Processing benchmark (run by hand): queue updates through the webhook with the runner off for a
# few seconds, restart Sift with the runner on, and time until every update is stored and analysed
# (telegram-updates and message-analysis both empty), and the CPU it took per message.
#   bench/drain.sh [seconds of load=4] [host.json to use instead of the project's]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-4}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release Functions -o "$work/sift" -v q -nologo >/dev/null
if [ -n "${2:-}" ]; then cp "$2" "$work/sift/host.json"; fi
python3 bench/fake_telegram.py 18081 & pids+=($!)
master=$(head -c 32 /dev/urandom | base64)
bot=123456789
secret=$(python3 bench/webhook_secret.py "$master" "$bot")

start() { # triggers
  dotnet "$work/sift/Functions.dll" --urls http://127.0.0.1:18093 --Storage:Path="$work/data" --Secrets:Key="$master" \
    --Auth:BootstrapAdminKey=bench-admin-key-0123456789abcdefghijkl --Telegram:ApiBaseUrl=http://127.0.0.1:18081 --Triggers:Enabled="$1" \
    --Logging:LogLevel:Default=Warning >"$work/sift.log" 2>&1 & sift=$!; pids+=($sift)
  until curl -sf http://127.0.0.1:18093/api/health >/dev/null; do sleep 0.02; done
}
queued() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from messages where queue in ('telegram-updates', 'message-analysis')\").fetchone()[0])" "$work/data/queues.db"; }

start false
curl -sf -X POST http://127.0.0.1:18093/api/bots -H 'X-Api-Key: bench-admin-key-0123456789abcdefghijkl' -H 'content-type: application/json' \
  -d "{\"token\": \"$bot:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ\"}" >/dev/null
wrk -t2 -c32 -d"${seconds}s" -s bench/webhook.lua "http://127.0.0.1:18093/api/telegram/webhook/$bot" -- "$secret" >/dev/null
kill "$sift"; wait "$sift" 2>/dev/null || true
total=$(queued)

t0=$(date +%s.%N)
start true
until [ "$(queued)" = 0 ]; do sleep 0.1; done
elapsed=$(echo "$(date +%s.%N) - $t0" | bc)
# CPU time of the process (user + system, start-up included): steadier than the rate on a shared machine.
cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$sift/stat")
echo "stored and analysed $total queued updates in ${elapsed}s (start-up included): $(echo "$total / $elapsed" | bc) messages/s, $(nproc) cores"
echo "CPU $(echo "scale=3; $cpu_ms / $total" | bc) ms per message (user + system, start-up included)"
