package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Reads of assets that neither cache holds ({@code pricewire.misses.*}).
 *
 * @param window   how long the first miss waits for others to join its batch: one table read and one
 *                 call per exchange serve them all
 * @param deadline how long a batch may wait for the exchanges; past it a reader gets 503 {@code unavailable}
 * @param maxBatch a batch this large goes at once, without waiting out the window
 */
@ConfigurationProperties("pricewire.misses")
public record MissProperties(Duration window, Duration deadline, int maxBatch) {}
