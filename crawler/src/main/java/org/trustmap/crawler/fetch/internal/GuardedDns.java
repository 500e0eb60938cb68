package org.trustmap.crawler.fetch.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import okhttp3.Dns;

/**
 * Resolves with the system resolver and drops refused addresses; if none is left, the lookup fails with a
 * {@link ForbiddenAddressException}. OkHttp does not call a {@code Dns} for IP literals, so
 * {@link GuardedSocketFactory} checks the address again right before connecting.
 */
public final class GuardedDns implements Dns {
    private final AddressPolicy policy;
    private final Dns delegate;

    public GuardedDns(AddressPolicy policy, Dns delegate) {
        this.policy = policy;
        this.delegate = delegate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> all = delegate.lookup(hostname);
        List<InetAddress> allowed = new ArrayList<>();
        for (InetAddress a : all) {
            if (policy.allows(a, -1)) {
                allowed.add(a);
            }
        }
        if (allowed.isEmpty()) {
            InetAddress first = all.get(0);
            throw new ForbiddenAddressException(hostname, first, AddressClass.of(first));
        }
        return allowed;
    }
}
