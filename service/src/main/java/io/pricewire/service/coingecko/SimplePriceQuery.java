package io.pricewire.service.coingecko;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options of a {@code /simple/price} request, checked before anything is read.
 *
 * @param currencies     the {@code vs_currencies} Pricewire can answer, in request order without repeats; others are
 *                       left out of the answer, as CoinGecko leaves out a currency it does not know
 * @param marketCap      {@code include_market_cap}: adds {@code <cur>_market_cap}, always null (supply is unknown)
 * @param volume         {@code include_24hr_vol}: adds {@code <cur>_24h_vol}, null (see {@link SimplePriceJson})
 * @param change         {@code include_24hr_change}: adds {@code <cur>_24h_change}, from the price history
 * @param lastUpdatedAt  {@code include_last_updated_at}: adds {@code last_updated_at}, epoch seconds
 * @param precision      decimal places of the price values
 */
public record SimplePriceQuery(
        List<VsCurrency> currencies,
        boolean marketCap,
        boolean volume,
        boolean change,
        boolean lastUpdatedAt,
        Precision precision) {

    public SimplePriceQuery {
        currencies = List.copyOf(currencies);
    }

    /** The query of these parameter values: 422 {@code Missing parameter vs_currencies} without any currency. */
    public static SimplePriceQuery parse(
            @Nullable String vsCurrencies,
            @Nullable String marketCap,
            @Nullable String volume,
            @Nullable String change,
            @Nullable String lastUpdatedAt,
            @Nullable String precision) {
        if (vsCurrencies == null || vsCurrencies.isBlank()) {
            throw CoinGeckoException.missing("vs_currencies");
        }
        List<VsCurrency> currencies = new ArrayList<>();
        for (String code : CoinIndex.split(vsCurrencies)) {
            VsCurrency.of(code).filter(c -> !currencies.contains(c)).ifPresent(currencies::add);
        }
        return new SimplePriceQuery(
                currencies,
                flag(marketCap),
                flag(volume),
                flag(change),
                flag(lastUpdatedAt),
                Precision.parse(precision));
    }

    /** CoinGecko's booleans: {@code true} in any case is true, anything else (absent, {@code false}, junk) false. */
    static boolean flag(@Nullable String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
