package io.pricewire.service.tiers;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.service.config.DemandProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which assets are hot, given demand scores: an asset busier than the coldest hot asset by the
 * hysteresis factor takes its place, the hot tier keeps its size, a promoted asset whose demand
 * has cooled below half the promotion threshold gives its place back to the best-ranked displaced
 * asset, and the assets ranked 1 to {@code protectedRanks} are never displaced. Pure: plain data in
 * and out, no I/O; {@link DemandTiers} reads the scores and the current hot set from Redis and
 * writes the choice back.
 */
final class HotSetPolicy {
    /**
     * The demand rules ({@link DemandProperties}).
     *
     * @param hysteresis     how much busier than the coldest hot asset a candidate must be to take its place
     * @param minScore       the least demand that can earn promotion; a promotion below half of it is undone
     * @param protectedRanks the assets ranked 1 to this are never displaced
     */
    record Rules(double hysteresis, double minScore, int protectedRanks) {
        static Rules of(DemandProperties props) {
            return new Rules(props.hysteresis(), props.minScore(), props.protectedRanks());
        }
    }

    private final Map<String, Integer> ranks;
    private final Set<String> rankHot;
    private final int hotSize;
    private final Rules rules;

    /**
     * @param ranks   every asset of the universe, symbol → rank (symbols match case-insensitively, as in
     *                {@link AssetUniverse#find(String)}); other symbols are never hot
     * @param rankHot the hot set by rank alone, best first
     * @param hotSize how many assets are hot
     */
    HotSetPolicy(Map<String, Integer> ranks, List<String> rankHot, int hotSize, Rules rules) {
        this.ranks = ranks.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
        this.rankHot = new LinkedHashSet<>(rankHot);
        this.hotSize = hotSize;
        this.rules = rules;
    }

    /** The policy for {@code universe}'s assets under the configured rules. */
    static HotSetPolicy of(AssetUniverse universe, List<String> rankHot, int hotSize, DemandProperties props) {
        Map<String, Integer> ranks = universe.all().stream().collect(Collectors.toMap(Asset::symbol, Asset::rank));
        return new HotSetPolicy(ranks, rankHot, hotSize, Rules.of(props));
    }

    /** What a score is worth one period later. */
    static double decayPerPeriod(DemandProperties props) {
        return Math.pow(
                0.5, (double) props.period().toMillis() / props.halfLife().toMillis());
    }

    /**
     * The next hot set and its promoted part, from the hot set last written ({@code written}, empty when none was:
     * the hot set by rank then) and the current demand {@code scores}.
     */
    HotSetChoice next(List<String> written, Map<String, Double> scores) {
        List<String> current = written.isEmpty() ? List.copyOf(rankHot) : written;
        List<String> hot = choose(current, scores);
        List<String> promoted = hot.stream().filter(s -> !rankHot.contains(s)).toList();
        return new HotSetChoice(hot, promoted, !new LinkedHashSet<>(hot).equals(new LinkedHashSet<>(current)));
    }

    /** The next hot set, in rank order. */
    List<String> choose(List<String> currentHot, Map<String, Double> scores) {
        List<String> hot = new ArrayList<>(
                currentHot.stream().filter(this::known).distinct().toList());
        Comparator<String> colder = Comparator.<String>comparingDouble(s -> scores.getOrDefault(s, 0.0))
                .thenComparing(s -> -rank(s));
        // cooled promotions give their place back to the best-ranked displaced asset
        for (String s : List.copyOf(hot)) {
            if (!rankHot.contains(s) && scores.getOrDefault(s, 0.0) < rules.minScore() / 2) {
                hot.remove(s);
            }
        }
        // protected assets come back even if a hot set written before this rule left them out
        for (String s : rankHot) {
            if (isProtected(s) && !hot.contains(s)) {
                hot.add(s);
            }
        }
        while (hot.size() > hotSize) {
            hot.stream()
                    .filter(s -> !isProtected(s))
                    .min(colder)
                    .ifPresentOrElse(hot::remove, () -> hot.remove(hot.size() - 1));
        }
        for (String s : rankHot) {
            if (hot.size() >= hotSize) {
                break;
            }
            if (!hot.contains(s)) {
                hot.add(s);
            }
        }
        List<String> candidates = scores.entrySet().stream()
                .filter(e -> !hot.contains(e.getKey()) && e.getValue() >= rules.minScore() && known(e.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        for (String candidate : candidates) {
            if (hot.size() < hotSize) {
                hot.add(candidate);
                continue;
            }
            String coldest =
                    hot.stream().filter(s -> !isProtected(s)).min(colder).orElse(null);
            if (coldest != null && scores.get(candidate) > scores.getOrDefault(coldest, 0.0) * rules.hysteresis()) {
                hot.remove(coldest);
                hot.add(candidate);
            } else {
                break;
            }
        }
        hot.sort(Comparator.comparingInt(this::rank));
        return hot;
    }

    private boolean isProtected(String symbol) {
        return rank(symbol) <= rules.protectedRanks();
    }

    private boolean known(String symbol) {
        return ranks.containsKey(symbol.toUpperCase(Locale.ROOT));
    }

    private int rank(String symbol) {
        return ranks.getOrDefault(symbol.toUpperCase(Locale.ROOT), Integer.MAX_VALUE);
    }
}
