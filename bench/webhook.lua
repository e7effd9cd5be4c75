-- Posts a realistic ~400-byte group message update; every request is a new message, sent now (its
-- date the current second), so the analysis of each has the chat's recent messages to compare with.
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("offset", thread_id * 100000000)
end

function request()
  counter = counter + 1
  local id = offset + counter
  local body = string.format([[{"update_id":%d,"message":{"message_id":%d,"from":{"id":111111111,"is_bot":false,"first_name":"Alice","last_name":"Liddell","username":"alice","language_code":"en"},"chat":{"id":-1001234567890,"title":"Sift devs","username":"siftdevs","type":"supergroup"},"date":%d,"text":"Deploy is done; the queue drained in 40s. Next: check the poison queue and the p99 of the webhook before Friday's release.","entities":[{"offset":0,"length":6,"type":"bold"}]}}]], id, id, os.time())
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["X-Telegram-Bot-Api-Secret-Token"] = secret }, body)
end

-- args: the webhook secret, then optionally a pause in milliseconds before each request of a
-- connection, which paces the load at about connections * 1000 / pause requests/s (bench/sustained.sh).
function init(args)
  secret = args[1]
  local pause = tonumber(args[2])
  if pause then
    delay = function() return pause end
  end
end
