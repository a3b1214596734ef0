package io.pricewire.service.ratelimit;

import io.micronaut.core.annotation.Nullable;
import java.net.InetAddress;
import java.util.List;

/**
 * The address a request came from, as the rate limit, demand and the audit log see it. Behind
 * {@code hops} trusted proxies, each of which appends the address it saw to {@code
 * X-Forwarded-For}, the client is the {@code hops}-th entry from the right: CloudFront then an ALB
 * is 2, a single ALB or HAProxy is 1, 0 ignores the header. Entries a client writes itself sit to
 * the left of those and are never read, so forging them gains nothing.
 */
public final class ClientAddress {
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    /** Longer than any textual IPv6 address; an entry past it is cut, so a key's size is bounded whatever a client sends. */
    static final int MAX_LENGTH = 64;

    private ClientAddress() {}

    /**
     * @param forwardedFor every {@code X-Forwarded-For} line joined with commas (see {@link #joined}), or null
     * @param remote       the peer's address
     * @param hops         trusted proxies in front of the service
     */
    public static String of(@Nullable String forwardedFor, InetAddress remote, int hops) {
        if (hops <= 0 || forwardedFor == null) {
            return remote.getHostAddress();
        }
        // walk from the right: the entries the proxies wrote are there, and the count never depends on what the client
        // added
        int end = forwardedFor.length();
        String leftmost = null;
        int seen = 0;
        while (end > 0) {
            int comma = forwardedFor.lastIndexOf(',', end - 1);
            String entry = forwardedFor.substring(comma + 1, end).strip();
            end = comma < 0 ? 0 : comma;
            if (entry.isEmpty()) {
                continue;
            }
            leftmost = entry;
            if (++seen == hops) {
                break;
            }
        }
        if (leftmost == null) {
            return remote.getHostAddress();
        }
        return leftmost.length() > MAX_LENGTH ? leftmost.substring(0, MAX_LENGTH) : leftmost;
    }

    /** One list of the header's lines: a proxy may add its own line instead of appending to the client's. */
    @Nullable
    public static String joined(List<String> lines) {
        return switch (lines.size()) {
            case 0 -> null;
            case 1 -> lines.get(0);
            default -> String.join(",", lines);
        };
    }
}
