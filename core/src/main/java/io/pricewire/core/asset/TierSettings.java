package io.pricewire.core.asset;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tiers: where the ranks split, and how often each tier is refreshed. The service (hot and
 * medium) and the cold Lambda (cold) must split the ranks alike, or some ranks are refreshed by
 * nobody; so both read these settings here, under the same names ({@link Setting}), and the
 * deployment (the CDK stack, {@code local/run}) gives both the same values.
 *
 * @param boundaries     ranks 1..hotSize are hot, the next mediumSize medium, the rest cold
 * @param hotInterval    how often the hot tier is refreshed
 * @param mediumInterval how often the medium tier is refreshed
 * @param coldInterval   how often the cold tier is refreshed (the Lambda's schedule)
 */
public record TierSettings(
        TierBoundaries boundaries, Duration hotInterval, Duration mediumInterval, Duration coldInterval) {
    /** The seed's split (20 / 180 / rest) at 5 s / 30 s / 5 min. */
    public static final TierSettings DEFAULT = new TierSettings(
            TierBoundaries.DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5));
    /** {@code 5s}, {@code 30s}, {@code 5m}, {@code 500ms}, {@code 1h}, {@code 1d}: the short form Micronaut also reads. */
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /**
     * One setting, by the environment variable both runtimes read it from; the service also takes
     * it as the property of the same name ({@code PRICEWIRE_TIERS_HOT_SIZE} = {@code pricewire.tiers.hot-size}).
     */
    public enum Setting {
        HOT_SIZE,
        MEDIUM_SIZE,
        HOT_INTERVAL,
        MEDIUM_INTERVAL,
        COLD_INTERVAL;

        /** {@code PRICEWIRE_TIERS_HOT_SIZE}, … */
        public String variable() {
            return "PRICEWIRE_TIERS_" + name();
        }

        /** {@code pricewire.tiers.hot-size}, …: what Micronaut makes of {@link #variable()}. */
        public String property() {
            return "pricewire.tiers." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public TierSettings {
        Objects.requireNonNull(boundaries, "boundaries");
        requirePositive(hotInterval, Setting.HOT_INTERVAL);
        requirePositive(mediumInterval, Setting.MEDIUM_INTERVAL);
        requirePositive(coldInterval, Setting.COLD_INTERVAL);
    }

    /**
     * Reads every setting through {@code lookup}, which answers a setting's configured text or
     * {@code null}; unset or blank settings keep their {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming the setting, when a value is malformed or out of range
     */
    public static TierSettings read(Function<Setting, String> lookup) {
        return new TierSettings(
                new TierBoundaries(
                        size(lookup, Setting.HOT_SIZE, DEFAULT.boundaries().hotSize()),
                        size(lookup, Setting.MEDIUM_SIZE, DEFAULT.boundaries().mediumSize())),
                duration(lookup, Setting.HOT_INTERVAL, DEFAULT.hotInterval()),
                duration(lookup, Setting.MEDIUM_INTERVAL, DEFAULT.mediumInterval()),
                duration(lookup, Setting.COLD_INTERVAL, DEFAULT.coldInterval()));
    }

    /** Reads the settings from environment variables ({@code env}: the process environment, or a map in tests). */
    public static TierSettings fromEnvironment(Map<String, String> env) {
        return read(setting -> env.get(setting.variable()));
    }

    /** These settings as the environment variables that give them, for a deployment to pass both runtimes. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(Setting.HOT_SIZE.variable(), Integer.toString(boundaries.hotSize()));
        env.put(Setting.MEDIUM_SIZE.variable(), Integer.toString(boundaries.mediumSize()));
        env.put(Setting.HOT_INTERVAL.variable(), text(hotInterval));
        env.put(Setting.MEDIUM_INTERVAL.variable(), text(mediumInterval));
        env.put(Setting.COLD_INTERVAL.variable(), text(coldInterval));
        return env;
    }

    public Duration interval(Tier tier) {
        return switch (tier) {
            case HOT -> hotInterval;
            case MEDIUM -> mediumInterval;
            case COLD -> coldInterval;
        };
    }

    /** A price is reported {@code stale} once older than twice its tier's interval. */
    public Duration staleAfter(Tier tier) {
        return interval(tier).multipliedBy(2);
    }

    /**
     * How long one cycle of the tier may wait for the exchanges: at most 60 % of its interval, so a
     * cycle always ends before the next one is due and a slow exchange only costs its share.
     */
    public Duration fetchBudget(Tier tier, Duration ceiling) {
        Duration share = interval(tier).multipliedBy(6).dividedBy(10);
        return share.compareTo(ceiling) < 0 ? share : ceiling;
    }

    private static int size(Function<Setting, String> lookup, Setting setting, int fallback) {
        String value = value(lookup, setting);
        if (value == null) {
            return fallback;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name(setting) + " must be a whole number >= 0, got '" + value + "'");
    }

    private static Duration duration(Function<Setting, String> lookup, Setting setting, Duration fallback) {
        String value = value(lookup, setting);
        if (value == null) {
            return fallback;
        }
        Duration parsed = parse(value);
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException(
                    name(setting) + " must be a positive duration such as 5s, 30s or 5m, got '" + value + "'");
        }
        return parsed;
    }

    private static Duration parse(String value) {
        Matcher m = SHORT_DURATION.matcher(value);
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(value);
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1_000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String value(Function<Setting, String> lookup, Setting setting) {
        String value = lookup.apply(setting);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String name(Setting setting) {
        return setting.variable() + " (" + setting.property() + ")";
    }

    private static void requirePositive(Duration interval, Setting setting) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name(setting) + " must be a positive duration, got " + interval);
        }
    }
}
