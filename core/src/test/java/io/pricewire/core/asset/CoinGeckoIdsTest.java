package io.pricewire.core.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ids of the well-known assets are CoinGecko's own ids for them, so a client of the CoinGecko-compatible API finds
 * {@code bitcoin}, {@code binancecoin} or {@code avalanche-2} where CoinGecko has them. The expected ids are copied
 * from CoinGecko's {@code /coins/list}; a generated id that read like a slug (e.g. {@code bnb}, {@code avalanche})
 * would silently answer {@code {}}.
 */
class CoinGeckoIdsTest {
    private static final Map<String, String> COINGECKO_IDS = coinGeckoIds();

    @Test
    void shouldUseCoinGeckosIdForEveryWellKnownAsset() {
        AssetUniverse universe = AssetUniverse.loadDefault();
        Map<String, String> ours = new LinkedHashMap<>();
        COINGECKO_IDS
                .keySet()
                .forEach(symbol ->
                        ours.put(symbol, universe.find(symbol).map(Asset::id).orElse("(missing)")));
        assertThat(ours).containsExactlyEntriesOf(COINGECKO_IDS);
    }

    @Test
    void shouldGiveEveryAssetADistinctLowercaseId() {
        AssetUniverse universe = AssetUniverse.loadDefault();
        assertThat(universe.all().stream().map(Asset::id).distinct().count()).isEqualTo(universe.size());
        assertThat(universe.all()).allSatisfy(a -> assertThat(a.id()).matches("[a-z0-9-]+"));
    }

    /** Symbol → CoinGecko id, "SYMBOL id" pairs separated by commas. */
    private static Map<String, String> coinGeckoIds() {
        String pairs = """
                BTC bitcoin, ETH ethereum, USDT tether, XRP ripple, BNB binancecoin, SOL solana, USDC usd-coin, DOGE dogecoin,
                TRX tron, ADA cardano, LINK chainlink, AVAX avalanche-2, XLM stellar, SUI sui, BCH bitcoin-cash,
                HBAR hedera-hashgraph, LTC litecoin, DOT polkadot, SHIB shiba-inu, TON the-open-network, UNI uniswap, PEPE pepe,
                NEAR near, APT aptos, ICP internet-computer, AAVE aave, ETC ethereum-classic, POL polygon-ecosystem-token,
                FIL filecoin, ATOM cosmos, ARB arbitrum, OP optimism, INJ injective-protocol, RENDER render-token,
                IMX immutable-x, STX blockstack, GRT the-graph, ALGO algorand, VET vechain, XMR monero, TIA celestia,
                SEI sei-network, LDO lido-dao, QNT quant-network, FET fetch-ai, RUNE thorchain, SAND the-sandbox,
                MANA decentraland, AXS axie-infinity, EGLD elrond-erd-2, FLOW flow, XTZ tezos, THETA theta-token, CHZ chiliz,
                KAVA kava, SNX havven, CRV curve-dao-token, COMP compound-governance-token, ZEC zcash, DASH dash,
                ENJ enjincoin, BAT basic-attention-token, 1INCH 1inch, GALA gala, APE apecoin, ZIL zilliqa, ANKR ankr,
                SUSHI sushi, YFI yearn-finance, KSM kusama
                """;
        Map<String, String> ids = new LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            String[] symbolAndId = pair.trim().split(" ");
            ids.put(symbolAndId[0], symbolAndId[1]);
        }
        return ids;
    }
}
