// The official TypeScript SDK (@upstash/qstash 2.12.0) publishing against the loopback stand-in PublishBench starts:
// messages per second with 1 and with 16 publishes in flight (each awaited before its loop sends the next), the same
// message as the Java side (a JSON body with a deduplication id). The last line printed is the JSON PublishBench reads.
import { Client } from "@upstash/qstash";

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const baseUrl = arg("url");
const token = arg("token");
const destination = arg("destination");
const body = arg("body");
const warmup = Number(arg("warmup"));
const seconds = Number(arg("seconds"));
const rounds = Number(arg("rounds"));

const client = new Client({ baseUrl, token });
let id = 0;
const publish = () => client.publish({
  url: destination, body, headers: { "Content-Type": "application/json" }, deduplicationId: `bench-${++id}`,
});

/** `inFlight` loops publishing back to back for `s` seconds; messages per second. */
async function load(inFlight, s) {
  const end = process.hrtime.bigint() + BigInt(Math.round(s * 1e9));
  let done = 0;
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (process.hrtime.bigint() < end) {
      await publish();
      done++;
    }
  }));
  return done / (Number(process.hrtime.bigint() - start) / 1e9);
}

const answer = await publish();
if (!answer.messageId) throw new Error(`no messageId in ${JSON.stringify(answer)}`);
console.log(`TypeScript SDK (@upstash/qstash 2.12.0, Node ${process.version})`);
const result = {};
for (const inFlight of [1, 16]) {
  await load(inFlight, warmup);
  const perRound = [];
  for (let r = 0; r < rounds; r++) perRound.push(await load(inFlight, seconds));
  const mean = perRound.reduce((a, b) => a + b, 0) / perRound.length;
  const sd = Math.sqrt(perRound.reduce((a, b) => a + (b - mean) ** 2, 0) / perRound.length);
  result[inFlight] = { mean, sd };
}
console.log(JSON.stringify(result));
