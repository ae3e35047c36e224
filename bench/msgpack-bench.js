// Side-by-side peer for bench/Engagement.Bench.MessagePack: encodes and decodes the same
// 30-field profile with msgpackr 2.1.3 (and JSON for reference) in node.
//   node bench/msgpack-bench.js      (run from the repository root after `npm install` in tests/peers)
"use strict";
const path = require("node:path");
const { createRequire } = require("node:module");
const peers = createRequire(path.join(__dirname, "..", "tests", "peers", "package.json"));
const { Packr } = peers("msgpackr");

const t0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const day = 86400000;
const profile = {
  Id: "u-000123456", Email: "li.wei@example.com", Phone: "+8613800138000", Name: "Li Wei", Locale: "zh-CN",
  TimeZone: "Asia/Shanghai", CreatedAt: new Date(t0 - 400 * day), LastSeenAt: new Date(t0 - 42 * 60000),
  Birthday: new Date(Date.UTC(1990, 4, 17)), Tier: 1, Orders: 37, Returns: 2, TotalSpent: 12873.45,
  AverageOrderValue: 347.93, ChurnProbability: 0.1834, PAlive: 0.9121, ClvEstimate: 4210.77, RfmRecency: 5,
  RfmFrequency: 4, RfmMonetary: 5, Segment: "champions", SmsConsent: true, EmailConsent: false, Suppressed: false,
  MarketingSentThisWeek: 1, Version: 918273, Tags: ["vip", "member-day", "coupon-user", "app"],
  Counters: { cart_updated: 91, order_placed: 37, coupon_used: 12, link_clicked: 55 },
  Address: { Street: "88 Century Avenue", City: "Shanghai", Zip: "200120", Country: "CN" },
  RecentOrders: [0, 1, 2, 3, 4].map((i) => ({ Id: `o-${7000 + i}`, Amount: 99.5 + i * 10, At: new Date(t0 - i * 9 * day), Items: i + 1 })),
};

function measure(name, fn) {
  for (let i = 0; i < 20000; i++) fn(); // warm-up (JIT)
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 2_000_000_000n) {
    for (let i = 0; i < 10000; i++) fn();
    n += 10000;
    elapsed = process.hrtime.bigint() - start;
  }
  const ns = Number(elapsed) / n;
  console.log(`${name.padEnd(34)} ${ns.toFixed(0).padStart(7)} ns/op`);
}

const plain = new Packr({ useRecords: false }); // standard MessagePack maps
const records = new Packr({ useRecords: true, structures: [] }); // msgpackr's record extension (not plain MessagePack)
const plainBytes = plain.pack(profile);
const recordBytes = records.pack(profile);
const json = JSON.stringify(profile);
console.log(`size: msgpackr maps ${plainBytes.length} B, msgpackr records ${recordBytes.length} B, JSON ${Buffer.byteLength(json)} B`);
measure("encode msgpackr (maps)", () => plain.pack(profile));
measure("decode msgpackr (maps)", () => plain.unpack(plainBytes));
measure("encode msgpackr (records)", () => records.pack(profile));
measure("decode msgpackr (records)", () => records.unpack(recordBytes));
measure("encode JSON.stringify", () => JSON.stringify(profile));
measure("decode JSON.parse", () => JSON.parse(json));
