package io.pricewire.core.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricewire.core.aggregate.Aggregator;
import io.pricewire.core.asset.Tier;
import io.pricewire.core.exchange.ExchangeId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The one form of a price in Redis, on the channel and in the near cache (docs/architecture.md §3). */
class WirePriceTest {
    private static final Instant T = Instant.parse("2026-11-26T12:00:00.123Z");
    private static final Price BTC = new Price(
            "BTC",
            "USD",
            new BigDecimal("67187.33"),
            T,
            Tier.HOT,
            PriceStatus.OK,
            List.of(new SourcePrice(ExchangeId.BINANCE, new BigDecimal("67190.01"), T)),
            List.of(new RejectedQuote(ExchangeId.OKX, new BigDecimal("1.00"), "outlier")));
    private static final String BTC_BODY = "{\"symbol\":\"BTC\",\"currency\":\"USD\",\"price\":\"67187.33\","
            + "\"timestamp\":\"2026-11-26T12:00:00.123Z\",\"ageMs\":"
            + ",\"status\":\"ok\",\"stale\":"
            + ",\"change24h\":null,\"sources\":[{\"exchange\":\"binance\",\"price\":\"67190.01\",\"timestamp\":\"2026-11-26T12:00:00.123Z\"}],"
            + "\"rejected\":[{\"exchange\":\"okx\",\"price\":\"1.00\",\"reason\":\"outlier\"}]}";

    @Test
    void shouldLayOutHeaderAndBodyAsDocumented() {
        assertThat(text(WirePrice.of(BTC).bytes())).isEqualTo("pw1 1795694400123 h 00099 00122\n" + BTC_BODY);
        assertThat(WirePrice.HEADER).isEqualTo("pw1 1795694400123 h 00099 00122\n".length());
    }

    @Test
    void shouldRenderThePublicAnswerWithTheValuesOfTheMoment() {
        WirePrice wire = WirePrice.of(BTC);

        assertThat(text(wire.render(812, Tier.MEDIUM, true)))
                .isEqualTo(
                        "{\"symbol\":\"BTC\",\"currency\":\"USD\",\"price\":\"67187.33\",\"timestamp\":\"2026-11-26T12:00:00.123Z\","
                                + "\"ageMs\":812,\"tier\":\"medium\",\"status\":\"ok\",\"stale\":true,"
                                + "\"change24h\":null,\"sources\":[{\"exchange\":\"binance\",\"price\":\"67190.01\","
                                + "\"timestamp\":\"2026-11-26T12:00:00.123Z\"}],"
                                + "\"rejected\":[{\"exchange\":\"okx\",\"price\":\"1.00\",\"reason\":\"outlier\"}]}");
        assertThat(text(wire.render(0, Tier.COLD, false)))
                .contains("\"ageMs\":0,\"tier\":\"cold\",\"status\":\"ok\",\"stale\":false,");
    }

    @Test
    void shouldCarryTheChange24hAsADecimalStringAfterStale() {
        WirePrice wire = WirePrice.of(BTC.withChange24h(new BigDecimal("-1.25")));

        assertThat(text(wire.render(5, Tier.HOT, false)))
                .contains("\"stale\":false,\"change24h\":\"-1.25\",\"sources\":[");
        assertThat(WirePrice.read(wire.bytes()).price().change24h()).isEqualByComparingTo("-1.25");
    }

    @Test
    void shouldReadAValueWrittenBeforeChange24hAsNone() {
        byte[] before = ("pw1 1795694400123 h 00099 00122\n" + BTC_BODY.replace("\"change24h\":null,", ""))
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(WirePrice.read(before).price()).isEqualTo(BTC);
    }

