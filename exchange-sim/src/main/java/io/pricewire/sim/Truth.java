package io.pricewire.sim;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The hidden true USD price of one asset, which exchange quotes deviate from.
 *
 * @param symbol    canonical symbol
 * @param price     USD price, eight significant digits
 * @param timestamp when the price walk took the step that produced it
 */
public record Truth(String symbol, BigDecimal price, Instant timestamp) {}
