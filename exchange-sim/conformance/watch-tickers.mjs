// ccxt pointed at exchange-sim: for each exchange, load its markets over REST, then watchTicker and
// watchTickers over the WebSocket stream, exactly as against the real exchange (only the URLs change).
// Prints one JSON line per parsed ticker and exits 0; on any failure prints {"error":…} and exits 1.
//
//   node watch-tickers.mjs --binance http://127.0.0.1:9101 --coinbase http://127.0.0.1:9102 \
//                          --kraken http://127.0.0.1:9103 --okx http://127.0.0.1:9104 [--timeout-ms 20000]
import http from 'node:http';
import ccxt from 'ccxt';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => {
  if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]]);
  return pairs;
}, []));
const timeoutMs = Number(args['timeout-ms'] ?? 20000);
// ws:// (no TLS) needs an explicit agent in ccxt, see its loadHttpProxyAgent
const agent = new http.Agent();
const ws = (base) => base.replace(/^http/, 'ws');

// Each exchange's ccxt class, the URL overrides that point it at the sim, and the symbols to watch.
const exchanges = {
  binance: (base) => {
    const ex = new ccxt.pro.binance({ httpAgent: agent, options: { fetchMarkets: { types: ['spot'] } } });
    ex.urls.api.public = base + '/api/v3';
    ex.urls.api.ws.spot = ws(base) + '/ws'; // ccxt connects to /ws/0, /ws/1, … as on Binance
    return { ex, symbols: ['BTC/USDT', 'ETH/USDT'] };
  },
  coinbase: (base) => {
    const ex = new ccxt.pro.coinbaseexchange({ httpAgent: agent });
    ex.urls.api.public = base;
    ex.urls.api.ws = ws(base);
    return { ex, symbols: ['BTC/USD', 'ETH/USD'] };
  },
  kraken: (base) => {
    const ex = new ccxt.pro.kraken({ httpAgent: agent });
    ex.urls.api.public = base;
    ex.urls.api.ws.publicV2 = ws(base) + '/v2';
    return { ex, symbols: ['BTC/USD', 'ETH/USD'] };
  },
  okx: (base) => {
    const ex = new ccxt.pro.okx({ httpAgent: agent, options: { fetchMarkets: { types: ['spot'] } } });
    ex.urls.api.rest = base;
    ex.urls.api.ws = ws(base) + '/ws/v5';
    return { ex, symbols: ['BTC/USDT', 'ETH/USDT'] };
  },
};

function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function line(exchange, method, t) {
  return JSON.stringify({
    exchange, method, symbol: t.symbol, last: t.last, bid: t.bid, ask: t.ask,
    timestamp: t.timestamp ?? null, datetime: t.datetime ?? null,
  });
}

async function check(name, base) {
  const { ex, symbols } = exchanges[name](base);
  // the sim lists pairs, not currency metadata (deposit networks, …), which tickers do not need
  ex.has.fetchCurrencies = false;
  try {
    await within(ex.loadMarkets(), `${name} loadMarkets`);
    const one = await within(ex.watchTicker(symbols[0]), `${name} watchTicker ${symbols[0]}`);
    console.log(line(name, 'watchTicker', one));
    // watchTickers resolves with the tickers of the latest message; ccxt keeps every ticker it parsed in
    // ex.tickers, so watch until each symbol has one there (ticks of several symbols arrive together)
    const deadline = Date.now() + timeoutMs;
    while (!symbols.every((s) => ex.tickers[s]) && Date.now() < deadline) {
      await within(ex.watchTickers(symbols), `${name} watchTickers ${symbols}`);
    }
    for (const s of symbols) {
      if (!ex.tickers[s]) throw new Error(`${name} watchTickers: no ticker for ${s} within ${timeoutMs} ms`);
      console.log(line(name, 'watchTickers', ex.tickers[s]));
    }
  } finally {
    await ex.close();
  }
}

try {
  for (const name of Object.keys(exchanges).filter((n) => args[n])) {
    await check(name, args[name]);
  }
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ error: `${e.constructor.name}: ${e.message}` }));
  process.exit(1);
}
