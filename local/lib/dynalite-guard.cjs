// Preloaded into dynalite (node --require): dynalite 4.0.0 rethrows a request's 'error' event
// (index.js: `req.on('error', function (err) { throw err })`), so one client that closes its
// connection before its request is answered — a timed-out SDK call, a service stopping with a
// write in flight — ends the whole server and every other client's tables with it. That error
// (ECONNRESET "aborted") concerns only the request that went away: it is logged and dynalite
// serves on. Anything else still ends the process, as before.
'use strict';

process.on('uncaughtException', (err) => {
  if (err && err.code === 'ECONNRESET') {
    console.error(`[dynalite-guard] ${new Date().toISOString()} a client closed its connection mid-request (${err.message}); still serving`);
    return;
  }
  console.error(err);
  process.exit(1);
});
