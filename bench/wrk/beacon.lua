-- wrk script for the beacon: POSTs reading events to the URL, each a new event (its own id) from one
-- of the readers in the file (ids the site signed, one a line) on a random demo asset (half views, a
-- quarter reads, a quarter downloads), counts the answers by status in every thread, and done()
-- prints the run as one JSON line that bench/http_bench.py reads.
-- Usage: wrk -t2 -c8 -d15s --latency -H 'User-Agent: …' -s bench/wrk/beacon.lua \
--            http://127.0.0.1:8767/t/ -- 12,13,14 /tmp/readers.txt
--
-- wrk stops on the clock, so the last request on each connection is written but its answer never
-- read: `sent - answered` events were in flight at the stop. The server still handles (and stores)
-- them, so the events stored should be the 204s counted here plus those in flight.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_number", #threads)
end

sent, answered, accepted = 0, 0, 0
statuses = {}
local kinds = { "view", "view", "read", "download" }
-- wrk.format() sends only the headers it is given, so add to wrk's own (-H User-Agent and Host).
wrk.headers["Content-Type"] = "application/json"
local visitors, assets

local function uuid4()
   local function hex(digits)
      local text = ""
      for _ = 1, digits do
         text = text .. string.format("%x", math.random(0, 15))
      end
      return text
   end
   return hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-" .. string.format("%x", math.random(8, 11))
      .. hex(3) .. "-" .. hex(12)
end

function init(args)
   math.randomseed(thread_number * 104729 + os.time())
   assets = {}
   for id in string.gmatch(args[1], "%d+") do
      table.insert(assets, tonumber(id))
   end
   visitors = {}
   for line in io.lines(args[2]) do
      if line ~= "" then
         table.insert(visitors, line)
      end
   end
end

-- Called as each request is written.
function request()
   sent = sent + 1
   local visitor = visitors[math.random(#visitors)]
   local asset = assets[math.random(#assets)]
   local kind = kinds[math.random(#kinds)]
   local body
   if kind == "read" then
      body = string.format('{"v":"%s","i":"%s","e":"read","p":%d,"s":%d,"n":4}', visitor, uuid4(), asset,
         math.random(1, 4))
   else
      body = string.format('{"v":"%s","i":"%s","e":"%s","p":%d}', visitor, uuid4(), kind, asset)
   end
   return wrk.format("POST", nil, nil, body)
end

function response(status, headers, body)
   answered = answered + 1
   local code = tostring(status)
   statuses[code] = (statuses[code] or 0) + 1
   if status == 204 then
      accepted = accepted + 1
   end
end

local function encode(value)
   if type(value) == "table" then
      local parts = {}
      for key, item in pairs(value) do
         table.insert(parts, string.format("%q:%s", tostring(key), encode(item)))
      end
      return "{" .. table.concat(parts, ",") .. "}"
   end
   return tostring(value)
end

function done(summary, latency, requests)
   local result = {
      requests = summary.requests,
      duration_us = summary.duration,
      errors = summary.errors,
      p50_us = latency:percentile(50),
      p99_us = latency:percentile(99),
      statuses = {},
      sent = 0,
      answered = 0,
      accepted = 0,
   }
   for _, thread in ipairs(threads) do
      for key, count in pairs(thread:get("statuses")) do
         result.statuses[key] = (result.statuses[key] or 0) + count
      end
      result.sent = result.sent + thread:get("sent")
      result.answered = result.answered + thread:get("answered")
      result.accepted = result.accepted + thread:get("accepted")
   end
   io.write("@@wrk-result ", encode(result), "\n")
end
