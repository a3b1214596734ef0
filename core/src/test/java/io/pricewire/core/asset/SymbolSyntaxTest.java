package io.pricewire.core.asset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SymbolSyntaxTest {

    @Test
    void shouldAcceptOneToTwentyUpperCaseLettersAndDigits() {
        assertThat(SymbolSyntax.isValid("BTC")).isTrue();
        assertThat(SymbolSyntax.isValid("1INCH")).isTrue();
        assertThat(SymbolSyntax.isValid("A")).isTrue();
        assertThat(SymbolSyntax.isValid("A".repeat(SymbolSyntax.MAX_LENGTH))).isTrue();
    }

    @Test
    void shouldRefuseAnythingElse() {
        assertThat(SymbolSyntax.isValid(null)).isFalse();
        assertThat(SymbolSyntax.isValid("")).isFalse();
        assertThat(SymbolSyntax.isValid("A".repeat(SymbolSyntax.MAX_LENGTH + 1)))
                .isFalse();
        assertThat(SymbolSyntax.isValid("btc"))
                .as("lower case is not canonical")
                .isFalse();
        assertThat(SymbolSyntax.isValid("BTC-USD")).isFalse();
        assertThat(SymbolSyntax.isValid("BT C")).isFalse();
        assertThat(SymbolSyntax.isValid("ÄBC")).isFalse();
    }

    @Test
    void shouldTakeEitherCaseCharacterByCharacterAndCanonicaliseToUpperCase() {
        assertThat(SymbolSyntax.isSymbolCharacter('b')).isTrue();
        assertThat(SymbolSyntax.isSymbolCharacter('B')).isTrue();
        assertThat(SymbolSyntax.isSymbolCharacter('7')).isTrue();
        assertThat(SymbolSyntax.isSymbolCharacter('%')).isFalse();
        assertThat(SymbolSyntax.isSymbolCharacter('ä')).isFalse();
        assertThat(SymbolSyntax.canonical("eth2")).isEqualTo("ETH2");
    }
}
