package org.torchat.daemon.store;

/**
 * What strangers may leave in our store before the user accepts them: {@code maxRequests} pending requests, each of
 * at most {@code maxMessagesEach} messages and {@code maxBytesEach} bytes of text, and {@code quotaBytes} for all of
 * them together. Anyone with our address is a potential stranger, so these are what bound a flood on disk.
 */
public record RequestLimits(int maxRequests, int maxMessagesEach, long maxBytesEach, long quotaBytes) {
    /** The defaults of torchat.conf: room for a hundred people to say who they are, a few megabytes at most. */
    public static final RequestLimits DEFAULT = new RequestLimits(100, 5, 20_000, 2L * 1024 * 1024);

    public RequestLimits {
        if (maxRequests < 1 || maxMessagesEach < 1 || maxBytesEach < 1 || quotaBytes < 1) {
            throw new IllegalArgumentException("request limits must be positive");
        }
    }
}
