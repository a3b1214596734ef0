package io.pricewire.sim.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.sim.exchange.WeightWindow.Outcome;
import org.junit.jupiter.api.Test;

class RateLimitersTest {
    private static final long T0 = 1_767_225_600_000L;

    @Test
    void shouldAllowABurstOfFifteenThenRefillTenPerSecondWhenBucketIsCoinbases() {
        TokenBucket bucket = new TokenBucket(15, 10);
        for (int i = 0; i < 15; i++) {
            assertThat(bucket.tryAcquire(T0)).as("request %d", i).isTrue();
        }
        assertThat(bucket.tryAcquire(T0)).isFalse();
        assertThat(bucket.tryAcquire(T0 + 100)).isTrue();
        assertThat(bucket.tryAcquire(T0 + 100)).isFalse();
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            allowed += bucket.tryAcquire(T0 + 1_100) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(10);
    }

    @Test
    void shouldRefuseTheSixteenthQuickCallAndRecoverOnePerSecondWhenCounterIsKrakens() {
        DecayingCounter counter = new DecayingCounter(15, 1.0);
        for (int i = 0; i < 15; i++) {
            assertThat(counter.tryCall(T0)).isTrue();
        }
        assertThat(counter.tryCall(T0 + 500)).isFalse();
        assertThat(counter.tryCall(T0 + 1_000)).isTrue();
        assertThat(counter.tryCall(T0 + 1_000)).isFalse();
    }

    @Test
    void shouldAllowTwentyPerTwoSecondsWhenWindowIsOkxs() {
        SlidingWindow window = new SlidingWindow(20, 2_000);
        for (int i = 0; i < 20; i++) {
            assertThat(window.tryAcquire(T0 + i * 10L)).isTrue();
        }
        assertThat(window.tryAcquire(T0 + 1_999)).isFalse();
        assertThat(window.tryAcquire(T0 + 2_000)).isTrue();
        assertThat(window.tryAcquire(T0 + 2_001)).isFalse();
        assertThat(window.tryAcquire(T0 + 2_010)).isTrue();
    }

    @Test
    void shouldReportUsedWeightAndLimitWithRetryAfterWhenWeightExceedsTheMinute() {
        WeightWindow window = new WeightWindow(10, 120_000, true);
        assertThat(window.charge(4, T0).usedWeight()).isEqualTo(4);
        assertThat(window.charge(4, T0 + 20_000).usedWeight()).isEqualTo(8);
        WeightWindow.Verdict limited = window.charge(4, T0 + 30_000);
        assertThat(limited.outcome()).isEqualTo(Outcome.LIMITED);
        assertThat(limited.usedWeight()).isEqualTo(8);
        // the first 4 leave the window at T0 + 60 s, 30 s after the refused request
        assertThat(limited.retryAfterSeconds()).isEqualTo(30);
        assertThat(window.charge(4, T0 + 60_000).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void shouldBanWithStatus418WhenTheClientKeepsCallingDuringTheBackOff() {
        WeightWindow window = new WeightWindow(4, 120_000, true);
        assertThat(window.charge(4, T0).outcome()).isEqualTo(Outcome.OK);
        assertThat(window.charge(4, T0 + 1).outcome()).isEqualTo(Outcome.LIMITED);
        assertThat(window.charge(4, T0 + 2).outcome()).isEqualTo(Outcome.LIMITED);
        assertThat(window.charge(4, T0 + 3).outcome()).isEqualTo(Outcome.LIMITED);
        WeightWindow.Verdict banned = window.charge(4, T0 + 4);
        assertThat(banned.outcome()).isEqualTo(Outcome.BANNED);
        assertThat(banned.retryAfterSeconds()).isEqualTo(120);
        assertThat(window.charge(4, T0 + 100_000).outcome()).isEqualTo(Outcome.BANNED);
        assertThat(window.charge(4, T0 + 120_004).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void shouldNeverBanWhenTheClientWaitsForRetryAfter() {
        WeightWindow window = new WeightWindow(4, 120_000, true);
        window.charge(4, T0);
        WeightWindow.Verdict limited = window.charge(4, T0 + 1_000);
        assertThat(limited.outcome()).isEqualTo(Outcome.LIMITED);
        assertThat(window.charge(4, T0 + 1_000 + limited.retryAfterSeconds() * 1_000)
                        .outcome())
                .isEqualTo(Outcome.OK);
    }

    @Test
    void shouldCountWeightButNeverRefuseWhenLimitsAreNotEnforced() {
        WeightWindow window = new WeightWindow(4, 120_000, false);
        for (int i = 1; i <= 5; i++) {
            WeightWindow.Verdict v = window.charge(4, T0);
            assertThat(v.outcome()).isEqualTo(Outcome.OK);
            assertThat(v.usedWeight()).isEqualTo(4L * i);
        }
    }
}
