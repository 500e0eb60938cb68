package org.trustmap.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.fetch.internal.AddressClass;
import org.trustmap.crawler.fetch.internal.AddressPolicy;
import org.trustmap.crawler.fetch.internal.RetryAfter;

class AddressGuardTest {
    @ParameterizedTest
    @CsvSource({
            "8.8.8.8, PUBLIC, true, true",
            "2a00:1450:4001::1, PUBLIC, true, true",
            "127.0.0.1, LOOPBACK, false, true",
            "::1, LOOPBACK, false, true",
            "::ffff:127.0.0.1, LOOPBACK, false, true",
            "::127.0.0.1, LOOPBACK, false, true",
            "64:ff9b::7f00:1, LOOPBACK, false, true",
            "2002:7f00:1::, LOOPBACK, false, true",
            "10.1.2.3, PRIVATE, false, true",
            "172.16.0.1, PRIVATE, false, true",
            "172.32.0.1, PUBLIC, true, true",
            "192.168.1.1, PRIVATE, false, true",
            "100.64.0.1, PRIVATE, false, true",
            "fd12:3456::1, PRIVATE, false, true",
            "fec0::1, PRIVATE, false, true",
            "169.254.169.254, CLOUD_METADATA, false, false",
            "::ffff:169.254.169.254, CLOUD_METADATA, false, false",
            "fd00:ec2::254, CLOUD_METADATA, false, false",
            "100.100.100.200, CLOUD_METADATA, false, false",
            "169.254.1.1, LINK_LOCAL, false, false",
            "fe80::1, LINK_LOCAL, false, false",
            "224.0.0.1, MULTICAST, false, false",
            "ff02::1, MULTICAST, false, false",
            "0.0.0.0, ANY_LOCAL, false, false",
            ":: , ANY_LOCAL, false, false",
            "255.255.255.255, RESERVED, false, false",
            "192.0.2.1, RESERVED, false, false",
    })
    void classifiesAndAppliesThePolicy(String ip, AddressClass expected, boolean production, boolean privateAllowed)
            throws Exception {
        InetAddress address = InetAddress.getByName(ip.trim());

        assertThat(AddressClass.of(address)).isEqualTo(expected);
        assertThat(new AddressPolicy(false, Set.of()).allows(address, 80)).isEqualTo(production);
        assertThat(new AddressPolicy(true, Set.of()).allows(address, 80)).isEqualTo(privateAllowed);
    }

    @ParameterizedTest
    @CsvSource({
            "120, 120",
            "0, 0",
            "'Wed, 03 Sep 2025 08:01:30 GMT', 90",
            "'Wed, 03 Sep 2025 07:00:00 GMT', 0",
    })
    void retryAfterInSecondsAndAsHttpDate(String header, long seconds) {
        assertThat(RetryAfter.parse(header, Instant.parse("2025-09-03T08:00:00Z")))
                .contains(Duration.ofSeconds(seconds));
    }
}
