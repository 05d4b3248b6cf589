// Runs the official TypeScript SDK (@upstash/qstash 2.12.0) on each generated case and records what reached a
// loopback HTTP server: method, path with query, headers (as Latin-1 text, i.e. one character per byte) and body
// (base64). Usage: node oracle.mjs cases.json results.json. Used by SdkRandomComparisonTest.
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { Client } from "@upstash/qstash";

const [casesFile, resultsFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf8"));

let recorded = [];
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const headers = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      headers[req.rawHeaders[i].toLowerCase()] = req.rawHeaders[i + 1];
    }
    recorded.push({ method: req.method, path: req.url, headers, body: Buffer.concat(chunks).toString("base64") });
    let answer = { messageId: "msg_oracle" };
    if (req.url.startsWith("/v2/batch")) answer = [{ messageId: "msg_oracle" }];
    else if (req.url.startsWith("/v2/schedules")) answer = { scheduleId: "scd_oracle" };
    else if (req.url.startsWith("/v2/events")) answer = { events: [] };
    const body = JSON.stringify(answer);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const client = new Client({
  baseUrl: `http://127.0.0.1:${server.address().port}`,
  token: "oracle_token",
  retry: false,
  enableTelemetry: false,
});

async function run(c) {
  switch (c.kind) {
    case "publish":
      return client.publish(c.args);
    case "publishJSON":
      return client.publishJSON(c.args);
    case "batch":
      return client.batch(c.args);
    case "batchJSON":
      return client.batchJSON(c.args);
    case "schedule":
      return client.schedules.create(c.args);
    case "logs":
      return client.logs(c.args);
    case "scheduleDelete":
      return client.schedules.delete(c.args.id);
    default:
      throw new Error(`unknown kind ${c.kind}`);
  }
}

const results = [];
const origError = console.error;
console.error = () => {};
for (const c of cases) {
  recorded = [];
  let error;
  try {
    await run(c);
  } catch (e) {
    error = `${e.name}: ${e.message}`;
  }
  results.push({ id: c.id, error, requests: recorded });
}
console.error = origError;
server.close();
writeFileSync(resultsFile, JSON.stringify({ node: process.version, results }));
