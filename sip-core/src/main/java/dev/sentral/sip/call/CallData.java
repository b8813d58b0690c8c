package dev.sentral.sip.call;

import dev.sentral.config.MemberConfig;
import dev.sentral.config.OverflowConfig;
import dev.sentral.media.sdp.AudioFormat;
import dev.sentral.media.sdp.SessionDescription;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The mutable fields of one call. Owned by the call's executor; only {@link CallFsm} writes them. */
final class CallData {
    CallState state = CallState.IDLE;
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
    /** The number plays a greeting: Sentral answers the caller itself, before any member does. */
    boolean greets;
    /** Sentral has answered the caller (greeting, hold music or the overflow message). */
    boolean callerAnswered;
    /** Closed (opening hours): where the call goes instead of the plan; null when open. */
    OverflowConfig.Destination closedTo;
    /** Waiting callers with music hear their position every 30 s. */
    boolean announces;
    /** The call-flow element the call starts at (a number with a flow), else null. */
    String flowStart;
    /** The call's walk through its flow, once started. */
    dev.sentral.routing.flow.FlowSession flow;
    /** A flow prompt waiting for the caller's answer in the ACK (late offer). */
    dev.sentral.routing.flow.FlowSession.Prompt deferredPrompt;
    int deferredToken;
    /** A confirmation to play and hang up (feature codes), else null. */
    dev.sentral.routing.flow.FlowSession.Prompt notice;
    /** The caller's position in the queue, as routing last said (0: not told yet). */
    int position;
    /** The plan's recent average wait, as routing last said. */
    java.util.Optional<java.time.Duration> estimatedWait = java.util.Optional.empty();
    /** A position announcement is playing (the music is paused). */
    boolean announcing;
    long callerSdpVersion;
    long memberSdpVersion;

    int nextLeg;
    /** The leg that connected (0 until a member answers). */
    int currentLeg;
    final Map<Integer, LegState> legs = new HashMap<>();
    final Map<Integer, MemberConfig> legMembers = new HashMap<>();
    /** Which routing offer each leg carries out (a redirect gives one offer a second leg). */
    final Map<Integer, Long> legOffer = new HashMap<>();
    /** Offers already reported back to routing: each is reported exactly once. */
    final Set<Long> reported = new HashSet<>();
    String connectedMember;
    /** Members whose 3xx was already followed in this call: a second redirect counts as no answer. */
    final Set<String> redirected = new HashSet<>();
    OverflowConfig.Destination overflow;

    CallData(long sdpSessionId) {
        this.sdpSessionId = sdpSessionId;
    }

    LegState leg(int leg) {
        return legs.getOrDefault(leg, LegState.ENDED);
    }

    /** Ringing: INVITE sent, not answered, failed or cancelled. */
    boolean isLive(int leg) {
        LegState s = leg(leg);
        return s == LegState.INVITING || s == LegState.EARLY;
    }

    boolean isCurrent(int leg) {
        return leg == currentLeg && leg != 0;
    }

    /** How the ended legs of an offer with several phones went, until the last one ends. */
    final Map<Long, dev.sentral.routing.hunt.OfferResult> offerResults = new HashMap<>();

    /** The live legs carrying out {@code offerId} (several for a user with several phones). */
    List<Integer> liveLegsOf(long offerId) {
        return legOffer.entrySet().stream().filter(e -> e.getValue() == offerId && isLive(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    List<Integer> liveLegs() {
        return legs.keySet().stream().filter(this::isLive).sorted().toList();
    }
}
