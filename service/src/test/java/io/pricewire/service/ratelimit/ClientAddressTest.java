package io.pricewire.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final InetAddress PROXY = address("10.0.0.9");

    @Test
    void shouldUseTheRemoteAddressWhenNoHopIsTrusted() {
        assertThat(ClientAddress.of("203.0.113.7, 10.0.0.1", PROXY, 0)).isEqualTo("10.0.0.9");
    }

    @Test
    void shouldTakeTheRightmostEntryBehindOneProxy() {
        assertThat(ClientAddress.of("203.0.113.7", PROXY, 1)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("1.1.1.1, 2.2.2.2,203.0.113.7", PROXY, 1)).isEqualTo("203.0.113.7");
    }

    @Test
    void shouldTakeTheSecondEntryFromTheRightBehindCloudFrontAndAnAlb() {
        assertThat(ClientAddress.of("203.0.113.7, 130.176.1.1", PROXY, 2)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("6.6.6.6, 7.7.7.7, 203.0.113.7, 130.176.1.1", PROXY, 2))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void shouldTakeTheLeftmostEntryWhenTheHeaderHasFewerEntriesThanHops() {
        assertThat(ClientAddress.of("203.0.113.7", PROXY, 2)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(" , 203.0.113.7 ,", PROXY, 3)).isEqualTo("203.0.113.7");
    }

    @Test
    void shouldUseTheRemoteAddressWhenTheHeaderIsMissingOrEmpty() {
        assertThat(ClientAddress.of(null, PROXY, 1)).isEqualTo("10.0.0.9");
        assertThat(ClientAddress.of(" , ,", PROXY, 1)).isEqualTo("10.0.0.9");
        assertThat(ClientAddress.of("", PROXY, 2)).isEqualTo("10.0.0.9");
    }

    @Test
    void shouldReadSeveralHeaderLinesAsOneList() {
        String joined = ClientAddress.joined(List.of("6.6.6.6, 7.7.7.7", "203.0.113.7"));
        assertThat(ClientAddress.of(joined, PROXY, 1)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(joined, PROXY, 2)).isEqualTo("7.7.7.7");
        assertThat(ClientAddress.joined(List.of())).isNull();
    }

    @Test
    void shouldCutAnOverlongEntrySoAClientCannotGrowTheKeys() {
        String huge = "x".repeat(5000);
        assertThat(ClientAddress.of(huge, PROXY, 3)).hasSize(ClientAddress.MAX_LENGTH);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
