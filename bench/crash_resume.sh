#!/usr/bin/env bash
# Crash recovery (run by hand): uploads a Telegram Desktop export of N messages to a Release build of Sift
# (standalone, SQLite), kills the process with SIGKILL once the import has stored some pages, starts it again
# on the same data directory, and reports how long after the restart the import moved on, when it completed,
# and whether every message is stored exactly once.
#   bench/crash_resume.sh [messages=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
work=$(mktemp -d)
sift=
cleanup() { [ -n "$sift" ] && kill -9 "$sift" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
key=bench-admin-key-0123456789abcdefghijkl
master=$(head -c 32 /dev/urandom | base64)

dotnet build -c Release Standalone -o "$work/sift" -v q -nologo >/dev/null
python3 bench/gen_export.py "$n" "$work/export.json"
start() {
  dotnet "$work/sift/Standalone.dll" --urls http://127.0.0.1:18096 --Storage:Path="$work/data" --Secrets:Key="$master" \
    --Auth:BootstrapAdminKey=$key --Ingestion:ExportPageSize=100 --RateLimits:RequestsPerMinute=100000 \
    --Logging:LogLevel:Default=Warning >>"$work/sift.log" 2>&1 & sift=$!
  until curl -sf http://127.0.0.1:18096/api/health >/dev/null; do sleep 0.02; done
}
api() { curl -sf -H "X-Api-Key: $key" "$@"; }
done_count() { api "http://127.0.0.1:18096/api/orchestrations/ingest-$id" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["progress"]["done"], s["status"])'; }

start
id=$(api -X POST http://127.0.0.1:18096/api/sources -H 'content-type: application/json' \
  -d '{"type": "telegram-export", "name": "crash"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
api -X POST "http://127.0.0.1:18096/api/sources/$id/upload" -H 'content-type: application/json' --data-binary @"$work/export.json" >/dev/null
until [ "$(done_count | cut -d' ' -f1)" -ge $((n / 10)) ]; do sleep 0.05; done
read -r before _ < <(done_count)
kill -9 "$sift"; wait "$sift" 2>/dev/null || true

t0=$(date +%s.%N)
start
up=$(echo "$(date +%s.%N) - $t0" | bc)
until read -r now status < <(done_count) && { [ "$now" -gt "$before" ] || [ "$status" = Completed ]; }; do sleep 0.05; done
moved=$(echo "$(date +%s.%N) - $t0" | bc)
until [ "$(done_count | cut -d' ' -f2)" = Completed ]; do sleep 0.2; done
completed=$(echo "$(date +%s.%N) - $t0" | bc)
stored=$(api http://127.0.0.1:18096/api/chats | python3 -c 'import json,sys; print(sum(c["messageCount"] for c in json.load(sys.stdin)["items"]))')
echo "killed at $before of $n messages; after the restart: healthy in ${up}s, moving again in ${moved}s, completed in ${completed}s"
echo "stored $stored messages (expected $n)"
