"""Prints the webhook secret Sift derives for a bot: base64url(HMAC-SHA256(HKDF(master, 'sift/telegram-webhook'), botId))."""
import base64, hashlib, hmac, sys
master = base64.b64decode(sys.argv[1])
prk = hmac.new(bytes(32), master, hashlib.sha256).digest()
key = hmac.new(prk, b'sift/telegram-webhook\x01', hashlib.sha256).digest()
print(base64.urlsafe_b64encode(hmac.new(key, sys.argv[2].encode(), hashlib.sha256).digest()).rstrip(b'=').decode())
