package io.pricewire.core.aggregate;

import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.Quote;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.price.RejectedQuote;
import io.pricewire.core.price.SourcePrice;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one asset's exchange quotes into one USD price. Pure and deterministic: the same quotes in any order, the
 * same rates, {@code now} and reference give the same {@link Aggregation}; what must be remembered between readings
 * is the caller's ({@link JumpGuard}).
 *
 * <ol>
 *   <li><b>Conversion.</b> Each quote is converted to USD with {@link FxRates}; a quote whose currency has no rate
 *       is rejected as {@code no_fx_rate} (its price reported as received) — a USDT price is never taken as USD.
 *       Conversion is checked before staleness only so that the price of a {@code stale} rejection is always in
 *       USD; which of the two drops a quote that is both makes no difference to the result.</li>
 *   <li><b>Staleness.</b> A quote older than {@code maxQuoteAge} at {@code now} is rejected as {@code stale}.</li>
 *   <li><b>Outliers.</b> With three or more quotes, the centre is their plain median (unweighted, so that a broken
 *       exchange with large volume cannot drag the centre), and a quote further than
 *       {@link AggregationPolicy#outlierBand()} × centre from it is rejected as {@code outlier} — provided the
 *       quotes inside the band are a strict majority. When they are not (say 2 of 4 exchanges broken, or a market
 *       spread wider than the band), the quotes hold no consensus to defend: nothing is rejected and the result is
 *       {@code degraded}. With exactly two quotes further apart than band × their midpoint there is no way to tell
 *       which one is wrong: both are kept and the result is {@code degraded}.</li>
 *   <li><b>Aggregate.</b> The volume-weighted median of the remaining quotes when every one of them reports a
 *       volume (all exchanges report base-currency volume, so weights are comparable), else the plain median. An
 *       even count gives the mean of the two middle prices; the weighted median does the same when the cumulative
 *       weight lands exactly on half, so equal volumes give the plain median. Zero-volume quotes stay sources but
 *       carry no weight.</li>
 *   <li><b>Quorum.</b> {@code ok} when the remaining quotes come from at least {@link AggregationPolicy#quorum()}
 *       distinct exchanges and agree, else {@code degraded}; no remaining quote → no price.</li>
 *   <li><b>Jump hold.</b> Only with a {@code reference}, the asset's last accepted price (the caller decides how
 *       recent it must be; {@link JumpGuard} keeps it). Half the assets have one or two sources, where the outlier
 *       rule has no majority to work with, so one broken exchange could otherwise set the price. A quote or
 *       aggregate <i>jumps</i> when it is further than {@link AggregationPolicy#jumpThreshold()} × reference from
 *       the reference. Unless two or more distinct exchanges agree on the result (that consensus confirms any move
 *       at once, a crash included):
 *       <ul>
 *         <li>quotes that jump beside quotes that do not are rejected as {@code unconfirmed} and the steady ones
 *             used — one ×10 quote beside one honest quote gives the honest price, {@code degraded};</li>
 *         <li>when the aggregate of what is left still jumps, it is <i>held</i>: the answer is the reference price,
 *             {@code degraded}, with the reference's sources and every remaining quote rejected as
 *             {@code unconfirmed}, and {@link Aggregation#held()} names the would-be aggregate;</li>
 *         <li>the next reading confirms a held jump when its own aggregate is not a jump from the held one (within
 *             the jump threshold of it): it is then published as usual. A reading back near the reference is
 *             published and ends the hold, so a source that lies every other reading is never published.</li>
 *       </ul>
 *       A real move on a single source is therefore published one reading late: at worst one refresh interval of
 *       the asset's tier. Two disagreeing quotes whose midpoint does not jump are published as before: a wide
 *       two-exchange market is not a jump.</li>
 * </ol>
 *
 * <p><b>The held answer's timestamp</b> is the reference's plus one millisecond, never {@code now}: the timestamp
 * says when the price was observed, and nothing observed the reference price now, so a fresh one would claim a
 * freshness the price does not have. {@code ageMs} keeps growing while the jump is held (and the price turns
 * {@code stale} to readers in time), yet the extra millisecond lets the held answer, with its {@code degraded}
 * status and its {@code unconfirmed} quotes, replace the stored reference under the newer-wins rule of the store
 * and cache. A second hold on the same reference carries the same timestamp and so changes nothing stored.
 *
 * <p><b>Why a percentage band and not a median-absolute-deviation (MAD) rule.</b> With the two to four quotes an
 * asset has, the MAD is unstable: when the exchanges agree closely it collapses towards zero (two identical quotes
 * make it exactly zero), so a MAD rule would throw out a quote that is merely 0.1 % behind in a fast market. Used
 * the other way round, as a guard that widens the band when quotes are dispersed, it would hide exactly the
 * disagreement that should make a price {@code degraded}. The median already caps the pull of a quote that is off
 * but inside the band, so a fixed relative band plus the majority rule above is both simpler and stricter where it
 * matters. The band is a policy setting, should illiquid assets need a wider one.
 *
 * <p>Arithmetic is {@link MathContext#DECIMAL64}; published prices (aggregate and per-source USD prices) are rounded
 * to {@link AggregationPolicy#significantDigits()} and never carry a negative scale, so {@code toPlainString()} prints
 * a plain decimal. Serialise them with {@code toPlainString()}: {@code toString()} still uses an exponent for values
 * below 1e-6.
 */
public final class Aggregator {

    public static final String STALE = "stale";
    public static final String NO_FX_RATE = "no_fx_rate";
    public static final String OUTLIER = "outlier";
    /** A quote that jumped from the last accepted price and is not (yet) confirmed by another exchange or reading. */
    public static final String UNCONFIRMED = "unconfirmed";

    private static final MathContext MATH = MathContext.DECIMAL64;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final Comparator<Quote> INPUT_ORDER = Comparator.comparing(Quote::exchange)
            .thenComparing(Quote::price)
            .thenComparing(Quote::timestamp)
            .thenComparing(Quote::currency)
            .thenComparing(Quote::volume, Comparator.nullsFirst(Comparator.naturalOrder()));
    private static final Comparator<Converted> BY_USD =
            Comparator.comparing(Converted::usd).thenComparing(c -> c.quote().exchange());
    private static final Comparator<RejectedQuote> REJECTED_ORDER = Comparator.comparing(RejectedQuote::exchange)
            .thenComparing(RejectedQuote::price)
            .thenComparing(RejectedQuote::reason);

    private final AggregationPolicy policy;
    private final MathContext publish;

    public Aggregator(AggregationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.publish = new MathContext(policy.significantDigits(), RoundingMode.HALF_EVEN);
    }

    public AggregationPolicy policy() {
        return policy;
    }

    /**
     * Aggregates {@code quotes} of {@code symbol}.
     *
     * @param tier        the tier being refreshed, recorded as the price's {@code refreshedAs}
     * @param quotes      the quotes of this symbol from any exchanges (a quote of another symbol is a caller bug)
     * @param fx          USD rates for USDT/USDC quotes
     * @param maxQuoteAge the tier's staleness limit
     * @param now         the aggregate's timestamp and the reference for staleness
     */
    public Aggregation aggregate(
            String symbol, Tier tier, List<Quote> quotes, FxRates fx, Duration maxQuoteAge, Instant now) {
        return aggregate(symbol, tier, quotes, fx, maxQuoteAge, now, null, null);
    }

    /**
     * As {@link #aggregate(String, Tier, List, FxRates, Duration, Instant)}, measured against the asset's last
     * accepted price: when the quotes have no consensus (two that disagree, or no majority), those within the
     * outlier band of {@code reference} are kept and the others rejected as outliers; and a jump that fewer than two
     * agreeing exchanges stand behind is held (see the class comment). Without a reference the result is the plain
     * rule and nothing is held.
     *
     * @param reference the last accepted aggregate of this asset, recent enough to compare with, or {@code null}
     * @param pending   the jump the previous reading of this asset held, or {@code null}
     */
    public Aggregation aggregate(
            String symbol,
            Tier tier,
            List<Quote> quotes,
            FxRates fx,
            Duration maxQuoteAge,
            Instant now,
            Price reference,
            PendingJump pending) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(fx, "fx");
        Objects.requireNonNull(maxQuoteAge, "maxQuoteAge");
        Objects.requireNonNull(now, "now");
        if (maxQuoteAge.isNegative()) {
            throw new IllegalArgumentException("maxQuoteAge must not be negative: " + maxQuoteAge);
        }
        if (reference != null && !symbol.equals(reference.symbol())) {
            throw new IllegalArgumentException(
                    "reference of " + reference.symbol() + " passed to the aggregation of " + symbol);
        }

        List<RejectedQuote> rejected = new ArrayList<>();
        List<Converted> usable = new ArrayList<>();
        for (Quote quote : quotes.stream().sorted(INPUT_ORDER).toList()) {
            if (!symbol.equals(quote.symbol())) {
                throw new IllegalArgumentException(
                        "quote for " + quote.symbol() + " passed to the aggregation of " + symbol);
            }
            Optional<BigDecimal> rate = fx.usdPerUnit(quote.currency());
            if (rate.isEmpty()) {
                rejected.add(new RejectedQuote(quote.exchange(), quote.price(), NO_FX_RATE));
                continue;
            }
            BigDecimal usd = quote.price().multiply(rate.get(), MATH);
            if (Duration.between(quote.timestamp(), now).compareTo(maxQuoteAge) > 0) {
                rejected.add(new RejectedQuote(quote.exchange(), rounded(usd), STALE));
            } else {
                usable.add(new Converted(quote, usd));
            }
        }
        usable.sort(BY_USD);

        boolean consensus = true;
        if (usable.size() == 2) {
            BigDecimal midpoint = median(usable);
            consensus = usable.get(1)
                            .usd()
                            .subtract(usable.get(0).usd())
                            .compareTo(policy.outlierBand().multiply(midpoint))
                    <= 0;
        } else if (usable.size() >= 3) {
            BigDecimal centre = median(usable);
            BigDecimal tolerance = policy.outlierBand().multiply(centre);
            List<Converted> inBand = usable.stream()
                    .filter(c -> c.usd().subtract(centre).abs().compareTo(tolerance) <= 0)
                    .toList();
            if (inBand.size() * 2 > usable.size()) {
                usable.stream()
                        .filter(c -> !inBand.contains(c))
                        .forEach(c -> rejected.add(new RejectedQuote(c.quote().exchange(), rounded(c.usd()), OUTLIER)));
                usable = new ArrayList<>(inBand);
            } else {
                consensus = false;
            }
        }
        BigDecimal last = reference == null || reference.price().signum() <= 0 ? null : reference.price();
        boolean confirmedBySources = consensus && distinctExchanges(usable) >= 2;
        boolean guarded = last != null && !confirmedBySources;
        if (guarded) {
            List<Converted> steady =
                    usable.stream().filter(c -> !jumps(c.usd(), last)).toList();
            if (!steady.isEmpty() && steady.size() < usable.size()) {
                usable.stream()
                        .filter(c -> !steady.contains(c))
                        .forEach(c ->
                                rejected.add(new RejectedQuote(c.quote().exchange(), rounded(c.usd()), UNCONFIRMED)));
                usable = new ArrayList<>(steady);
                consensus = agree(usable);
            }
        }
        if (!consensus && last != null) {
            BigDecimal tolerance = policy.outlierBand().multiply(last);
            List<Converted> nearReference = usable.stream()
                    .filter(c -> c.usd().subtract(last).abs().compareTo(tolerance) <= 0)
                    .toList();
            if (!nearReference.isEmpty() && nearReference.size() < usable.size()) {
                usable.stream()
                        .filter(c -> !nearReference.contains(c))
                        .forEach(c -> rejected.add(new RejectedQuote(c.quote().exchange(), rounded(c.usd()), OUTLIER)));
                usable = new ArrayList<>(nearReference);
                consensus = true; // the survivors all sit within the band of the reference
            }
        }
        rejected.sort(REJECTED_ORDER);

        if (usable.isEmpty()) {
            return new Aggregation(symbol, null, rejected);
        }
        boolean weighted = usable.stream()
                .allMatch(c -> c.quote().volume() != null && c.quote().volume().signum() >= 0);
        BigDecimal aggregate = weighted ? weightedMedian(usable) : median(usable);
        if (guarded && jumps(aggregate, last)) {
            boolean confirmedByReading =
                    pending != null && pending.firstSeen().isBefore(now) && !jumps(aggregate, pending.price());
            if (!confirmedByReading) {
                return hold(reference, tier, usable, rejected, aggregate, now);
            }
        }
        long exchanges = distinctExchanges(usable);
        PriceStatus status = consensus && exchanges >= policy.quorum() ? PriceStatus.OK : PriceStatus.DEGRADED;
        List<SourcePrice> sources = usable.stream()
                .sorted(Comparator.comparing((Converted c) -> c.quote().exchange())
                        .thenComparing(Converted::usd))
                .map(c -> new SourcePrice(
                        c.quote().exchange(), rounded(c.usd()), c.quote().timestamp()))
                .toList();
        Price price = new Price(symbol, FxRates.USD, rounded(aggregate), now, tier, status, sources, rejected);
        return new Aggregation(symbol, price, rejected);
    }

    /** The reference again, in place of an aggregate that jumped from it; see the class comment for the timestamp. */
    private Aggregation hold(
            Price reference,
            Tier tier,
            List<Converted> jumped,
            List<RejectedQuote> rejectedSoFar,
            BigDecimal wouldBe,
            Instant now) {
        List<RejectedQuote> rejected = new ArrayList<>(rejectedSoFar);
        jumped.forEach(c -> rejected.add(new RejectedQuote(c.quote().exchange(), rounded(c.usd()), UNCONFIRMED)));
        rejected.sort(REJECTED_ORDER);
        Instant afterReference = reference.timestamp().plusMillis(1);
        Instant timestamp = afterReference.isAfter(now) ? now : afterReference;
        Price held = new Price(
                reference.symbol(),
                reference.currency(),
                reference.price(),
                timestamp,
                tier,
                PriceStatus.DEGRADED,
                reference.sources(),
                rejected);
        return new Aggregation(reference.symbol(), held, rejected, new PendingJump(rounded(wouldBe), now));
    }

    /** Whether {@code price} is further than the jump threshold from {@code from}. */
    private boolean jumps(BigDecimal price, BigDecimal from) {
        return price.subtract(from).abs().compareTo(policy.jumpThreshold().multiply(from, MATH)) > 0;
    }

    /** Whether prices sorted ascending lie within the outlier band of their median; the two-quote rule for two. */
    private boolean agree(List<Converted> sorted) {
        if (sorted.size() < 2) {
            return true;
        }
        BigDecimal spread = sorted.getLast().usd().subtract(sorted.getFirst().usd());
        return spread.compareTo(policy.outlierBand().multiply(median(sorted))) <= 0;
    }

    private static long distinctExchanges(List<Converted> quotes) {
        return quotes.stream().map(c -> c.quote().exchange()).distinct().count();
    }

    /** Plain median of prices sorted ascending; mean of the two middle ones for an even count. */
    private static BigDecimal median(List<Converted> sorted) {
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2).usd();
        }
        return sorted.get(n / 2 - 1).usd().add(sorted.get(n / 2).usd()).divide(TWO, MATH);
    }

    /**
     * The price at which half the volume lies on either side: the first price whose cumulative weight passes half
     * the total, or the mean of it and the next weighted price when the cumulative weight hits half exactly.
     */
    private static BigDecimal weightedMedian(List<Converted> sorted) {
        List<Converted> weighted =
                sorted.stream().filter(c -> c.quote().volume().signum() > 0).toList();
        if (weighted.isEmpty()) {
            return median(sorted);
        }
        BigDecimal half = weighted.stream()
                .map(c -> c.quote().volume())
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(TWO);
        BigDecimal cumulative = BigDecimal.ZERO;
        for (int i = 0; i < weighted.size(); i++) {
            cumulative = cumulative.add(weighted.get(i).quote().volume());
            int cmp = cumulative.compareTo(half);
            if (cmp > 0) {
                return weighted.get(i).usd();
            }
            if (cmp == 0) {
                return weighted.get(i).usd().add(weighted.get(i + 1).usd()).divide(TWO, MATH);
            }
        }
        throw new IllegalStateException("cumulative weight never reached half the total");
    }

    /** Rounded for publication, without trailing zeros and never with a negative scale (no exponent in plain form). */
    private BigDecimal rounded(BigDecimal value) {
        BigDecimal r = value.round(publish).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    private record Converted(Quote quote, BigDecimal usd) {}
}
