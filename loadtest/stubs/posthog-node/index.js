'use strict';
// Stand-in for posthog-node, wired in by the "overrides" of loadtest/package.json. Artillery
// sends a telemetry event on every run, even with ARTILLERY_DISABLE_TELEMETRY set (it then only
// anonymises the payload), so the client itself is replaced: same API, no network.
class PostHog {
  constructor() {}
  capture() {}
  identify() {}
  alias() {}
  groupIdentify() {}
  flush() {}
  async flushAsync() {}
  shutdown() {}
  async shutdownAsync() {}
  on() {}
}
module.exports = { PostHog, default: PostHog, stub: 'pricewire' };
