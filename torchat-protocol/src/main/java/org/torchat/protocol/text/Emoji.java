package org.torchat.protocol.text;

/**
 * Which code points are emoji, as far as laying out and sanitising text needs to know. Java 17 has no
 * {@code Character.isEmoji}, and a library such as ICU4J would add megabytes to a client whose resident memory is
 * watched, so this is a small table of the Unicode 15 emoji data: coarse where the blocks are almost all emoji,
 * exact in the older symbol blocks where most code points are text.
 */
public final class Emoji {
    /** Extended_Pictographic, approximated by block (from emoji-data.txt). */
    private static final int[][] PICTOGRAPHIC = {
        {0x00A9, 0x00A9}, {0x00AE, 0x00AE}, {0x203C, 0x203C}, {0x2049, 0x2049}, {0x2122, 0x2122},
        {0x2139, 0x2139}, {0x2194, 0x2199}, {0x21A9, 0x21AA}, {0x231A, 0x231B}, {0x2328, 0x2328},
        {0x23CF, 0x23CF}, {0x23E9, 0x23F3}, {0x23F8, 0x23FA}, {0x24C2, 0x24C2}, {0x25AA, 0x25AB},
        {0x25B6, 0x25B6}, {0x25C0, 0x25C0}, {0x25FB, 0x25FE}, {0x2600, 0x27BF}, {0x2934, 0x2935},
        {0x2B05, 0x2B07}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x3030, 0x3030},
        {0x303D, 0x303D}, {0x3297, 0x3297}, {0x3299, 0x3299}, {0x1F000, 0x1F1E5}, {0x1F200, 0x1F3FA},
        {0x1F400, 0x1FAFF}, {0x1FC00, 0x1FFFD},
    };
    /**
     * Emoji_Presentation: shown two columns wide by terminals without a variation selector (East Asian Width W).
     * The supplementary blocks are taken whole, as glibc's and tmux's wcwidth do.
     */
    private static final int[][] PRESENTATION = {
        {0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE},
        {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
        {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4},
        {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
        {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
        {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
        {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
        {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B}, {0x1F240, 0x1F248},
        {0x1F250, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0},
        {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    };

    public static final int ZWJ = 0x200D;
    public static final int VARIATION_EMOJI = 0xFE0F;
    /** CANCEL TAG, the end of a tag sequence such as the flag of Scotland. */
    public static final int CANCEL_TAG = 0xE007F;

    private Emoji() {}

    public static boolean isPictographic(int cp) {
        return in(PICTOGRAPHIC, cp);
    }

    /** Drawn as emoji (two columns) even without U+FE0F. */
    public static boolean hasEmojiPresentation(int cp) {
        return in(PRESENTATION, cp);
    }

    /** The skin tones U+1F3FB..U+1F3FF: they join the emoji before them. */
    public static boolean isModifier(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    /** Regional indicators: two of them make a flag. */
    public static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** Tag characters, which spell subdivision flags after U+1F3F4. */
    public static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= CANCEL_TAG;
    }

    private static boolean in(int[][] ranges, int cp) {
        int lo = 0;
        int hi = ranges.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < ranges[mid][0]) {
                hi = mid - 1;
            } else if (cp > ranges[mid][1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
