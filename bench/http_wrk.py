"""wrk driver for bench/http.py: Lua scripts and the run/parse of one load phase.

Each wrk thread drives one keep-alive connection (``-t N -c N``), so one thread is one client
with its own session cookie and CSRF token. ``done()`` prints one line
``WRKJSON {...}`` with the request count, duration, latency percentiles (µs) and the
HTTP status counts, which ``run`` parses.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile

COMMON = r"""
local threads = {}
statuses = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if answered then answered(status, body) end
end

function done(summary, latency, requests)
  local codes = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do codes[k] = (codes[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(codes) do table.insert(parts, string.format('"%s": %d', k, v)) end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "socket_errors": %d, ' ..
    '"p50": %d, "p90": %d, "p99": %d, "max": %d, "codes": {%s}}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    table.concat(parts, ", ")))
end
"""

# Per-client sessions come from a file: line i = "cookie<TAB>csrf token" for client i.
SESSIONS = r"""
local function read_lines(name)
  local lines = {}
  for line in io.lines(name) do table.insert(lines, line) end
  return lines
end

function init(args)
  local line = read_lines(args[1])[id]
  cookie, csrf = line:match("^(.-)\t(.*)$")
  counter = 0
  run = args[2] or "0"
  if args[3] then
    tokens = {}
    local all = read_lines(args[3])
    local clients = tonumber(args[4])
    for i = id, #all, clients do table.insert(tokens, all[i]) end
  end
end
"""

SIGNUP = r"""
function request()
  counter = counter + 1
  local body = "csrf_token=" .. csrf .. "&given_name=Bench&family_name=Client" .. id ..
    "&email=bench-" .. run .. "-" .. id .. "-" .. counter .. "%40example.org" ..
    "&role=delegate&preferred_language=en&organization_id=&jurisdiction_id=" ..
    "&join_code=&phone=&position=&honorific=&dietary=&accessibility=" ..
    "&arrival_date=&departure_date=&consent=y"
  return wrk.format("POST", wrk.path, {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
"""

CHECKIN = r"""
function request()
  counter = counter + 1
  local token = tokens[((counter - 1) % #tokens) + 1]
  return wrk.format("POST", wrk.path, {
    ["Cookie"] = cookie,
    ["X-CSRFToken"] = csrf,
    ["Content-Type"] = "application/json",
  }, '{"token": "' .. token .. '"}')
end
"""

# API v1's registration list with a bearer token, each client following next_cursor from the
# first page to the last, then again from the first.
APILIST = r"""
function init(args)
  token = args[1]
  limit = args[2] or "50"
end

function request()
  local path = wrk.path .. "?limit=" .. limit
  if cursor then path = path .. "&cursor=" .. cursor end
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end

function answered(status, body)
  cursor = status == 200 and body:match('"next_cursor":%s*"([^"]+)"') or nil
end
"""

SCRIPTS = {
    "get": COMMON,
    "signup": COMMON + SESSIONS + SIGNUP,
    "checkin": COMMON + SESSIONS + CHECKIN,
    "apilist": COMMON + APILIST,
}


class Wrk:
    def __init__(self, port: int, clients: int, workdir: str):
        self.base = f"http://127.0.0.1:{port}"
        self.clients = clients
        self.workdir = workdir
        self.scripts = {}
        for name, text in SCRIPTS.items():
            path = os.path.join(workdir, f"{name}.lua")
            with open(path, "w") as handle:
                handle.write(text)
            self.scripts[name] = path

    def write_lines(self, name: str, lines: list[str]) -> str:
        path = os.path.join(self.workdir, name)
        with open(path, "w") as handle:
            handle.write("\n".join(lines) + "\n")
        return path

    def run(self, path: str, seconds: float, script: str = "get", args: tuple = ()) -> dict:
        command = [
            "wrk",
            "-t",
            str(self.clients),
            "-c",
            str(self.clients),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            self.scripts[script],
            self.base + path,
            "--",
            *args,
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        for line in output.splitlines():
            if line.startswith("WRKJSON "):
                result = json.loads(line[len("WRKJSON ") :])
                result["rate"] = result["requests"] / (result["duration_us"] / 1e6)
                return result
        raise SystemExit(f"wrk gave no result:\n{output}")


def workdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="eventsapp-bench-")
