'use strict';
// The seed plan's thread behaviour for Artillery (scenarios/seed.yml): a random symbol of the
// group's tier per request, the group's loop count per user, and errors counted per answer rather
// than per user (the seed's thread groups carry on after an error).
const fs = require('fs');
const path = require('path');

const tier = process.env.SEED_TIER;
const loops = Number.parseInt(process.env.SEED_LOOPS || '', 10);
if (!['hot', 'medium', 'cold'].includes(tier) || !(loops > 0)) {
  throw new Error('seed-processor: SEED_TIER (hot|medium|cold) and SEED_LOOPS (>= 1) must be set; run loadtest/seed');
}
const payload = process.env.SEED_PAYLOAD || path.join(__dirname, '..', 'payloads', `${tier}.csv`);
const symbols = fs.readFileSync(payload, 'utf8').split('\n').map((s) => s.trim()).filter((s) => s && s !== 'symbol');
if (symbols.length === 0) {
  throw new Error(`seed-processor: no symbols in ${payload}`);
}

function pickSymbol(context, events, done) {
  context.vars.symbol = symbols[Math.floor(Math.random() * symbols.length)];
  return done();
}

// Artillery asks after each pass (the first always runs), so this counts the passes made
function moreLoops(context, next) {
  context.vars.seedPasses = (context.vars.seedPasses || 0) + 1;
  return next(context.vars.seedPasses < loops);
}

// a 200 must carry a price; anything else is the plan's error, counted without ending the loop
function countAnswer(req, res, context, events, done) {
  let ok = res.statusCode === 200;
  if (ok) {
    try {
      ok = typeof JSON.parse(res.body).price !== 'undefined';
    } catch (e) {
      ok = false;
    }
  }
  events.emit('counter', ok ? 'seed.ok' : 'seed.failed', 1);
  if (!ok) {
    events.emit('counter', `seed.failed.${res.statusCode}`, 1);
  }
  return done();
}

module.exports = { pickSymbol, moreLoops, countAnswer };
