// A node-smpp (npm `smpp` 0.5.1) SMSC for the SMPP transport's integration tests and benchmark.
// Usage: node smpp-server.js [--port 0] [--system-id test] [--password secret] [--receipt-first]
//   [--tlv] [--throttle-every N] [--close-after N] [--record] [--id-format hex|dec|uuid]
// Prints "READY port=N" once listening. Destinations ending in 0666 get an UNDELIV receipt.
// stdin commands: "mo <from> <to> <text...>" sends an MO deliver_sm to every bound session;
// "stats" prints "STATS submits=N receipts=N binds=N".
'use strict';
const smpp = require('smpp');
const crypto = require('crypto');
const readline = require('readline');

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : dflt; };
const flag = (name) => args.includes('--' + name);
const port = parseInt(opt('port', '0'), 10);
const systemId = opt('system-id', 'test');
const password = opt('password', 'secret');
const throttleEvery = parseInt(opt('throttle-every', '0'), 10);
const closeAfter = parseInt(opt('close-after', '0'), 10);
const idFormat = opt('id-format', 'hex');
const receiptFirst = flag('receipt-first');
const withTlv = flag('tlv');
const record = flag('record');

let nextId = 0x10000;
let submits = 0, receipts = 0, binds = 0, closed = false;
const bound = new Set();

function newId() {
  const n = nextId++;
  if (idFormat === 'dec') return String(n);
  if (idFormat === 'uuid') return crypto.randomUUID();
  return n.toString(16).toUpperCase();
}

function stamp() {
  const d = new Date();
  const p = (v) => String(v).padStart(2, '0');
  return p(d.getUTCFullYear() % 100) + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) + p(d.getUTCHours()) + p(d.getUTCMinutes());
}

function sendReceipt(session, pdu, id) {
  const undeliv = String(pdu.destination_addr).endsWith('0666');
  const stat = undeliv ? 'UNDELIV' : 'DELIVRD';
  const text = `id:${id} sub:001 dlvrd:${undeliv ? '000' : '001'} submit date:${stamp()} done date:${stamp()} stat:${stat} err:${undeliv ? '001' : '000'} text:`;
  const receipt = {
    source_addr: pdu.destination_addr, source_addr_ton: pdu.dest_addr_ton, source_addr_npi: pdu.dest_addr_npi,
    destination_addr: pdu.source_addr, esm_class: 0x04, data_coding: 0, short_message: Buffer.from(text, 'latin1'),
  };
  if (withTlv) { receipt.receipted_message_id = id; receipt.message_state = undeliv ? 5 : 2; }
  receipts++;
  session.deliver_sm(receipt);
}

const server = smpp.createServer((session) => {
  session.on('error', () => {});
  let authed = false;
  const onBind = (pdu) => {
    if (pdu.system_id !== systemId || pdu.password !== password) {
      session.send(pdu.response({ command_status: smpp.ESME_RINVPASWD }));
      return;
    }
    authed = true; binds++;
    bound.add(session);
    session.on('close', () => bound.delete(session));
    session.send(pdu.response({ system_id: 'NODESMSC' }));
  };
  session.on('bind_transceiver', onBind);
  session.on('bind_transmitter', onBind);
  session.on('bind_receiver', onBind);
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => { session.send(pdu.response()); session.close(); });
  session.on('deliver_sm_resp', () => {});
  session.on('submit_sm', (pdu) => {
    if (!authed) { session.send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS })); return; }
    submits++;
    if (closeAfter > 0 && submits === closeAfter && !closed) {
      closed = true;
      session.destroy();
      return;
    }
    if (throttleEvery > 0 && submits % throttleEvery === 0) {
      session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
      return;
    }
    const id = newId();
    if (record) {
      const sm = pdu.short_message || {};
      console.log('SUBMIT ' + JSON.stringify({
        id, dest: pdu.destination_addr, ton: pdu.dest_addr_ton, src: pdu.source_addr, dc: pdu.data_coding, esm: pdu.esm_class,
        text: typeof sm.message === 'string' ? sm.message : (sm.message ? sm.message.toString('hex') : ''),
        udh: sm.udh ? sm.udh.map((u) => Buffer.from(u).toString('hex')) : [],
        payload: pdu.message_payload ? (typeof pdu.message_payload.message === 'string' ? pdu.message_payload.message : '') : null,
      }));
    }
    const wantsReceipt = (pdu.registered_delivery & 0x03) !== 0;
    if (wantsReceipt && receiptFirst) sendReceipt(session, pdu, id);
    session.send(pdu.response({ message_id: id }));
    if (wantsReceipt && !receiptFirst) setImmediate(() => sendReceipt(session, pdu, id));
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log('READY port=' + server.address().port);
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const parts = line.trim().split(' ');
  if (parts[0] === 'mo') {
    const text = parts.slice(3).join(' ');
    for (const s of bound) {
      s.deliver_sm({ source_addr: parts[1], source_addr_ton: 1, source_addr_npi: 1, destination_addr: parts[2], esm_class: 0, short_message: text });
    }
    console.log('MO-SENT ' + bound.size);
  } else if (parts[0] === 'stats') {
    console.log(`STATS submits=${submits} receipts=${receipts} binds=${binds}`);
  }
});
process.stdin.on('end', () => process.exit(0));
