package dev.sentral.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The RTP side.
 *
 * @param address           local address RTP sockets bind to and that SDP advertises
 * @param rtpPortMin        first port of the range (even)
 * @param rtpPortMax        last port of the range
 * @param inactivityTimeout a connected call whose media has been silent this long is ended
 * @param realtimePriority  0: the media threads are ordinary threads; 1–99: they run under Linux's SCHED_FIFO
 *                          at this priority (needs CAP_SYS_NICE or an RTPRIO limit), so 20 ms frames go out
 *                          on time on a busy machine
 */
public record MediaSettings(String address, int rtpPortMin, int rtpPortMax, Duration inactivityTimeout,
                            int realtimePriority) {
    public MediaSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
    }

    public MediaSettings withPortRange(int min, int max) {
        return new MediaSettings(address, min, max, inactivityTimeout, realtimePriority);
    }
}
