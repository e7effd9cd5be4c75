#!/usr/bin/env python3
"""Writes a Telegram Desktop full export ("Export Telegram data") of N messages spread over a few
chats, streaming, so a million messages need no memory: bench/gen_export.py N out.json"""
import json
import sys

count, path = int(sys.argv[1]), sys.argv[2]
chats = 4
words = "sift import export chat message decision problem question action item review topic score".split()
with open(path, "w", encoding="utf-8", buffering=1 << 20) as out:
    out.write('{"about": "Here is the data you requested.", "contacts": {"about": "x", "list": []},\n "chats": {"about": "x", "list": [\n')
    for c in range(chats):
        n = count // chats + (1 if c < count % chats else 0)
        out.write(('' if c == 0 else ',\n') + json.dumps({"name": f"Bench chat {c}", "type": "private_supergroup", "id": 1000000000 + c})[:-1] + ', "messages": [\n')
        for i in range(n):
            unix = 1735689600 + i * 7
            text = " ".join(words[(i * 7 + k) % len(words)] for k in range(8 + i % 12)) + f" #{i}"
            out.write(('' if i == 0 else ',\n') +
                      f'  {{"id": {i + 1}, "type": "message", "date": "2025-01-01T00:00:00", "date_unixtime": "{unix}", '
                      f'"from": "User {i % 37}", "from_id": "user{100000 + i % 37}", "text": "{text}", '
                      f'"text_entities": [{{"type": "plain", "text": "{text}"}}]}}')
        out.write('\n ]}')
    out.write('\n]}}\n')
