package io.pricewire.service.coingecko;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code vs_currencies} Pricewire can answer in, each through a price it aggregates itself: USD directly, USDT and
 * USDC through the stablecoin aggregates (the rates the refresh engine converts quotes with), BTC, ETH and sats
 * through Bitcoin's and Ether's prices. Fiat other than USD is not offered: Pricewire has no FX source for it.
 */
public enum VsCurrency {
    USD("usd", null, BigDecimal.ONE),
    USDT("usdt", "USDT", BigDecimal.ONE),
    USDC("usdc", "USDC", BigDecimal.ONE),
    BTC("btc", "BTC", BigDecimal.ONE),
    ETH("eth", "ETH", BigDecimal.ONE),
    /** One hundred-millionth of a bitcoin. */
    SATS("sats", "BTC", new BigDecimal("100000000"));

    private final String code;
    private final String reference;
    private final BigDecimal unitsPerReference;

    VsCurrency(String code, String reference, BigDecimal unitsPerReference) {
        this.code = code;
        this.reference = reference;
        this.unitsPerReference = unitsPerReference;
    }

    /** The lowercase code CoinGecko uses, in parameters and as the prefix of response keys. */
    public String code() {
        return code;
    }

    /** The symbol whose USD price converts into this currency; empty for USD itself. */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    /** How many units of this currency one unit of {@link #reference()} is: 10^8 for sats, else 1. */
    public BigDecimal unitsPerReference() {
        return unitsPerReference;
    }

    /** The currency named {@code code}, in any case. */
    public static Optional<VsCurrency> of(String code) {
        String lower = code.trim().toLowerCase(Locale.ROOT);
        for (VsCurrency c : values()) {
            if (c.code.equals(lower)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
