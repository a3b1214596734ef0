package io.pricewire.service.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects: what is left after string literals, label
 * matchers, ranges, grouping label lists, offsets, numbers, functions and keywords are taken out.
 * Names are returned as written (with their {@code _bucket}, {@code _count}, {@code _sum} or
 * {@code _total} suffix), i.e. as series names of the exposition format.
 */
final class PromqlNames {
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern COMMENTS = Pattern.compile("#[^\\n]*");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OFFSETS =
            Pattern.compile("\\boffset\\s+-?\\w+|@\\s*[\\w.]+(?:\\(\\))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERS =
            Pattern.compile("(?<![\\w:])(?:0x[0-9a-fA-F]+|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)(?![\\w:])");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "inf",
            "nan",
            "atan2");

    private PromqlNames() {}

    static Set<String> in(String expr) {
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = COMMENTS.matcher(s).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = LABEL_LISTS.matcher(s).replaceAll(" ");
        s = OFFSETS.matcher(s).replaceAll(" ");
        s = NUMBERS.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String id = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean call = next < s.length() && s.charAt(next) == '(';
            if (!call && !KEYWORDS.contains(id.toLowerCase())) {
                names.add(id);
            }
        }
        return names;
    }
}
