# Sourced by the benchmark scripts that run Sift behind its webhook (from the repository root): a
# work folder removed on exit with every process started into `pids`, the stand-in Bot API, the
# bot and its webhook secret, and what they ask of Sift's SQLite files.
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

admin=bench-admin-key-0123456789abcdefghijkl
master=$(head -c 32 /dev/urandom | base64)
bot=123456789
# The peers' secret; register() replaces it with the one Sift made for the bot.
secret=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
# Sift's settings for a benchmark: the key, the admin key, the stand-in Bot API, warnings only.
sift_args="--Secrets:Key=$master --Auth:BootstrapAdminKey=$admin --Telegram:ApiBaseUrl=http://127.0.0.1:18081 --Logging:LogLevel:Default=Warning"

python3 bench/fake_telegram.py 18081 & pids+=($!)

# Sets the bot's token on the Sift listening on port $1 (getMe answered by the stand-in) and takes
# the webhook secret that registration made (shown only in its answer) as `secret`.
register() { secret=$(curl -sf -X POST "http://127.0.0.1:$1/api/bots" -H "X-Api-Key: $admin" -H 'content-type: application/json' \
  -d "{\"token\": \"$bot:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["webhookSecret"])'); }
# Waits for the first 200 on /api/health of port $1.
healthy() { until curl -sf "http://127.0.0.1:$1/api/health" >/dev/null; do sleep 0.02; done; }

sql() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0] or 0)" "$@"; }
# Updates and messages still queued in the data folder $1 (received, not yet stored and analysed).
queued() { sql "$1/queues.db" "select count(*) from messages where queue in ('telegram-updates', 'message-analysis')"; }
# Messages stored and analysed in the data folder $1.
analysed() { sql "$1/sift.db" "select count(*) from doc_messages where json_extract(body, '$.analysis') is not null"; }
# CPU time of process $1 so far in milliseconds (user + system).
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }
# Peak resident memory of process $1 (VmHWM) in MB.
peak_rss() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
