package io.pricewire.core.refresh;

import io.pricewire.core.aggregate.FxRates;
import io.pricewire.core.price.Price;
import io.pricewire.core.price.PriceStatus;
import io.pricewire.core.store.PriceStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The USD rates the refresh engine converts USDT and USDC quotes with: the latest USDT/USD and USDC/USD
 * aggregates that are trustworthy enough to multiply other prices by, never assumed 1:1.
 *
 * <p>A rate comes from a refresh's own stablecoin aggregate ({@link #offer(Price)}), else from the last one, else
 * from the store. Once the last one is {@link #MAX_AGE} old and the store has none younger, the stablecoin is
 * refreshed along with the batch ({@link #toFetch(Set, Instant)}); until a usable aggregate replaces it, the last
 * good rate stays in use. Safe for concurrent refreshes.
 */
final class FxRateBook {
    static final String USDT = "USDT";
    static final String USDC = "USDC";
    /** The stablecoins converted, in the order a refresh aggregates them. */
    static final List<String> STABLECOINS = List.of(USDT, USDC);
    /** How long a rate stays in use without a newer one. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private static final BigDecimal PEG_LOW = new BigDecimal("0.9");
    private static final BigDecimal PEG_HIGH = new BigDecimal("1.1");
    private static final BigDecimal PEG_LOW_SINGLE_SOURCE = new BigDecimal("0.98");
    private static final BigDecimal PEG_HIGH_SINGLE_SOURCE = new BigDecimal("1.02");
    private static final Logger LOG = LoggerFactory.getLogger(FxRateBook.class);

    private final PriceStore store;
    private final Map<String, Price> rates = new ConcurrentHashMap<>();

    /** {@code store}: where the rates are looked up when no refresh of this process has one recent enough. */
    FxRateBook(PriceStore store) {
        this.store = store;
    }

    /**
     * The stablecoins a batch of {@code batch} symbols must fetch along with its own assets: those it does not
     * hold and of which neither this book nor the store has a usable rate at most {@link #MAX_AGE} old at
     * {@code now}. A store that cannot be read only means the stablecoins are fetched.
     */
    List<String> toFetch(Set<String> batch, Instant now) {
        List<String> unknown = new ArrayList<>();
        for (String stable : STABLECOINS) {
            if (!batch.contains(stable) && !isRecent(stable, now)) {
                unknown.add(stable);
            }
        }
        if (unknown.isEmpty()) {
            return List.of();
        }
        try {
            store.getAll(unknown).forEach((symbol, price) -> {
                if (price.age(now).compareTo(MAX_AGE) <= 0 && usable(price)) {
                    rates.put(symbol, price);
                }
            });
        } catch (PriceStore.StoreException e) {
            LOG.warn("could not read FX rates from the store: {}", e.getMessage());
        }
        return unknown.stream().filter(s -> !isRecent(s, now)).toList();
    }

    /** Takes a fresh stablecoin aggregate as its rate, when {@link #usable(Price) usable}; returns whether it did. */
    boolean offer(Price aggregate) {
        if (!STABLECOINS.contains(aggregate.symbol()) || !usable(aggregate)) {
            return false;
        }
        rates.put(aggregate.symbol(), aggregate);
        return true;
    }

    /** The rates known now, whatever their age: a refresh converts with the last good rate it has. */
    FxRates rates() {
        Map<String, BigDecimal> usdPerUnit = new HashMap<>();
        rates.forEach((symbol, price) -> usdPerUnit.put(symbol, price.price()));
        return new FxRates(usdPerUnit);
    }

    /**
     * Whether a stablecoin aggregate may convert other quotes: a consensus one within 10 % of the peg (depegs
     * happen and must show), a single-source one only within 2 % — one exchange quoting USDT ×10 would otherwise
     * multiply every USDT-quoted price of the batch. An aggregate that is not usable leaves the last good rate in
     * place.
     */
    static boolean usable(Price stablecoin) {
        boolean consensus = stablecoin.status() == PriceStatus.OK;
        BigDecimal low = consensus ? PEG_LOW : PEG_LOW_SINGLE_SOURCE;
        BigDecimal high = consensus ? PEG_HIGH : PEG_HIGH_SINGLE_SOURCE;
        return stablecoin.price().compareTo(low) >= 0 && stablecoin.price().compareTo(high) <= 0;
    }

    private boolean isRecent(String stable, Instant now) {
        Price known = rates.get(stable);
        return known != null && known.age(now).compareTo(MAX_AGE) <= 0;
    }
}
