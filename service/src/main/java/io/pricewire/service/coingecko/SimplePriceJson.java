package io.pricewire.service.coingecko;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.price.Price;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes a {@code /simple/price} answer straight to bytes with a streaming generator, as the {@code /v1} batch does:
 * no map of maps built and reflected over per request, so 50 coins cost about what 50 {@code /v1} prices cost.
 *
 * <p>Per coin, in CoinGecko's order: for each currency {@code <cur>}, {@code <cur>_market_cap} (null: supply is
 * unknown), {@code <cur>_24h_vol} (null: the stored aggregate keeps no exchange volumes, and Binance's ticker reports
 * none), {@code <cur>_24h_change}; then {@code last_updated_at} in epoch seconds. Numbers are JSON numbers, never in
 * exponent notation.
 */
final class SimplePriceJson {
    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private SimplePriceJson() {}

    /** The answer for {@code coins} (answer key → asset); a coin without a price is left out, like an unknown id. */
    static byte[] render(Map<String, Asset> coins, Map<String, Price> prices, Rates rates, SimplePriceQuery query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                64 + coins.size() * 48 * (1 + query.currencies().size()));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Asset> coin : coins.entrySet()) {
                Price price = prices.get(coin.getValue().symbol());
                if (price != null) {
                    g.writeFieldName(coin.getKey());
                    writeCoin(g, price, rates, query);
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeCoin(JsonGenerator g, Price price, Rates rates, SimplePriceQuery query)
            throws IOException {
        g.writeStartObject();
        for (VsCurrency currency : query.currencies()) {
            String code = currency.code();
            BigDecimal value = rates.convert(price.price(), currency);
            g.writeFieldName(code);
            if (value == null) {
                g.writeNull();
            } else {
                g.writeNumber(query.precision().apply(value));
            }
            if (query.marketCap()) {
                g.writeFieldName(code + "_market_cap");
                g.writeNull();
            }
            if (query.volume()) {
                g.writeFieldName(code + "_24h_vol");
                g.writeNull();
            }
            if (query.change()) {
                g.writeFieldName(code + "_24h_change");
                Double change = rates.changePercent(price.symbol(), currency);
                if (change == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(change);
                }
            }
        }
        if (query.lastUpdatedAt()) {
            g.writeNumberField("last_updated_at", price.timestamp().getEpochSecond());
        }
        g.writeEndObject();
    }
}
