package dev.sentral.media.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortAllocatorTest {

    @Test
    void handsOutEvenPortsAndReusesReleasedOnesLast() {
        PortAllocator ports = new PortAllocator(30000, 30007);

        assertThat(ports.capacity()).isEqualTo(4);
        int first = ports.acquire().getAsInt();
        assertThat(first).isEqualTo(30000);
        ports.release(first);
        assertThat(ports.acquire().getAsInt()).isEqualTo(30002);
        assertThat(ports.acquire().getAsInt()).isEqualTo(30004);
        assertThat(ports.acquire().getAsInt()).isEqualTo(30006);
        assertThat(ports.acquire().getAsInt()).isEqualTo(30000);
        assertThat(ports.acquire()).isEmpty();
    }

    @Test
    void rejectsAnOddStart() {
        assertThatThrownBy(() -> new PortAllocator(30001, 30010)).hasMessageContaining("even");
    }
}
