// The official TypeScript Receiver (@upstash/qstash 2.12.0) verifying one delivery, against Node's own floor in the
// same run: one HMAC-SHA256 over the token's signing input plus one SHA-256 over the body. Same keys, claims, URL and
// body sizes as the JMH benchmark (VerifyBenchmark), so the two ratios can be compared.
import { createHash, createHmac } from "node:crypto";
import { Receiver } from "@upstash/qstash";

const quick = process.argv.includes("--quick=true");
const CURRENT = "sig_bench_current_key_000000000";
const NEXT = "sig_bench_next_key_00000000000000";
const URL = "https://app.example.com/api/receive";
// tokens are minted at the real time (they live 300 s, the run takes under a minute): jose reads the clock through
// new Date(), which cannot be pinned the way the JMH run pins its Clock
const NOW = Math.floor(Date.now() / 1000);

const b64url = (buf) => Buffer.from(buf).toString("base64url");

function token(key, body) {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify({
    aud: "",
    body: createHash("sha256").update(body).digest("base64").replace(/\+/g, "-").replace(/\//g, "_"),
    exp: NOW + 300,
    iat: NOW,
    iss: "Upstash",
    jti: "jwt_benchbenchbenchbenchbenchbe",
    nbf: -62135596800,
    sub: URL,
  }));
  const input = `${header}.${payload}`;
  return { token: `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`, input };
}

/** Mean ns/op over rounds of `seconds`, after a warm-up; each op is awaited. */
async function measure(op, seconds, rounds) {
  const deadline = (s) => process.hrtime.bigint() + BigInt(Math.round(s * 1e9));
  for (const end = deadline(seconds); process.hrtime.bigint() < end;) await op();
  const results = [];
  for (let r = 0; r < rounds; r++) {
    let ops = 0;
    const start = process.hrtime.bigint();
    for (const end = deadline(seconds); process.hrtime.bigint() < end; ops++) await op();
    results.push(Number(process.hrtime.bigint() - start) / ops);
  }
  const mean = results.reduce((a, b) => a + b, 0) / results.length;
  const sd = Math.sqrt(results.reduce((a, b) => a + (b - mean) ** 2, 0) / results.length);
  return { mean, sd };
}

const receiver = new Receiver({ currentSigningKey: CURRENT, nextSigningKey: NEXT });
const [seconds, rounds] = quick ? [0.3, 3] : [1, 5];
console.log(`\nOfficial TypeScript Receiver (@upstash/qstash 2.12.0, Node ${process.version}), ns/op (sd), ratio to Node's floor in the same run`);

for (const size of [1024, 65536]) {
  const body = "x".repeat(size);
  const bytes = Buffer.from(body, "utf8");
  const current = token(CURRENT, bytes);
  const next = token(NEXT, bytes);
  for (const t of [current, next]) {
    if (!(await receiver.verify({ signature: t.token, body, url: URL }))) throw new Error("the Receiver refused a genuine token");
  }
  const floor = await measure(() => {
    createHmac("sha256", CURRENT).update(current.input).digest();
    createHash("sha256").update(bytes).digest();
  }, seconds, rounds);
  const verifyCurrent = await measure(() => receiver.verify({ signature: current.token, body, url: URL }), seconds, rounds);
  const verifyNext = await measure(() => receiver.verify({ signature: next.token, body, url: URL }), seconds, rounds);
  const fmt = (n) => Math.round(n).toLocaleString("en-US").padStart(10);
  console.log(`  body ${String(size).padStart(6)} bytes: floor (1 HMAC-SHA256 + 1 SHA-256) ${fmt(floor.mean)} (${Math.round(floor.sd)})`);
  for (const [name, r] of [["verifyCurrent", verifyCurrent], ["verifyNext", verifyNext]]) {
    console.log(`                     ${name.padEnd(14)} ${fmt(r.mean)} (${Math.round(r.sd)})   = ${(r.mean / floor.mean).toFixed(2)} × floor`);
  }
}
