package org.trustmap.crawler.fetch.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A host resolved to, or a connection was about to go to, an address the policy refuses. Extends
 * {@link UnknownHostException} so OkHttp treats it like a failed lookup and gives up on the route.
 */
public final class ForbiddenAddressException extends UnknownHostException {
    private final transient InetAddress address;
    private final AddressClass addressClass;

    public ForbiddenAddressException(String host, InetAddress address, AddressClass addressClass) {
        super(host + " -> " + address.getHostAddress() + " is " + addressClass + ", refused");
        this.address = address;
        this.addressClass = addressClass;
    }

    public InetAddress address() {
        return address;
    }

    public AddressClass addressClass() {
        return addressClass;
    }

    /** Finds one in a cause/suppressed chain (OkHttp wraps connect failures per route). */
    public static java.util.Optional<ForbiddenAddressException> in(Throwable t) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(t);
        while (!todo.isEmpty()) {
            Throwable x = todo.poll();
            if (x == null || !seen.add(x)) {
                continue;
            }
            if (x instanceof ForbiddenAddressException f) {
                return java.util.Optional.of(f);
            }
            if (x.getCause() != null) {
                todo.add(x.getCause());
            }
            todo.addAll(java.util.Arrays.asList(x.getSuppressed()));
        }
        return java.util.Optional.empty();
    }
}