    @Test
    void shouldRoundTripEveryFieldWhenEncodedAndDecoded() {
        Instant whole = Instant.parse("2026-11-26T10:00:00Z"); // printed without a fraction
        Price degraded = new Price(
                "SHIB",
                "USD",
                new BigDecimal("0.000000012345678901"),
                whole,
                Tier.MEDIUM,
                PriceStatus.DEGRADED,
                List.of(
                        new SourcePrice(ExchangeId.COINBASE, new BigDecimal("0.000000012300"), whole.minusMillis(1)),
                        new SourcePrice(ExchangeId.KRAKEN, new BigDecimal("12345678901234567890.5"), Instant.EPOCH)),
                List.of(
                        new RejectedQuote(ExchangeId.OKX, new BigDecimal("1.50"), "stale"),
                        new RejectedQuote(ExchangeId.BINANCE, new BigDecimal("0"), "no_fx_rate")));
        for (Price original : List.of(
                Prices.price("BTC", "67187.33", Instant.parse("2026-11-26T10:00:00.123Z")),
                BTC,
                BTC.withChange24h(new BigDecimal("-3.07")),
                degraded.withChange24h(new BigDecimal("1250.00")),
                new Price(
                        "X1", "USD", BigDecimal.TEN, Instant.EPOCH, Tier.COLD, PriceStatus.OK, List.of(), List.of()))) {
            byte[] bytes = WirePrice.of(original).bytes();
            WirePrice read = WirePrice.read(bytes);

            assertThat(read.price()).as(original.symbol()).isEqualTo(original).isNotSameAs(original);
            assertThat(read.symbol()).isEqualTo(original.symbol());
            assertThat(read.millis()).isEqualTo(original.timestamp().toEpochMilli());
            assertThat(read.refreshedAs()).isEqualTo(original.refreshedAs());
            assertThat(WirePrice.of(read.price()).bytes())
                    .as("written again: the same bytes")
                    .isEqualTo(bytes);
        }
    }

    @Test
    void shouldKeepTheBytesAsReceivedAndDecodeThePriceOnceWhenAskedFor() {
        byte[] received = WirePrice.of(BTC).bytes();

        WirePrice wire = WirePrice.read(received);

        assertThat(wire.bytes()).isSameAs(received);
        assertThat(wire.encodes(BTC)).as("nothing decoded yet").isFalse();
        Price decoded = wire.price();
        assertThat(wire.price()).isSameAs(decoded);
        assertThat(wire.encodes(decoded)).isTrue();
        assertThat(WirePrice.of(BTC).encodes(BTC)).as("written from it").isTrue();
    }

    @Test
    void shouldWritePricesAsPlainDecimalStringsWhenVerySmall() {
        String json = text(
                WirePrice.of(Prices.price("SHIB", "0.0000123", Instant.EPOCH)).bytes());
        assertThat(json).contains("\"price\":\"0.0000123\"").doesNotContain("E-");
    }

    @Test
    void shouldCarryTheUnconfirmedReasonWhenAJumpIsHeld() {
        Instant at = Instant.parse("2026-11-26T10:00:00.001Z");
        Price held = new Price(
                "ADA",
                "USD",
                new BigDecimal("0.41"),
                at,
                Tier.COLD,
                PriceStatus.DEGRADED,
                List.of(new SourcePrice(ExchangeId.KRAKEN, new BigDecimal("0.41"), at.minusSeconds(2))),
                List.of(new RejectedQuote(ExchangeId.KRAKEN, new BigDecimal("4.1"), Aggregator.UNCONFIRMED)));

        byte[] encoded = WirePrice.of(held).bytes();

        assertThat(text(encoded)).contains("{\"exchange\":\"kraken\",\"price\":\"4.1\",\"reason\":\"unconfirmed\"}");
        assertThat(WirePrice.read(encoded).price()).isEqualTo(held);
    }

