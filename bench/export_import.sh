#!/usr/bin/env bash
# Export import benchmark (run by hand): generates Telegram Desktop exports of each size, uploads
# each to a fresh Release build of Sift (standalone, SQLite) and reports the upload (store, check,
# count) and the import run (from its start to Completed, server-side times) in messages/s.
#   bench/export_import.sh [sizes=10000 100000 1000000]
# Generated exports live in a temporary directory that is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${*:-10000 100000 1000000}
work=$(mktemp -d)
sift=
cleanup() { [ -n "$sift" ] && kill "$sift" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release Standalone -o "$work/sift" -v q -nologo >/dev/null
dotnet "$work/sift/Standalone.dll" --urls http://127.0.0.1:18095 --Storage:Path="$work/data" \
  --Secrets:Key="$(head -c 32 /dev/urandom | base64)" --Auth:BootstrapAdminKey=bench-admin-key-0123456789abcdefghijkl \
  --Ingestion:MaxUploadBytes=2147483648 --Logging:LogLevel:Default=Warning >"$work/sift.log" 2>&1 & sift=$!
until curl -sf http://127.0.0.1:18095/api/health >/dev/null; do sleep 0.05; done
api() { curl -sf -H 'X-Api-Key: bench-admin-key-0123456789abcdefghijkl' "$@"; }

printf '%10s %10s %12s %12s %12s %14s\n' messages MB upload_s import_s total_s import_msg/s
for n in $sizes; do
  python3 bench/gen_export.py "$n" "$work/export.json"
  mb=$(( $(stat -c %s "$work/export.json") / 1048576 ))
  id=$(api -X POST http://127.0.0.1:18095/api/sources -H 'content-type: application/json' \
    -d "{\"type\": \"telegram-export\", \"name\": \"bench $n\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  t0=$(date +%s.%N)
  api -X POST "http://127.0.0.1:18095/api/sources/$id/upload" -H 'content-type: application/json' --data-binary @"$work/export.json" >/dev/null
  t1=$(date +%s.%N)
  until api "http://127.0.0.1:18095/api/orchestrations/ingest-$id" | python3 -c 'import json,sys; s=json.load(sys.stdin)["status"]; sys.exit(0 if s in ("Completed","Failed") else 1)'; do sleep 0.5; done
  t2=$(date +%s.%N)
  api "http://127.0.0.1:18095/api/orchestrations/ingest-$id" | python3 -c '
import json, sys
from datetime import datetime
n, upload, total = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
s = json.load(sys.stdin)
assert s["status"] == "Completed", s.get("error")
assert s["output"]["counts"]["fetched"] == n, s["output"]["counts"]
t = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00"))
run = (t(s["completedAt"]) - t(s["createdAt"])).total_seconds()
print(f"{n:10d} {sys.argv[4]:>10} {upload:12.1f} {run:12.1f} {total:12.1f} {n / run:14.0f}")
' "$n" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t0" | bc)" "$mb"
  rm -f "$work/export.json"
done
echo "($(nproc) cores, default settings: Ingestion:ExportPageSize 500)"
