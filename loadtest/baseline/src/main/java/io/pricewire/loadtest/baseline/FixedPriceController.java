package io.pricewire.loadtest.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.List;

/**
 * One fixed answer for every symbol. The body has the real API's shape and size (~400 bytes) and
 * is rendered once, so a request costs what the framework costs — routing, Netty, the response —
 * and nothing of Pricewire's read path: the ceiling the benchmark compares the service with.
 */
@Controller("/v1/prices")
class FixedPriceController {
    /** The wire shape of a price (docs/architecture.md §5), enough of it to be the same size. */
    record PriceBody(
            String symbol,
            String currency,
            String price,
            String timestamp,
            long ageMs,
            String tier,
            String status,
            boolean stale,
            List<Source> sources,
            List<Rejected> rejected) {}

    record Source(String exchange, String price, String timestamp) {}

    record Rejected(String exchange, String price, String reason) {}

    static final PriceBody FIXED = new PriceBody(
            "BTC",
            "USD",
            "95012.34",
            "2026-11-26T12:00:00.123Z",
            812,
            "hot",
            "ok",
            false,
            List.of(
                    new Source("binance", "95020.10", "2026-11-26T12:00:00.101Z"),
                    new Source("coinbase", "95011.87", "2026-11-26T12:00:00.087Z"),
                    new Source("kraken", "95012.34", "2026-11-26T12:00:00.112Z")),
            List.of(new Rejected("okx", "950123.40", "outlier")));

    private final byte[] body;

    FixedPriceController(ObjectMapper mapper) throws JsonProcessingException {
        this.body = mapper.writeValueAsBytes(FIXED);
    }

    @Get(uri = "/{symbol}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> price(@PathVariable String symbol) {
        return HttpResponse.ok(body);
    }
}
