package io.pricewire.service.nearcache;

import io.micronaut.core.annotation.Nullable;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.price.Price;

/**
 * A price as the near cache holds it: with its asset and its JSON already written, everything a
 * read needs in one object, reached by one map lookup. At 10,000 assets a read that went through
 * three symbol maps (asset, price, rendered JSON) touched three times the memory and ran measurably
 * slower for cold assets than for the 20 hot ones whose entries stay in the CPU caches.
 *
 * <p>{@code json} is the response body without its three per-request values, in three runs:
 * {@code [0, headEnd)} ends with {@code "ageMs":}, then the tier field is inserted, {@code
 * [headEnd, statusEnd)} is {@code ,"status":"…","stale":}, and {@code [statusEnd, end)} is the
 * rest from {@code ,"sources"} on (see {@link PriceJson}).
 *
 * @param asset     the universe's asset of the symbol; {@code null} for a symbol this instance does not track
 * @param price     the price
 * @param millis    its timestamp in epoch milliseconds
 * @param json      the body's fixed bytes
 * @param headEnd   where the head ends (the age follows)
 * @param statusEnd where the status part ends (true or false follows)
 */
public record ReadyPrice(@Nullable Asset asset, Price price, long millis, byte[] json, int headEnd, int statusEnd) {
}
