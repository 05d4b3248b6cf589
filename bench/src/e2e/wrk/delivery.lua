-- Every request is the same QStash delivery, handed over by E2eBench in the environment: the file holding the body,
-- the content type, the Upstash-Signature token and the message id. done() reports the run in one line E2eBench reads;
-- wrk counts a response of 400 or above as a status error.
local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE")
wrk.headers["Upstash-Signature"] = os.getenv("BENCH_SIGNATURE")
wrk.headers["Upstash-Message-Id"] = os.getenv("BENCH_MESSAGE_ID")

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("bench-result requests=%d duration_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
