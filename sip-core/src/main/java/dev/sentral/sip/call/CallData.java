package dev.sentral.sip.call;

import dev.sentral.config.MemberConfig;
import dev.sentral.media.sdp.AudioFormat;
import dev.sentral.media.sdp.SessionDescription;
import dev.sentral.routing.hunt.HuntSession;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The mutable fields of one call. Owned by the call's executor; only {@link CallFsm} writes them. */
final class CallData {
    CallState state = CallState.IDLE;
    final HuntSession hunt;
    final long sdpSessionId;

    SessionDescription callerOffer;
    /** The payload formats both sides agreed on, in the caller's numbering. */
    List<AudioFormat> negotiated = List.of();
    LocalMedia media;
    boolean callerRinging;
    long callerSdpVersion;
    long memberSdpVersion;

    int nextLeg;
    int currentLeg;
    final Map<Integer, LegState> legs = new HashMap<>();
    final Map<Integer, MemberConfig> legMembers = new HashMap<>();
    String connectedMember;

    CallData(HuntSession hunt, long sdpSessionId) {
        this.hunt = hunt;
        this.sdpSessionId = sdpSessionId;
    }

    LegState leg(int leg) {
        return legs.getOrDefault(leg, LegState.ENDED);
    }

    boolean isCurrent(int leg) {
        return leg == currentLeg && leg != 0;
    }
}
