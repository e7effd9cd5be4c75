#!/usr/bin/env bash
# Webhook benchmark (run by hand; figures go to bench/RESULTS.md): every server in turn on the same
# load, alone on the machine, so the ratios come from one run.
#   bare Kestrel      a minimal API that reads the body and answers 200 (the anchor)
#   kestrel-queue     bare Kestrel + SQLite group commit, nothing else (the ceiling of that design)
#   FastAPI           uvicorn with 2 workers, secret check, one SQLite commit per update
#   Sift accept       the webhook with the runner off: update durably queued before the 200
#   Sift end to end   the runner on: the load, then the time until every update is stored and analysed
# and cold start (process start to the first 200 on /api/health, store created and migrated) of
# bare Kestrel and Sift. Needs wrk and Debian's python3-fastapi/python3-uvicorn (apt-get install
# wrk python3-fastapi python3-uvicorn) and the .NET SDK.
#   bench/webhook.sh [duration=10s] [connections=32] [cold start runs=7]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
connections=${2:-32}
cold_runs=${3:-7}
python=/usr/bin/python3 # Debian's, which has fastapi and uvicorn
source bench/common.sh

# Published as deployed (self-contained, one composite ReadyToRun image with the framework, for
# linux-x64), and the peers the same way; each publish compiles the framework (minutes).
dotnet publish Standalone -o "$work/sift" -v q -nologo >/dev/null
peer() { dotnet publish "bench/$1" -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$work/$2" -v q -nologo >/dev/null; }
peer BareKestrel bare
peer KestrelQueue queue

server=
start() { # port command... ; waits for /api/health
  "${@:2}" >"$work/server-$1.log" 2>&1 & server=$!; pids+=($server)
  healthy "$1"
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; }

load() { # port -> "requests/s p99 non-2xx", after a warm-up that lets the JIT settle
  local url="http://127.0.0.1:$1/api/telegram/webhook/$bot"
  wrk -t2 -c"$connections" -d5s -s bench/webhook.lua "$url" -- "$secret" >/dev/null
  wrk -t2 -c"$connections" -d"$duration" --latency -s bench/webhook.lua "$url" -- "$secret" >"$work/wrk.txt"
  local errors; errors=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
  echo "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") $(awk '$1 == "99%" {print $2}' "$work/wrk.txt") ${errors:-0}"
}

start 18090 dotnet "$work/bare/BareKestrel.dll" --urls http://127.0.0.1:18090
read -r bare_rate bare_p99 _ <<<"$(load 18090)"; stop

start 18091 dotnet "$work/queue/KestrelQueue.dll" --urls http://127.0.0.1:18091 --Database "$work/kestrel-queue.db"
read -r queue_rate queue_p99 _ <<<"$(load 18091)"; stop

start 18092 env SECRET="$secret" DB="$work/fastapi.db" $python -m uvicorn --app-dir bench fastapi_peer:app --workers 2 --port 18092 --log-level warning --no-access-log
read -r fastapi_rate fastapi_p99 fastapi_errors <<<"$(load 18092)"; stop

# shellcheck disable=SC2086
start 18093 dotnet "$work/sift/Standalone.dll" --urls http://127.0.0.1:18093 --Storage:Path="$work/accept" --Triggers:Enabled=false $sift_args
register 18093
read -r accept_rate accept_p99 accept_errors <<<"$(load 18093)"
accept_rss=$(peak_rss "$server"); stop
accept_queued=$(queued "$work/accept")

# End to end: the load with the runner on, then wait until both queues are empty.
# shellcheck disable=SC2086
start 18095 dotnet "$work/sift/Standalone.dll" --urls http://127.0.0.1:18095 --Storage:Path="$work/e2e" --Triggers:Enabled=true $sift_args
register 18095
t0=$(date +%s.%N)
read -r e2e_rate e2e_p99 e2e_errors <<<"$(load 18095)"
loaded=$(echo "$(date +%s.%N) - $t0" | bc)
backlog=$(queued "$work/e2e")
until [ "$(queued "$work/e2e")" = 0 ]; do sleep 0.2; done
drained=$(echo "$(date +%s.%N) - $t0" | bc)
e2e_rss=$(peak_rss "$server")
# CPU time of the process over the whole run (start-up, load and drain).
e2e_cpu=$(cpu_ms "$server"); stop
stored=$(sql "$work/e2e/sift.db" "select count(*) from doc_messages")
analysed=$(analysed "$work/e2e")

cold=$($python bench/coldstart.py "$cold_runs" 18096 \
  "bare=dotnet $work/bare/BareKestrel.dll --urls http://127.0.0.1:{port}" \
  "sift=dotnet $work/sift/Standalone.dll --urls http://127.0.0.1:{port} --Storage:Path={data} $sift_args")

ratio() { echo "scale=2; $1 / $2" | bc; }
cat <<REPORT
webhook benchmark: wrk -t2 -c$connections -d$duration (after a 5 s warm-up), ~400-byte updates of one supergroup, $(nproc) cores, $(git rev-parse --short HEAD)
bare Kestrel        ${bare_rate} req/s  p99 ${bare_p99}
kestrel-queue       ${queue_rate} req/s  p99 ${queue_p99}  ($(ratio "$queue_rate" "$bare_rate")x bare)
FastAPI             ${fastapi_rate} req/s  p99 ${fastapi_p99}  non-2xx ${fastapi_errors}  ($(ratio "$fastapi_rate" "$bare_rate")x bare)
Sift accept         ${accept_rate} req/s  p99 ${accept_p99}  non-2xx ${accept_errors}  queued ${accept_queued}  peak RSS ${accept_rss} MB
  ratios            $(ratio "$accept_rate" "$bare_rate")x bare, $(ratio "$accept_rate" "$fastapi_rate")x FastAPI, $(ratio "$accept_rate" "$queue_rate")x kestrel-queue
Sift end to end     ${e2e_rate} req/s  p99 ${e2e_p99}  non-2xx ${e2e_errors}  load ${loaded}s (warm-up included)  backlog at its end ${backlog}
  drained           ${stored} stored, ${analysed} analysed, ${drained}s after the load began ($(ratio "$drained" "$loaded")x the load time); $(echo "$stored / $drained" | bc) messages/s stored and analysed; CPU $(echo "scale=2; $e2e_cpu / $stored" | bc) ms per message; peak RSS ${e2e_rss} MB
cold start          ${cold}
REPORT
