package io.pricewire.service.refresh;

import io.pricewire.core.exchange.http.ExchangeClientSettings;

/**
 * The part of each exchange's per-IP limit one instance may use while the refresh lease cannot be
 * reached ({@code pricewire.fleet.max-instances}; the CDK sets it to the Auto Scaling group's
 * maximum, default 1).
 *
 * <p>With the lease, one instance of the fleet runs each cycle at the full limit. Without it
 * (Redis down) no instance can know whether another runs the cycle, so each one runs it — and
 * all of them call from the same address (the NAT gateway's). Dividing each exchange's limit by
 * the largest possible fleet keeps their sum within it whatever the phase of their tickers;
 * running only every N-th cycle instead would keep the average but not the peaks (two instances
 * whose turns coincide call at twice the limit, and Coinbase counts per second). The price is
 * slower cycles at a per-product exchange while Redis is down, not staleness: the bulk exchanges
 * still answer every cycle.
 */
public record FleetShare(int maxInstances) {
    /** The qualifier of the exchange clients at this share. */
    public static final String CLIENTS = "fleet-share";

    public FleetShare {
        if (maxInstances < 1) {
            throw new IllegalArgumentException("pricewire.fleet.max-instances must be >= 1: " + maxInstances);
        }
    }

    /** Of each exchange's limit, what one instance may use while every instance refreshes. */
    public double limitShare() {
        return 1.0 / maxInstances;
    }

    /** {@code settings} at this instance's share of what they allow. */
    public ExchangeClientSettings applyTo(ExchangeClientSettings settings) {
        return settings.with(settings.requestTimeout(), settings.limitShare() * limitShare());
    }
}
