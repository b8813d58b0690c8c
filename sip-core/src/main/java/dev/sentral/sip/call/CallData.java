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

    /** The caller's SDP offer; null when the INVITE had none (late offer: Sentral offers, the ACK answers). */
    SessionDescription callerOffer;
    /** What members are offered: the caller's G.711/telephone-event formats, or Sentral's own for a late offer. */
    List<AudioFormat> offeredToMembers = List.of();
    /** A late-offer call whose caller has not yet answered Sentral's offer (in the ACK). */
    boolean awaitingCallerAnswer;
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
    /** Members whose 3xx was already followed in this call: a second redirect counts as no answer. */
    final java.util.Set<String> redirected = new java.util.HashSet<>();

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
