// liquidjs side of the Templating side-by-side benchmark.
// usage: node bench/templating-side-by-side.js SECONDS
// Renders bench/templating/{sms,listing}.liquid with the matching JSON data for SECONDS each (after a warm-up)
// and prints one JSON line per template: {"name","opsPerSec","length"}.
'use strict';
const path = require('path');
const fs = require('fs');
const { Liquid } = require(path.join(__dirname, '..', 'tests', 'peers', 'node_modules', 'liquidjs'));

const seconds = Number(process.argv[2] || 3);
const dir = path.join(__dirname, 'templating');
const engine = new Liquid();
// Equivalents of the SDK's SMS filters so both engines do the same work.
engine.registerFilter('money', (v) => '$' + Number(v).toFixed(2));
engine.registerFilter('track_link', (v) => v);

(async () => {
  for (const name of ['sms', 'listing']) {
    const tpl = engine.parse(fs.readFileSync(path.join(dir, name + '.liquid'), 'utf8'));
    const data = JSON.parse(fs.readFileSync(path.join(dir, name + '.json'), 'utf8'));
    let out = '';
    const warmEnd = Date.now() + 1000;
    while (Date.now() < warmEnd) out = engine.renderSync(tpl, data);
    let ops = 0;
    const start = process.hrtime.bigint();
    const budget = BigInt(Math.round(seconds * 1e9));
    while (process.hrtime.bigint() - start < budget) {
      for (let i = 0; i < 16; i++) out = engine.renderSync(tpl, data);
      ops += 16;
    }
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(JSON.stringify({ name, opsPerSec: ops / elapsed, length: out.length }));
  }
})();
