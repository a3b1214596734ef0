// Drives the official CoinGecko TypeScript client (@coingecko/coingecko-typescript) against Pricewire's
// CoinGecko-compatible API and prints one JSON object with what each call returned, for CoinGeckoApiTest to check.
// usage: node coingecko-client.mjs <base URL, e.g. http://127.0.0.1:8080/api/v3>
import Coingecko from '@coingecko/coingecko-typescript';

const [baseURL] = process.argv.slice(2);
// the client refuses to send anything without a key; Pricewire accepts any and ignores it
const client = new Coingecko({ baseURL, demoAPIKey: 'pricewire-test', maxRetries: 0, timeout: 10_000 });

const seen = {};
seen.ping = await client.ping.get();
seen.price = await client.simple.price.get({
  ids: 'bitcoin,ethereum,solana,nosuchcoin',
  vs_currencies: 'usd,usdt,btc,sats',
  include_market_cap: true,
  include_24hr_vol: true,
  include_24hr_change: true,
  include_last_updated_at: true,
  precision: 'full',
});
seen.rounded = await client.simple.price.get({ symbols: 'btc', vs_currencies: 'usd', precision: '2' });
seen.supported = await client.simple.supportedVsCurrencies.get();
seen.coins = (await client.coins.list.get({ include_platform: false })).length;
seen.markets = await client.coins.markets.get({
  vs_currency: 'usd',
  ids: 'solana,bitcoin',
  order: 'market_cap_desc',
  per_page: 10,
  page: 1,
  sparkline: true,
  price_change_percentage: '24h',
});
seen.chart = await client.coins.marketChart.get('solana', { vs_currency: 'usd', days: '1' });
try {
  await client.simple.price.get({ ids: 'bitcoin' });
  seen.missing = null;
} catch (e) {
  seen.missing = { status: e.status, type: e.constructor.name, error: e.error };
}
process.stdout.write(JSON.stringify(seen));
