package io.pricewire.service.auth;

import io.pricewire.service.config.PricewireProperties;
import io.pricewire.service.errors.ApiException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Guards the write endpoints. The key is compared in constant time (MessageDigest.isEqual on
 * SHA-256 digests, so neither content nor length leaks through timing) and never logged. With no
 * key configured every request is refused.
 */
@Singleton
public class ApiKeyCheck {
    private final byte[] expectedDigest;

    ApiKeyCheck(PricewireProperties props) {
        String key = props.apiKey();
        this.expectedDigest = key == null || key.isBlank() ? null : sha256(key);
    }

    public void require(String presented) {
        if (!isValid(presented)) {
            throw ApiException.unauthorized();
        }
    }

    public boolean isValid(String presented) {
        return expectedDigest != null && presented != null && MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    /** What logs may say about a key: the first 8 hex digits of its SHA-256, never the key. */
    public static String fingerprint(String presented) {
        return HexFormat.of().formatHex(sha256(presented), 0, 4);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