    @Test
    void shouldWriteAValueOfTheVersionBeforeInThisFormWhenReadingIt() {
        String legacy =
                "{\"symbol\":\"BTC\",\"currency\":\"USD\",\"price\":\"67187.33\",\"ts\":1795694400123,\"tier\":\"hot\","
                        + "\"status\":\"ok\",\"sources\":[{\"exchange\":\"binance\",\"price\":\"67190.01\",\"ts\":1795694400123}],"
                        + "\"rejected\":[{\"exchange\":\"okx\",\"price\":\"1.00\",\"reason\":\"outlier\"}]}";

        WirePrice read = WirePrice.read(legacy.getBytes(StandardCharsets.UTF_8));

        assertThat(read.price()).isEqualTo(BTC);
        assertThat(read.bytes()).isEqualTo(WirePrice.of(BTC).bytes());
        assertThatThrownBy(() -> WirePrice.read("{\"symbol\":\"BTC\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseValuesCutShortOrWhoseOffsetsPointElsewhereWhenRead() {
        String good = text(WirePrice.of(BTC).bytes());
        Map<String, String> broken = Map.of(
                "empty",
                "",
                "not this format",
                "pw2 " + good.substring(4),
                "cut in the header",
                good.substring(0, 20),
                "cut in the body",
                good.substring(0, good.length() - 1),
                "a letter in the timestamp",
                good.replace("1795694400123", "17956944001x3"),
                "head end off by one",
                good.replace(" 00099 ", " 00098 "),
                "status end off by one",
                good.replace(" 00122\n", " 00123\n"),
                "no line feed",
                good.replace("00122\n", "00122 "),
                "an empty symbol",
                good.replace("\"symbol\":\"BTC\"", "\"symbol\":\"\"").replace(" 00099 00122", " 00096 00119"),
                "an escaped symbol",
                good.replace("\"symbol\":\"BTC\"", "\"symbol\":\"B\\\"C\"").replace(" 00099 00122", " 00100 00123"));
        broken.forEach((what, value) -> assertThatThrownBy(() -> WirePrice.read(value.getBytes(StandardCharsets.UTF_8)))
                .as(what)
                .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void shouldTolerateWhatANewerVersionMayWriteAndRefuseHostileDecimalsWhenDecoding() {
        String good = text(WirePrice.of(BTC).bytes());
        String newer = good.replace(" h ", " w ") // a tier this version does not know
                .replace("{\"exchange\":\"okx\"", "{\"exchange\":\"bybit\""); // in the tail: the offsets still hold

        Price p = WirePrice.read(newer.getBytes(StandardCharsets.UTF_8)).price();

        assertThat(p.refreshedAs()).as("cold keeps the longest TTL").isEqualTo(Tier.COLD);
        assertThat(p.rejected()).as("an unknown exchange's entry is skipped").isEmpty();
        assertThat(p.sources()).extracting(SourcePrice::exchange).containsExactly(ExchangeId.BINANCE);
        String hostile = good.replace("\"price\":\"67190.01\"", "\"price\":\"1E+999999999\"");
        WirePrice read = WirePrice.read(hostile.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(read::price).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseToWriteWhatTheHeaderOrTheSymbolScanCannotHold() {
        for (String symbol : List.of("B\"TC", "B\\TC", "B\nTC", "")) {
            Price p = new Price(symbol, "USD", BigDecimal.ONE, T, Tier.HOT, PriceStatus.OK, List.of(), List.of());
            assertThatThrownBy(() -> WirePrice.of(p)).as(symbol).isInstanceOf(IllegalArgumentException.class);
        }
        Price before1970 = new Price(
                "BTC",
                "USD",
                BigDecimal.ONE,
                Instant.EPOCH.minusMillis(1),
                Tier.HOT,
                PriceStatus.OK,
                List.of(),
                List.of());
        assertThatThrownBy(() -> WirePrice.of(before1970)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveEveryTierItsOwnInitialInTheHeader() {
        Map<Character, List<Tier>> byInitial = Stream.of(Tier.values())
                .collect(Collectors.groupingBy(t -> t.label().charAt(0)));
        assertThat(byInitial.values()).allSatisfy(tiers -> assertThat(tiers).hasSize(1));
        assertThat(Arrays.stream(Tier.values())
                        .map(t -> WirePrice.read(WirePrice.of(btcRefreshedAs(t)).bytes())
                                .refreshedAs()))
                .containsExactly(Tier.values());
    }

    private static Price btcRefreshedAs(Tier tier) {
        return new Price("BTC", "USD", BTC.price(), T, tier, PriceStatus.OK, List.of(), List.of());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
