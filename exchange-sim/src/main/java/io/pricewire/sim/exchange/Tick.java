package io.pricewire.sim.exchange;

import io.pricewire.sim.market.PriceView;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One market step as one exchange's streams publish it: the prices seen through the active fault (the same
 * view a REST answer would get), and the messages rendered for it, shared by every connection so a thousand
 * subscribers of BTC cost one rendering.
 */
public final class Tick {
    private final PriceView view;
    private final long number;
    private final Map<Long, String> rendered = new ConcurrentHashMap<>();

    Tick(PriceView view, long number) {
        this.view = view;
        this.number = number;
    }

    public PriceView view() {
        return view;
    }

    /** The market step's number: 0 for the base prices, then one more per step. */
    public long number() {
        return number;
    }

    /** The message of {@code kind} for the listing at {@code position} (or -1 for all), rendered once per tick. */
    String rendered(int kind, int position, Supplier<String> render) {
        // not computeIfAbsent: a rendering may use other renderings (the all-market array uses each pair's);
        // two connections rendering the same message at once both get the same text
        long key = ((long) kind << 32) | (position & 0xffff_ffffL);
        String text = rendered.get(key);
        if (text == null) {
            text = render.get();
            String raced = rendered.putIfAbsent(key, text);
            return raced == null ? text : raced;
        }
        return text;
    }
}
