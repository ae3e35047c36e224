// Interop peer for Engagement.MessagePack, built on @msgpack/msgpack 3.1.3.
//   node msgpack-interop.js corpus   -> prints "name<TAB>hex<TAB>description" for values node encodes
//   node msgpack-interop.js check    <- reads the same line format on stdin, decodes each hex with
//                                       @msgpack/msgpack and compares with the description;
//                                       prints "ok <name>" or "FAIL <name> ..." per line.
// A description is a JSON tree both sides can build without losing information:
//   null, true/false, {"n": "<decimal>"} for integers (and integral floats within 2^53),
//   {"f": "<float64 bits hex>"} or {"f": "NaN"} for other floats, {"s": text}, {"b": hex},
//   [items], {"m": [[key, value], ...]}, {"x": type, "d": hex}, {"ts": "<sec>", "ns": nsec}.
"use strict";
const { encode, decode, ExtensionCodec, ExtData } = require("@msgpack/msgpack");
const { isDeepStrictEqual } = require("node:util");
const readline = require("node:readline");

class TimeSpec {
  constructor(sec, nsec) { this.sec = sec; this.nsec = nsec; }
}

// Exchange timestamps as { sec, nsec } (not Date, which would drop nanoseconds).
const codec = new ExtensionCodec();
const { encodeTimeSpecToTimestamp, decodeTimestampToTimeSpec } = require("@msgpack/msgpack");
codec.register({
  type: -1,
  encode: (v) => (v instanceof TimeSpec ? encodeTimeSpecToTimestamp(v) : null),
  decode: (data) => { const t = decodeTimestampToTimeSpec(data); return new TimeSpec(t.sec, t.nsec); },
});
const encodeOptions = { extensionCodec: codec, useBigInt64: true };
const decodeOptions = { extensionCodec: codec, useBigInt64: true };

const hex = (bytes) => Buffer.from(bytes).toString("hex");

function describeNumber(x) {
  if (Number.isNaN(x)) return { f: "NaN" };
  if (Number.isSafeInteger(x)) return { n: String(x === 0 ? 0 : x) };
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return { f: b.toString("hex") };
}

function describe(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return describeNumber(v);
  if (typeof v === "bigint") return { n: v.toString() };
  if (typeof v === "string") return { s: v };
  if (v instanceof Uint8Array) return { b: hex(v) };
  if (Array.isArray(v)) return v.map(describe);
  if (v instanceof TimeSpec) return { ts: String(v.sec), ns: v.nsec };
  if (v instanceof ExtData) return { x: v.type, d: hex(v.data) };
  return { m: Object.keys(v).map((k) => [{ s: k }, describe(v[k])]) };
}

function corpus() {
  const out = [];
  const add = (name, value, options) => {
    const bytes = encode(value, { ...encodeOptions, ...options });
    out.push([name, hex(bytes), JSON.stringify(describe(value))]);
  };
  add("nil", null);
  add("true", true);
  add("false", false);
  for (const n of [0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, Number.MAX_SAFE_INTEGER,
                   -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, Number.MIN_SAFE_INTEGER])
    add(`int ${n}`, n);
  for (const n of [0n, 1n, -1n, 9223372036854775807n, -9223372036854775808n, 18446744073709551615n, 9007199254740993n])
    add(`int64 ${n}`, n);
  for (const f of [1.5, -2.25, 0.1, 1e300, -1e-300, Infinity, -Infinity, NaN, 5e-324])
    add(`float64 ${f}`, f);
  for (const f of [1.5, -0.375, 3.4028234663852886e38, 1.401298464324817e-45])
    add(`float32 ${f}`, f, { forceFloat32: true });
  for (const len of [0, 1, 31, 32, 255, 256, 65535, 65536])
    add(`str ${len}`, "x".repeat(len));
  add("str unicode", "回T退订 Reply STOP ✓ 😀 é");
  for (const len of [0, 1, 255, 256, 65535, 65536])
    add(`bin ${len}`, Uint8Array.from({ length: len }, (_, i) => (i * 31) & 0xff));
  for (const len of [0, 1, 15, 16, 65535, 65536])
    add(`array ${len}`, Array.from({ length: len }, (_, i) => i % 300));
  for (const len of [0, 1, 15, 16, 300])
    add(`map ${len}`, Object.fromEntries(Array.from({ length: len }, (_, i) => [`k${i}`, i])));
  add("nested", { profile: { id: "u-1", tags: ["vip", "sms"], scores: { churn: 0.25, clv: 1234.5 }, consent: true, phone: null },
                  events: [{ t: "cart", at: new TimeSpec(1764000000, 5) }, { t: "order", amount: -3 }] });
  for (const len of [1, 2, 4, 8, 16, 0, 3, 255, 256, 65535, 65536])
    for (const type of [5, 127, -128])
      add(`ext ${type} ${len}`, new ExtData(type, Uint8Array.from({ length: len }, (_, i) => i & 0xff)));
  for (const [sec, nsec] of [[0, 0], [1, 0], [4294967295, 0], [4294967296, 0], [1, 1], [17179869183, 999999999], [17179869184, 0],
                             [-1, 0], [-1, 999999999], [-62135596800, 0], [253402300799, 999999999], [1764000000, 123456789],
                             [Number.MAX_SAFE_INTEGER, 1], [Number.MIN_SAFE_INTEGER, 999999999]])
    add(`timestamp ${sec}.${nsec}`, new TimeSpec(sec, nsec));
  for (const [name, h, d] of out) process.stdout.write(`${name}\t${h}\t${d}\n`);
}

async function check() {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line) continue;
    const [name, h, expected] = line.split("\t");
    let got;
    try {
      got = describe(decode(Buffer.from(h, "hex"), decodeOptions));
    } catch (e) {
      process.stdout.write(`FAIL ${name} decode error: ${e.message}\n`);
      continue;
    }
    const want = JSON.parse(expected);
    process.stdout.write(isDeepStrictEqual(got, want) ? `ok ${name}\n`
      : `FAIL ${name} expected ${expected.slice(0, 300)} got ${JSON.stringify(got).slice(0, 300)}\n`);
  }
}

const mode = process.argv[2];
if (mode === "corpus") corpus();
else if (mode === "check") check().catch((e) => { console.error(e); process.exit(1); });
else { console.error("usage: node msgpack-interop.js corpus|check"); process.exit(64); }
