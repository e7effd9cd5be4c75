#!/usr/bin/env bash
# Webhook benchmark (run by hand): accept path, end to end, cold start and memory, each next to
# a bare Kestrel endpoint measured in the same run. Needs wrk (apt-get install wrk) and python3.
#   bench/webhook.sh [duration=10s] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
connections=${2:-32}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release Functions -o "$work/sift" -v q -nologo >/dev/null
dotnet build -c Release bench/BareKestrel -o "$work/bare" -v q -nologo >/dev/null
python3 bench/fake_telegram.py 18081 & pids+=($!)

master=$(head -c 32 /dev/urandom | base64)
bot=123456789
secret=$(python3 bench/webhook_secret.py "$master" "$bot")

# Starts a server; sets $cold to the seconds from process start to the first 200 on /api/health.
start() { # name port command...
  local name=$1 port=$2; shift 2
  local t0; t0=$(date +%s.%N)
  "$@" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 & pids+=($!)
  until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do sleep 0.005; done
  cold=$(echo "$(date +%s.%N) - $t0" | bc)
}

sift() { # name port triggers
  start "$1" "$2" dotnet "$work/sift/Functions.dll" --Storage:Path="$work/data-$1" --Secrets:Key="$master" \
    --Auth:BootstrapAdminKey=bench-admin-key-0123456789abcdefghijkl --Telegram:ApiBaseUrl=http://127.0.0.1:18081 --Triggers:Enabled="$3" \
    --Logging:LogLevel:Default=Warning
}

rss() { ps -o rss= -p "$(lsof -t -i TCP:"$1" -s TCP:LISTEN | head -n1)" | awk '{printf "%.0f", $1/1024}'; }


load() { # port -> "requests/s p99 non-2xx", after a warm-up that lets the JIT settle
  wrk -t2 -c"$connections" -d3s -s bench/webhook.lua "http://127.0.0.1:$1/api/telegram/webhook/$bot" -- "$secret" >/dev/null
  wrk -t2 -c"$connections" -d"$duration" --latency -s bench/webhook.lua "http://127.0.0.1:$1/api/telegram/webhook/$bot" -- "$secret" >"$work/wrk.txt"
  local rate p99
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  local errors; errors=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
  echo "$rate $p99 ${errors:-0}"
}

register() { curl -sf -X POST "http://127.0.0.1:$1/api/bots" -H 'X-Api-Key: bench-admin-key-0123456789abcdefghijkl' -H 'content-type: application/json' \
  -d "{\"token\": \"$bot:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ\"}" >/dev/null; }

count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }

start bare 18090 dotnet "$work/bare/BareKestrel.dll"; bare_cold=$cold
read -r bare_rate bare_p99 _ <<<"$(load 18090)"

sift accept 18091 false; accept_cold=$cold
register 18091
read -r accept_rate accept_p99 accept_errors <<<"$(load 18091)"
accept_rss=$(rss 18091)
queued=$(count "$work/data-accept/queues.db" "select count(*) from messages where queue='telegram-updates'")

sift e2e 18092 true
register 18092
t0=$(date +%s.%N)
read -r e2e_rate e2e_p99 e2e_errors <<<"$(load 18092)"
e2e_rss=$(rss 18092)
backlog=$(count "$work/data-e2e/queues.db" "select count(*) from messages where queue='telegram-updates'")
until [ "$(count "$work/data-e2e/queues.db" "select count(*) from messages where queue='telegram-updates'")" = 0 ]; do sleep 0.2; done
drained=$(echo "$(date +%s.%N) - $t0" | bc)
stored=$(count "$work/data-e2e/sift.db" "select count(*) from doc_messages")

cat <<REPORT
webhook benchmark: wrk -t2 -c$connections -d$duration, ~400-byte updates, $(nproc) cores
bare Kestrel          ${bare_rate} req/s  p99 ${bare_p99}  cold start ${bare_cold}s
accept path (queued)  ${accept_rate} req/s  p99 ${accept_p99}  non-2xx ${accept_errors}  queued ${queued}  RSS ${accept_rss} MB  cold start ${accept_cold}s
  ratio to bare       $(echo "scale=2; $accept_rate / $bare_rate" | bc)x rate, $(echo "scale=2; $accept_cold / $bare_cold" | bc)x cold start
end to end            ${e2e_rate} req/s  p99 ${e2e_p99}  non-2xx ${e2e_errors}  backlog at end of load ${backlog}  all ${stored} stored ${drained}s after load began  RSS ${e2e_rss} MB
REPORT
