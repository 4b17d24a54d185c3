package org.torchat.daemon.testing.names;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * JDK 18+ (JEP 418): the JVM's name resolver in the tests, which tells {@link NameLookups} of every name it is asked
 * to resolve and then lets the JDK's own resolver answer. Literals never reach a resolver, names always do.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {
    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        NameLookups.providerInstalled();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                NameLookups.resolved(host);
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "torchat-test-recording-resolver";
    }
}
