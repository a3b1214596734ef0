package io.pricewire.sim.market;

/**
 * One exchange's ticker for one listing, in the listing's quote currency (USDT for Binance and OKX,
 * USD for Coinbase and Kraken). The dialects pick the fields their exchange reports.
 *
 * @param last        last trade price
 * @param bid         best bid
 * @param ask         best ask
 * @param open        price 24 h ago
 * @param high        24 h high
 * @param low         24 h low
 * @param vwap        24 h volume-weighted average price
 * @param baseVolume  24 h volume in the base asset
 * @param quoteVolume 24 h volume in the quote currency
 * @param tradeCount  trades in 24 h
 * @param lastQty     size of the last trade
 * @param bidQty      size at the best bid
 * @param askQty      size at the best ask
 * @param timeMs      when the quote was taken (epoch ms)
 * @param tradeId     id of the last trade, increasing with time
 */
public record Quote(
        double last,
        double bid,
        double ask,
        double open,
        double high,
        double low,
        double vwap,
        double baseVolume,
        double quoteVolume,
        long tradeCount,
        double lastQty,
        double bidQty,
        double askQty,
        long timeMs,
        long tradeId) {}
