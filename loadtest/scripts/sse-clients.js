#!/usr/bin/env node
// SSE clients for loadtest/fleet: opens EventSource clients (the npm `eventsource` package, pinned in package.json)
// and writes one JSON line to stdout for everything that happens to each, with the time in epoch milliseconds:
//
//   node scripts/sse-clients.js <name>=<url>[*<count>] …
//   {"t":1764500000000,"c":"lb-3","ev":"response","status":200,"server":"i2"}   HTTP answer (X-Served-By: HAProxy's server)
//   {"t":…,"c":"lb-3","ev":"open"}                       the stream is open
//   {"t":…,"c":"lb-3","ev":"subscribed"}                 event: subscribed
//   {"t":…,"c":"lb-3","ev":"price","sym":"BTC","ts":"2026-…Z","id":"BTC:1764…"}   event: price
//   {"t":…,"c":"lb-3","ev":"reconnect"}                  event: reconnect (the instance is shutting down)
//   {"t":…,"c":"lb-3","ev":"error","code":null,"msg":"…","closed":false}   the connection ended or failed
//
// As the standard says, a client reconnects by itself when its stream ends or breaks (after the server's `retry:`),
// but not after an answer other than a 200 event stream: then it is created again after 500 ms, as a page would
// retry (its "error" line has closed=true). <count> clients share a name, numbered from 1: <name>-1, <name>-2, …
// Runs until SIGTERM or until stdin closes.
'use strict';
const { EventSource } = require('eventsource');

const RECREATE_AFTER_MS = 500;

function out(line) {
  process.stdout.write(JSON.stringify({ t: Date.now(), ...line }) + '\n');
}

function client(name, url) {
  // the answer's status and X-Served-By, which the EventSource API does not expose
  const fetchLogged = async (input, init) => {
    const response = await fetch(input, init);
    out({ c: name, ev: 'response', status: response.status, server: response.headers.get('x-served-by') });
    return response;
  };
  const connect = () => {
    const es = new EventSource(url, { fetch: fetchLogged });
    es.addEventListener('open', () => out({ c: name, ev: 'open' }));
    es.addEventListener('subscribed', () => out({ c: name, ev: 'subscribed' }));
    es.addEventListener('reconnect', () => out({ c: name, ev: 'reconnect' }));
    es.addEventListener('price', (e) => {
      let price = {};
      try {
        price = JSON.parse(e.data);
      } catch {
        // logged without symbol: the fleet script counts it as an event that says nothing
      }
      out({ c: name, ev: 'price', sym: price.symbol ?? null, ts: price.timestamp ?? null, id: e.lastEventId });
    });
    es.addEventListener('error', (e) => {
      const closed = es.readyState === es.CLOSED;
      out({ c: name, ev: 'error', code: e.code ?? null, msg: e.message ?? '', closed });
      if (closed) {
        setTimeout(connect, RECREATE_AFTER_MS);
      }
    });
  };
  connect();
}

const specs = process.argv.slice(2);
if (!specs.length) {
  process.stderr.write('usage: node scripts/sse-clients.js <name>=<url>[*<count>] …\n');
  process.exit(2);
}
for (const spec of specs) {
  const m = spec.match(/^([\w.-]+)=(https?:\/\/[^*]+)(?:\*(\d+))?$/);
  if (!m) {
    process.stderr.write(`not <name>=<url>[*<count>]: ${spec}\n`);
    process.exit(2);
  }
  const count = Number(m[3] ?? 1);
  for (let i = 1; i <= count; i++) {
    client(count > 1 ? `${m[1]}-${i}` : m[1], m[2]);
  }
}
process.on('SIGTERM', () => process.exit(0));
// the reader went away: nobody to tell any more
process.stdout.on('error', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
