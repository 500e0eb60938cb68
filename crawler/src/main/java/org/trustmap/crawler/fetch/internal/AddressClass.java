package org.trustmap.crawler.fetch.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of address an IP is, for the private-address guard. IPv6 forms that embed an IPv4 address
 * (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are classified by the IPv4 address they carry.
 */
public enum AddressClass {
    PUBLIC,
    /** 127.0.0.0/8, ::1 */
    LOOPBACK,
    /** 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fc00::/7 (unique-local), fec0::/10 (site-local) */
    PRIVATE,
    /** 169.254/16, fe80::/10 */
    LINK_LOCAL,
    /** 169.254.169.254, fd00:ec2::254 (AWS), 100.100.100.200 (Alibaba) */
    CLOUD_METADATA,
    /** 224/4, ff00::/8 */
    MULTICAST,
    /** 0.0.0.0/8, :: */
    ANY_LOCAL,
    /** 240/4, broadcast, documentation, benchmarking and IETF protocol ranges, 100::/64 discard */
    RESERVED;

    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ofV4(b, 0);
        }
        if (address instanceof Inet6Address) {
            return ofV6(b);
        }
        return RESERVED;
    }

    private static AddressClass ofV4(byte[] b, int o) {
        int a0 = b[o] & 0xff;
        int a1 = b[o + 1] & 0xff;
        int a2 = b[o + 2] & 0xff;
        int a3 = b[o + 3] & 0xff;
        if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) {
            return CLOUD_METADATA;
        }
        if (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200) {
            return CLOUD_METADATA;
        }
        if (a0 == 0) {
            return ANY_LOCAL;
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)
                || (a0 == 100 && (a1 & 0xc0) == 64)) {
            return PRIVATE;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 >= 224 && a0 <= 239) {
            return MULTICAST;
        }
        if (a0 >= 240) {
            return RESERVED;
        }
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressClass ofV6(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ofV4(b, 12); // IPv4-mapped
        }
        if (first10Zero && b[10] == 0 && b[11] == 0) {
            boolean restZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (restZero && b[15] == 0) {
                return ANY_LOCAL;
            }
            if (restZero && b[15] == 1) {
                return LOOPBACK;
            }
            return ofV4(b, 12); // IPv4-compatible (deprecated)
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            return ofV4(b, 12); // NAT64 well-known prefix
        }
        if (w0 == 0x2002) {
            return ofV4(b, 2); // 6to4
        }
        if (w0 == 0xfd00 && w1 == 0x0ec2 && isTail254(b)) {
            return CLOUD_METADATA;
        }
        if ((b[0] & 0xff) == 0xff) {
            return MULTICAST;
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return LINK_LOCAL;
        }
        if ((w0 & 0xffc0) == 0xfec0 || (w0 & 0xfe00) == 0xfc00) {
            return PRIVATE;
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return RESERVED; // documentation
        }
        if (w0 == 0x0100 && w1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return RESERVED; // discard-only
        }
        return PUBLIC;
    }

    private static boolean isTail254(byte[] b) {
        for (int i = 4; i < 14; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[14] == 0x02 && b[15] == 0x54; // fd00:ec2::254, last group 0x0254

    }

    /** Parses an IP literal without any DNS lookup; empty if {@code host} is a name. */
    public static java.util.Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.contains(":") && !h.matches("[0-9.]+")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(h)); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
