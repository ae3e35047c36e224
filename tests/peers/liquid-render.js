// Renders Liquid cases with liquidjs (the reference peer for Engagement.Templating).
// stdin: {"cases":[{"template": "...", "data": {...}, "templates": {name: source}, "strict": bool}]}
// stdout: [{"ok": true, "output": "..."} | {"ok": false, "error": "..."}] in the same order.
'use strict';
const { Liquid } = require('liquidjs');

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
