#!/usr/bin/env node
'use strict';
// Makes Artillery's telemetry a no-op and checks that it is one. Run by `npm install`
// (postinstall) and before every run by loadtest/run; idempotent. Two layers:
//  1. node_modules/posthog-node is our stub (package.json "overrides"): the only library
//     Artillery sends telemetry with has no network code at all;
//  2. node_modules/artillery/lib/telemetry.js is replaced by a module with the same exports
//     that never loads a client, so an update that swaps the library is still silenced.
// Exits non-zero, with one sentence, when either cannot be ensured.
const fs = require('fs');
const path = require('path');

const modules = path.join(__dirname, '..', 'node_modules');
const telemetry = path.join(modules, 'artillery', 'lib', 'telemetry.js');
const MARKER = '// pricewire: telemetry stubbed';
const NOOP = `${MARKER} (loadtest/scripts/stub-telemetry.js)
'use strict';
const telemetry = { capture: () => {}, shutdown: async () => {} };
module.exports = { init: () => telemetry, notice: () => {}, isEnabled: () => false };
`;

function fail(message) {
  console.error(`stub-telemetry: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(telemetry)) {
  fail(`${telemetry} is missing: run "npm ci" in loadtest/ (or Artillery moved its telemetry module; stub the new one).`);
}
if (!fs.readFileSync(telemetry, 'utf8').startsWith(MARKER)) {
  fs.writeFileSync(telemetry, NOOP);
}
let posthog;
try {
  posthog = require(path.join(modules, 'posthog-node', 'package.json'));
} catch (e) {
  posthog = null; // absent is as good as stubbed
}
if (posthog && !String(posthog.version).endsWith('-pricewire-stub')) {
  fail('node_modules/posthog-node is the real client, not loadtest/stubs/posthog-node: check "overrides" in loadtest/package.json and run "npm ci".');
}
