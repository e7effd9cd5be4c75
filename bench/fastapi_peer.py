"""The FastAPI peer for bench/webhook.sh: what a Python webhook receiver typically is.

Sift's accept path as it is commonly written in Python: check the bot's secret header (constant
time), parse the body as a JSON update with an integer update_id, insert it into a SQLite queue
table (one transaction per update) and answer 200. WAL with synchronous=NORMAL, the usual setting:
a commit survives the process, not a power cut. That is less than Sift promises (synchronous=FULL),
and is faster here than FULL (about 4.6k against 0.8k req/s), so the ratio to it is conservative.
Needs Debian's python3-fastapi and python3-uvicorn:

  SECRET=... DB=/tmp/peer.db /usr/bin/python3 -m uvicorn --app-dir bench fastapi_peer:app \
      --workers 2 --port 18094 --log-level warning --no-access-log
"""
import hmac
import json
import os
import sqlite3
import time

from fastapi import FastAPI, Request, Response

SECRET = os.environ["SECRET"].encode()
DB = os.environ["DB"]

app = FastAPI()
connection = sqlite3.connect(DB, isolation_level=None, check_same_thread=False, timeout=30)
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("PRAGMA synchronous=NORMAL")
connection.execute("CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, body TEXT NOT NULL, inserted_at INTEGER NOT NULL)")


@app.get("/api/health")
def health() -> dict:
    return {"status": "Healthy"}


@app.post("/api/telegram/webhook/{bot_id}")
async def webhook(bot_id: int, request: Request) -> Response:
    if not hmac.compare_digest(request.headers.get("x-telegram-bot-api-secret-token", "").encode(), SECRET):
        return Response(status_code=401)
    body = await request.body()
    try:
        update = json.loads(body)
        valid = isinstance(update, dict) and isinstance(update.get("update_id"), int)
    except ValueError:
        valid = False
    if not valid:
        return Response(status_code=400)
    connection.execute("INSERT INTO messages (queue, body, inserted_at) VALUES ('telegram-updates', ?, ?)",
                       (json.dumps({"botId": bot_id, "update": update}), int(time.time() * 1000)))
    return Response(status_code=200)
