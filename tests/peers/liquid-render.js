// Renders Liquid cases with liquidjs (the reference peer for Engagement.Templating).
// stdin: {"cases":[{"template": "...", "data": {...}, "templates": {name: source}, "strict": bool}]}
// stdout: [{"ok": true, "output": "..."} | {"ok": false, "error": "..."}] in the same order.
'use strict';
const { Liquid } = require('liquidjs');

// liquidjs reads Date.now() for "now"/"today"; pin it to the .NET side's fixed clock (GoldenRunner.Now).
const FIXED_NOW = Date.parse('2026-11-23T10:00:00Z');
Date.now = () => FIXED_NOW;

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', async () => {
  const { cases } = JSON.parse(input);
  const results = [];
  for (const c of cases) {
    const engine = new Liquid({
      templates: c.templates || {},
      extname: '',
      strictFilters: !!c.strict,
      strictVariables: !!c.strict,
      ownPropertyOnly: true,
      // dates in UTC like the .NET side's default TimeZone, whatever the machine's zone
      timezoneOffset: 0,
      // liquidjs' own sandbox limits, so a huge range is an error instead of a crashed process
      memoryLimit: 1e7,
      renderLimit: 10000,
    });
    try {
      const output = await engine.parseAndRender(c.template, c.data || {});
      results.push({ ok: true, output });
    } catch (e) {
      results.push({ ok: false, error: String(e && e.message || e) });
    }
  }
  process.stdout.write(JSON.stringify(results));
});
