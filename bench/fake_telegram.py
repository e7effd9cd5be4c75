"""A Bot API stand-in for benchmarks: getMe for any well-formed token, every other method ok."""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self): self.answer()
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        self.answer()
    def answer(self):
        token, method = self.path[4:].rsplit('/', 1)
        result = {'id': int(token.split(':')[0]), 'is_bot': True, 'first_name': 'Bench', 'username': 'bench_bot'} if method == 'getMe' else True
        body = json.dumps({'ok': True, 'result': result}).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass

ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler).serve_forever()
