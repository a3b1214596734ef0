package io.pricewire.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Server-Sent Event streams, {@code GET /v1/stream} ({@code pricewire.push.*}).
 *
 * @param maxStreams          open streams per instance; past it a new one is refused with 503 {@code unavailable}
 * @param maxStreamsPerClient open streams per client (the rate limiter's client: API key, else address); past it
 *                            429 {@code rate_limited}
 * @param heartbeat           a comment is sent on a stream that sent nothing for this long (under the ALB's 60 s
 *                            idle timeout)
 * @param slowConsumerAfter   a client that has not taken what was sent for this long gets {@code event: error} and
 *                            is closed
 * @param retry               the reconnect delay every stream announces ({@code retry:}), for EventSource clients
 * @param maxDuration         a stream is ended (with {@code event: reconnect}) after this long, so that connections
 *                            spread over instances added since
 * @param coalesce            how long an event loop gathers prices before it writes them: a stream gets what came in
 *                            that time as one chunk and one socket write (exchanges tick many assets at once)
 */
@ConfigurationProperties("pricewire.push")
public record PushProperties(
        int maxStreams,
        int maxStreamsPerClient,
        Duration heartbeat,
        Duration slowConsumerAfter,
        Duration retry,
        Duration maxDuration,
        Duration coalesce) {}
