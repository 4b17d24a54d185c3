package org.torchat.daemon.tor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one control-protocol reply or event line, split as control-spec section 2 describes them:
 * positional words, then {@code KEY=VALUE} pairs whose value may be a quoted string with backslash escapes
 * ({@code SUMMARY="Loading relay descriptors"}).
 */
record ControlLine(List<String> positional, Map<String, String> keywords) {

    static ControlLine parse(String text) {
        List<String> positional = new ArrayList<>();
        Map<String, String> keywords = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && text.charAt(i) != ' ' && text.charAt(i) != '=' && text.charAt(i) != '"') {
                i++;
            }
            if (i < n && text.charAt(i) == '=' && i > start) {
                String key = text.substring(start, i);
                i++;
                StringBuilder value = new StringBuilder();
                i = value(text, i, value);
                keywords.put(key, value.toString());
            } else {
                StringBuilder word = new StringBuilder(text.substring(start, i));
                i = value(text, i, word);
                positional.add(word.toString());
            }
        }
        return new ControlLine(Collections.unmodifiableList(positional), Collections.unmodifiableMap(keywords));
    }

    /** Reads a plain word or a quoted string starting at {@code i} into {@code out}; returns the index after it. */
    private static int value(String text, int i, StringBuilder out) {
        int n = text.length();
        if (i < n && text.charAt(i) == '"') {
            i++;
            while (i < n && text.charAt(i) != '"') {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    i++;
                    c = unescape(text.charAt(i));
                }
                out.append(c);
                i++;
            }
            return Math.min(n, i + 1);
        }
        while (i < n && text.charAt(i) != ' ') {
            out.append(text.charAt(i));
            i++;
        }
        return i;
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> c;
        };
    }

    /** The quoted strings of a space-separated list such as {@code "127.0.0.1:9050" "[::1]:9050"}. */
    static List<String> quotedList(String text) {
        return parse(text).positional();
    }

    /** Reads a quoted string (as in {@code COOKIEFILE="/var/lib/tor/control_auth_cookie"}) or a bare word. */
    static String unquote(String text) {
        StringBuilder out = new StringBuilder();
        value(text.strip(), 0, out);
        return out.toString();
    }
}
