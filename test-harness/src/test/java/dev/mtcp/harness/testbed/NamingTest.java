package dev.mtcp.harness.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamingTest {
    @Test
    void shouldFindOwnerPidWhenNameIsOurs() {
        assertThat(NamespaceNames.runPrefix(1234, "ab12")).isEqualTo("mtcpwan-1234-ab12-");
        assertThat(NamespaceNames.ownerPid("mtcpwan-1234-ab12-client")).hasValue(1234);
        assertThat(NamespaceNames.ownerPid("mtcpx-probe")).isEmpty();
        assertThat(NamespaceNames.ownerPid("someone-elses")).isEmpty();
    }

    @Test
    void shouldParseNamesWhenListHasIds() {
        assertThat(NamespaceNames.parseList("mtcpwan-1-a-s1 (id: 3)\nother\n\n"))
                .containsExactly("mtcpwan-1-a-s1", "other");
    }

    @Test
    void shouldUseBenchmarkingRangeWhenAssigningAddresses() {
        assertThat(AddressPlan.subnet(0)).isEqualTo("198.18.0.0/24");
        assertThat(AddressPlan.hostAddress(3)).isEqualTo("198.18.3.2");
        assertThat(AddressPlan.routerAddress(300)).isEqualTo("198.19.44.1");
        assertThatThrownBy(() -> AddressPlan.subnet(512)).hasMessageContaining("outside 0..511");
    }
}
