package org.trustmap.crawler.fetch.internal;

import java.net.InetAddress;
import java.util.Set;

/**
 * Which addresses the fetcher may connect to. Public addresses always; loopback and private ones only when
 * {@code allowPrivateNetwork} (or, for tests, loopback on listed ports); link-local, cloud metadata, multicast,
 * any-local and reserved addresses never.
 */
public record AddressPolicy(boolean allowPrivateNetwork, Set<Integer> loopbackPorts) {
    public AddressPolicy {
        loopbackPorts = Set.copyOf(loopbackPorts);
    }

    /** Whether a connection to {@code address:port} is allowed; {@code port < 0} means "any port we allow". */
    public boolean allows(InetAddress address, int port) {
        return switch (AddressClass.of(address)) {
            case PUBLIC -> true;
            case LOOPBACK -> allowPrivateNetwork
                    || (port < 0 ? !loopbackPorts.isEmpty() : loopbackPorts.contains(port));
            case PRIVATE -> allowPrivateNetwork;
            default -> false;
        };
    }

    /** Throws if the address is refused. */
    public void check(String host, InetAddress address, int port) throws ForbiddenAddressException {
        if (!allows(address, port)) {
            throw new ForbiddenAddressException(host, address, AddressClass.of(address));
        }
    }
}
