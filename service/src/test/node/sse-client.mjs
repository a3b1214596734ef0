// Drives the npm `eventsource` client (what Pyth's hermes-client uses) against a Pricewire stream and prints one JSON
// line per thing it sees: {"t":<epoch ms>,"type":"open|price|subscribed|reconnect|error|...","id":...,"data":...}.
// usage: node sse-client.mjs <url> <seconds>   — exits after <seconds>; the client reconnects by itself meanwhile.
import { EventSource } from 'eventsource';

const [url, seconds] = process.argv.slice(2);
const print = (type, e) =>
  process.stdout.write(JSON.stringify({ t: Date.now(), type, id: e?.lastEventId ?? null, data: e?.data ?? null }) + '\n');

const source = new EventSource(url);
source.onopen = () => print('open');
for (const type of ['price', 'subscribed', 'reconnect']) {
  source.addEventListener(type, (e) => print(type, e));
}
// a server-sent `event: error` carries data; a connection failure does not
source.addEventListener('error', (e) => print(e.data === undefined ? 'connection_error' : 'error', e));
setTimeout(() => {
  source.close();
  process.exit(0);
}, Number(seconds) * 1000);
