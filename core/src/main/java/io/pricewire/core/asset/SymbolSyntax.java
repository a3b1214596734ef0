package io.pricewire.core.asset;

import java.util.Locale;

/**
 * What an asset symbol looks like: 1 to {@value #MAX_LENGTH} letters A-Z and digits 0-9, upper case
 * being the canonical form (callers may ask in either case). The one definition the asset
 * universe, the API and its fast path, the audit log, the cold Lambda and the exchange simulator
 * check symbols against.
 */
public final class SymbolSyntax {
    /** The longest symbol. */
    public static final int MAX_LENGTH = 20;

    private SymbolSyntax() {}

    /** {@code raw} in the canonical (upper) case; says nothing about its validity. */
    public static String canonical(String raw) {
        return raw.toUpperCase(Locale.ROOT);
    }

    /** True when {@code candidate} is a symbol in its canonical form. */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            if (!isCanonicalCharacter(candidate.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code c} may stand in a symbol written in either case: an ASCII letter or digit. */
    public static boolean isSymbolCharacter(char c) {
        return isCanonicalCharacter(c) || (c >= 'a' && c <= 'z');
    }

    private static boolean isCanonicalCharacter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
