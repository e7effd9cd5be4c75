#!/usr/bin/env bash
# Processing benchmark (run by hand): queue updates through the webhook with the runner off for a
# few seconds, restart Sift with the runner on, and time until every update is stored and analysed
# (telegram-updates and message-analysis both empty), and the CPU it took per message.
#   bench/drain.sh [seconds of load=4] [host.json to use instead of the project's]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-4}
source bench/common.sh

dotnet build -c Release Standalone -o "$work/sift" -v q -nologo >/dev/null
if [ -n "${2:-}" ]; then cp "$2" "$work/sift/host.json"; fi

start() { # triggers
  # shellcheck disable=SC2086
  dotnet "$work/sift/Standalone.dll" --urls http://127.0.0.1:18093 --Storage:Path="$work/data" --Triggers:Enabled="$1" $sift_args \
    >"$work/sift.log" 2>&1 & sift=$!; pids+=($sift)
  healthy 18093
}

start false
register 18093
wrk -t2 -c32 -d"${seconds}s" -s bench/webhook.lua "http://127.0.0.1:18093/api/telegram/webhook/$bot" -- "$secret" >/dev/null
kill "$sift"; wait "$sift" 2>/dev/null || true
total=$(queued "$work/data")

t0=$(date +%s.%N)
start true
until [ "$(queued "$work/data")" = 0 ]; do sleep 0.1; done
elapsed=$(echo "$(date +%s.%N) - $t0" | bc)
# CPU time of the process (start-up included): steadier than the rate on a shared machine.
echo "stored and analysed $total queued updates in ${elapsed}s (start-up included): $(echo "$total / $elapsed" | bc) messages/s, $(nproc) cores"
echo "CPU $(echo "scale=3; $(cpu_ms "$sift") / $total" | bc) ms per message (user + system, start-up included)"
