// node-smpp client side of the SMPP benchmark: submits N messages with receipts requested keeping
// at most K outstanding, acknowledges receipts, and prints the same summary line as
// bench/Engagement.Bench.Smpp. Usage: node smpp-bench-client.js --host H --port P --system-id S
//   --password W --count N --window K [--text T] [--timeout SECONDS]
'use strict';
const smpp = require('smpp');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : dflt; };
const count = parseInt(opt('count', '10000'), 10);
const windowSize = parseInt(opt('window', '100'), 10);
const text = opt('text', 'Your order has shipped');
const timeoutMs = parseInt(opt('timeout', '120'), 10) * 1000;

const session = smpp.connect({ host: opt('host', '127.0.0.1'), port: parseInt(opt('port', '2775'), 10) });
let sent = 0, acked = 0, failed = 0, receipts = 0, duplicates = 0, outstanding = 0, started = 0, submitDone = 0;
const seen = new Set();

function finish() {
  const seconds = (submitDone - started) / 1000;
  console.log(`# node-smpp client window=${windowSize} failed=${failed} submit_seconds=${seconds.toFixed(2)}`);
  console.log(`submitted=${count} acked=${acked} receipts=${receipts} duplicates=${duplicates} rate=${Math.round(acked / seconds)}/s`);
  session.close();
  process.exit(acked === count && receipts === acked ? 0 : 1);
}

function pump() {
  while (outstanding < windowSize && sent < count) {
    const i = sent++;
    outstanding++;
    session.submit_sm({ destination_addr: '4477009' + String(i % 100000).padStart(5, '0'), dest_addr_ton: 1, dest_addr_npi: 1,
      short_message: text, registered_delivery: 1 }, (pdu) => {
      outstanding--;
      if (pdu.command_status === 0) { acked++; } else failed++;
      if (acked + failed === count) { submitDone = Date.now(); waitReceipts(); }
      else pump();
    });
  }
}

function waitReceipts() {
  const deadline = Date.now() + timeoutMs;
  const check = () => (receipts >= acked || Date.now() > deadline) ? finish() : setTimeout(check, 10);
  check();
}

session.on('deliver_sm', (pdu) => {
  session.send(pdu.response());
  const m = /id:(\S+)/i.exec(pdu.short_message && pdu.short_message.message ? pdu.short_message.message : '');
  if (!m) return;
  if (seen.has(m[1])) { duplicates++; return; }
  seen.add(m[1]);
  receipts++;
});
session.on('error', (e) => { console.error(e.message); process.exit(2); });
session.bind_transceiver({ system_id: opt('system-id', 'test'), password: opt('password', 'secret') }, (pdu) => {
  if (pdu.command_status !== 0) { console.error('bind failed ' + pdu.command_status); process.exit(2); }
  started = Date.now();
  pump();
});
