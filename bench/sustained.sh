#!/usr/bin/env bash
# Sustained load (run by hand): the webhook paced at a steady rate, every update a new message of one
# supergroup, with the runner on; reports the rate sent, the backlog when the load ends, the time
# until every update is stored and analysed as a ratio of the load time, and the CPU per message.
# Unlike webhook.sh's end-to-end figure (wrk's closed loop, which sends as fast as the CPU left to
# the webhook allows), this asks whether processing keeps pace with a given rate.
#   bench/sustained.sh [requests/s=500] [seconds of load=30] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-500}
seconds=${2:-30}
connections=${3:-32}
source bench/common.sh

dotnet build -c Release Standalone -o "$work/sift" -v q -nologo >/dev/null
# shellcheck disable=SC2086
dotnet "$work/sift/Standalone.dll" --urls http://127.0.0.1:18094 --Storage:Path="$work/data" $sift_args >"$work/sift.log" 2>&1 & sift=$!; pids+=($sift)
healthy 18094
register 18094

# Each connection pauses before each request, so the rate is a little under the one asked for (the
# pause does not count the response time); the rate reported is what was sent.
pause=$((connections * 1000 / rate))
t0=$(date +%s.%N)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/webhook.lua "http://127.0.0.1:18094/api/telegram/webhook/$bot" -- "$secret" "$pause" >"$work/wrk.txt"
loaded=$(echo "$(date +%s.%N) - $t0" | bc)
backlog=$(queued "$work/data")
until [ "$(queued "$work/data")" = 0 ]; do sleep 0.2; done
drained=$(echo "$(date +%s.%N) - $t0" | bc)
stored=$(analysed "$work/data")

echo "sustained load: ${rate} requests/s asked, $(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") sent, for ${seconds}s over $connections connections, $(nproc) cores, $(git rev-parse --short HEAD)"
echo "webhook p99 $(awk '$1 == "99%" {print $2}' "$work/wrk.txt"), non-2xx $(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt" | grep . || echo 0); backlog when the load ended: $backlog"
echo "all $stored stored and analysed ${drained}s after the load began ($(echo "scale=2; $drained / $loaded" | bc)x the load time); CPU $(echo "scale=2; $(cpu_ms "$sift") / $stored" | bc) ms per message (start-up included); peak RSS $(peak_rss "$sift") MB"
