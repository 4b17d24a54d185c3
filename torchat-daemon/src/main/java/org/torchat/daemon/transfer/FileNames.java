package org.torchat.daemon.transfer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the file name a peer offers into one that is safe to create in the downloads directory: a single plain
 * component that is not hidden, not {@code .} or {@code ..}, has no control or invisible formatting characters
 * (which could disguise the name on screen), is not a device name, and fits in {@link #MAX_BYTES} bytes of UTF-8.
 */
public final class FileNames {
    /** Most file systems allow 255 bytes; room is left for a collision suffix such as " (12)". */
    static final int MAX_BYTES = 200;

    static final String FALLBACK = "file";
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern DEVICE = Pattern.compile("(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    private FileNames() {}

    public static String sanitise(String offered) {
        StringBuilder safe = new StringBuilder(Math.min(offered.length(), 4 * MAX_BYTES));
        offered.codePoints().forEach(cp -> safe.appendCodePoint(allowed(cp) ? cp : '_'));
        String name = DOTS.matcher(safe).replaceAll(".");
        name = stripDotsAndSpaces(name);
        if (DEVICE.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
            name = "_" + name;
        }
        name = truncate(name);
        return name.isEmpty() ? FALLBACK : name;
    }

    /** The name with " (n)" before its extension: the n-th choice when the name is taken. */
    static String withSuffix(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }

    private static boolean allowed(int cp) {
        if (cp == '/' || cp == '\\' || cp == ':' || Character.isISOControl(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        // Bidirectional overrides and other invisible characters can make "gpj.exe" look like "exe.jpg".
        return type != Character.FORMAT
                && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE
                && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static String stripDotsAndSpaces(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || Character.isWhitespace(name.charAt(start)))) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
            end--;
        }
        return name.substring(start, end);
    }

    /** Cuts the part before the extension (between characters) until the whole fits in {@link #MAX_BYTES}. */
    private static String truncate(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String base = extension.isEmpty() ? name : name.substring(0, dot);
        int budget = MAX_BYTES - utf8Length(extension);
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            String next = new String(Character.toChars(cp));
            if (utf8Length(cut.toString()) + utf8Length(next) > budget) {
                break;
            }
            cut.append(next);
            i += Character.charCount(cp);
        }
        return stripDotsAndSpaces(cut + extension);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
