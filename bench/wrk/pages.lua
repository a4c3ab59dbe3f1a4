-- wrk script for GET figures: counts the answers by status and by X-Masthead-Cache (hit, miss, none)
-- in every thread, and done() prints the run as one JSON line that bench/http_bench.py reads.
-- Usage: wrk -t2 -c8 -d15s --latency -s bench/wrk/pages.lua http://127.0.0.1:8767/path/

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

statuses = {}
cache = {}

function response(status, headers, body)
   local code = tostring(status)
   statuses[code] = (statuses[code] or 0) + 1
   local state = headers["X-Masthead-Cache"] or headers["x-masthead-cache"] or "none"
   cache[state] = (cache[state] or 0) + 1
end

local function add(totals, counts)
   for key, count in pairs(counts) do
      totals[key] = (totals[key] or 0) + count
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
      cache = {},
   }
   for _, thread in ipairs(threads) do
      add(result.statuses, thread:get("statuses"))
      add(result.cache, thread:get("cache"))
   end
   io.write("@@wrk-result ", encode(result), "\n")
end
