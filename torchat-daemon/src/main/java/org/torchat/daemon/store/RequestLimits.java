package org.torchat.daemon.store;

import org.torchat.daemon.config.Settings;

/**
 * What strangers may leave in our store before the user accepts them: {@code maxRequests} pending requests, each of
 * at most {@code maxMessagesEach} messages and {@code maxBytesEach} bytes of text, and {@code quotaBytes} for all of
 * them together. Anyone with our address is a potential stranger, so these are what bound a flood on disk.
 */
public record RequestLimits(int maxRequests, int maxMessagesEach, long maxBytesEach, long quotaBytes) {
    /** The limits {@code settings} sets: maxrequests, requestmessages, requestbytes, strangerquota. */
    public static RequestLimits of(Settings settings) {
        return new RequestLimits(
                settings.maxRequests(), settings.requestMessages(), settings.requestBytes(), settings.strangerQuota());
    }

    public RequestLimits {
        if (maxRequests < 1 || maxMessagesEach < 1 || maxBytesEach < 1 || quotaBytes < 1) {
            throw new IllegalArgumentException("request limits must be positive");
        }
    }
}
