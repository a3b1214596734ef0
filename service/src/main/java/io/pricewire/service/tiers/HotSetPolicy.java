package io.pricewire.service.tiers;

import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.AssetUniverse;
import io.pricewire.service.config.DemandProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which assets are hot, given demand scores: an asset busier than the coldest hot asset by the
 * hysteresis factor takes its place, the hot tier keeps its size, a promoted asset whose demand
 * has cooled below half the promotion threshold gives its place back to the best-ranked displaced
 * asset, and the assets ranked 1 to {@code protectedRanks} are never displaced. Pure: no I/O.
 */
final class HotSetPolicy {
    private final AssetUniverse universe;
    private final Set<String> rankHot;
    private final int hotSize;
    private final DemandProperties props;

    /** {@code rankHot}: the hot set by rank alone, best first. */
    HotSetPolicy(AssetUniverse universe, List<String> rankHot, int hotSize, DemandProperties props) {
        this.universe = universe;
        this.rankHot = new LinkedHashSet<>(rankHot);
        this.hotSize = hotSize;
        this.props = props;
    }

    /** What a score is worth one period later. */
    static double decayPerPeriod(DemandProperties props) {
        return Math.pow(0.5, (double) props.period().toMillis() / props.halfLife().toMillis());
    }

    /** The next hot set, in rank order. */
    List<String> choose(List<String> currentHot, Map<String, Double> scores) {
        List<String> hot = new ArrayList<>(currentHot.stream().filter(s -> universe.find(s).isPresent()).distinct().toList());
        Comparator<String> colder = Comparator.<String>comparingDouble(s -> scores.getOrDefault(s, 0.0))
                .thenComparing(s -> -rank(s));
        // cooled promotions give their place back to the best-ranked displaced asset
        for (String s : List.copyOf(hot)) {
            if (!rankHot.contains(s) && scores.getOrDefault(s, 0.0) < props.minScore() / 2) {
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
            hot.stream().filter(s -> !isProtected(s)).min(colder).ifPresentOrElse(hot::remove, () -> hot.remove(hot.size() - 1));
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
                .filter(e -> !hot.contains(e.getKey()) && e.getValue() >= props.minScore() && universe.find(e.getKey()).isPresent())
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
        for (String candidate : candidates) {
            if (hot.size() < hotSize) {
                hot.add(candidate);
                continue;
            }
            String coldest = hot.stream().filter(s -> !isProtected(s)).min(colder).orElse(null);
            if (coldest != null && scores.get(candidate) > scores.getOrDefault(coldest, 0.0) * props.hysteresis()) {
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
        return rank(symbol) <= props.protectedRanks();
    }

    private int rank(String symbol) {
        return universe.find(symbol).map(Asset::rank).orElse(Integer.MAX_VALUE);
    }
}
