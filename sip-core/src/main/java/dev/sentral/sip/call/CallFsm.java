package dev.sentral.sip.call;

import dev.sentral.config.MemberConfig;
import dev.sentral.media.sdp.AudioFormat;
import dev.sentral.media.sdp.Direction;
import dev.sentral.media.sdp.SdpException;
import dev.sentral.media.sdp.SdpWriter;
import dev.sentral.media.sdp.SessionDescription;
import dev.sentral.routing.hunt.HuntDecision;
import dev.sentral.routing.hunt.HuntSession;
import dev.sentral.sip.call.CallEvent.CallerAcked;
import dev.sentral.sip.call.CallEvent.CallerCancelled;
import dev.sentral.sip.call.CallEvent.CallerHungUp;
import dev.sentral.sip.call.CallEvent.CallerInvited;
import dev.sentral.sip.call.CallEvent.CallerReinvited;
import dev.sentral.sip.call.CallEvent.DrainTimeExpired;
import dev.sentral.sip.call.CallEvent.MediaInactive;
import dev.sentral.sip.call.CallEvent.MemberAnswered;
import dev.sentral.sip.call.CallEvent.MemberFailed;
import dev.sentral.sip.call.CallEvent.MemberHungUp;
import dev.sentral.sip.call.CallEvent.MemberRedirected;
import dev.sentral.sip.call.CallEvent.MemberReinvited;
import dev.sentral.sip.call.CallEvent.MemberRinging;
import dev.sentral.sip.call.CallEvent.RingTimedOut;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The B2BUA call: one caller (A leg) and the members' legs (B legs), with media anchored on Sentral.
 * Without a greeting the caller hears ringing (180) and is answered only when a member answers; the
 * member's SDP answer decides the codec for both sides (Sentral offers the member exactly what the
 * caller offered, so payload numbers match and RTP is relayed unchanged). An INVITE without SDP (late
 * offer, common on trunks) gets Sentral's own offer to the member, the member's choice as the offer in the
 * caller's 200, and the caller's answer in the ACK.
 *
 * <pre>
 *            CallerInvited               MemberAnswered(current leg)
 *   IDLE ─────────────────► RINGING ───────────────────────────────► CONNECTED
 *    │ bad SDP → 488           │ ▲                                      │ CallerHungUp / MemberHungUp
 *    │ no ports → 503          │ │ MemberFailed / RingTimedOut:         │ MediaInactive / DrainTimeExpired
 *    │ nobody → 480/486        │ └─ next member (hunt plan)             │ re-INVITEs: answered and mirrored
 *    ▼                         │ CallerCancelled → 487                  ▼
 *   ENDED ◄────────────────────┴─ nobody left → 480/486 ─────────────► ENDED
 *
 * B leg: INVITING → EARLY (1xx) → CONNECTED (2xx) → ENDED
 *            └───────┴─→ CANCELLING (ring timeout, caller gone) → ENDED (487)
 *                           └─ a 2xx that crosses the CANCEL is ACKed and BYEd at once
 * </pre>
 *
 * Transition table (state × event → action); any pair not listed is a bug reported through
 * {@link CallContext#unhandled}:
 * <pre>
 * IDLE      CallerInvited                 offer the first member | reject
 * RINGING   MemberRinging(current)        leg EARLY; 180 to caller once
 *           MemberAnswered(current)       ACK, connect media, 200 to caller → CONNECTED
 *           MemberFailed(current)         486/600/603 busy, else no answer → next member or give up
 *           MemberRedirected(current)     3xx: ring the same member at the Contact, once per member per
 *                                         call; a second redirect counts as no answer
 *           RingTimedOut(current)         CANCEL leg → next member or give up
 *           CallerCancelled               CANCEL leg, 487 → ENDED (abandoned)
 *           DrainTimeExpired              CANCEL leg, 503 → ENDED
 *           any event of a stale leg      absorbed (stale 2xx: ACK + BYE)
 * CONNECTED CallerHungUp                  BYE member → ENDED
 *           MemberHungUp(current)         BYE caller → ENDED
 *           CallerReinvited               answer with mirrored direction, re-INVITE member
 *           MemberReinvited(current)      answer with mirrored direction, re-INVITE caller
 *           MediaInactive, DrainTimeExpired  BYE both → ENDED
 *           CallerAcked                   late offer: the caller's answer sets where its RTP goes;
 *                                         no usable answer → BYE both (RFC 3261 §13.3.1.4)
 *           MemberAnswered(current)       2xx retransmission: the stack re-sends the ACK
 *           CallerCancelled, RingTimedOut crossed the answer: nothing to do
 *           any event of a stale leg      absorbed (stale 2xx: ACK + BYE)
 * ENDED     MemberAnswered(live leg)      ACK + BYE (2xx crossing CANCEL or caller's hang-up)
 *           anything else                 absorbed: late messages after the end are normal
 * </pre>
 */
public final class CallFsm {
    private static final Set<Integer> BUSY = Set.of(486, 600, 603);
    /** Sentral's own offer for a late-offer call: A-law first (the European default), µ-law, RFC 4733. */
    private static final List<AudioFormat> OWN_OFFER = List.of(AudioFormat.PCMA, AudioFormat.PCMU, AudioFormat.TELEPHONE_EVENT);

    private final CallContext ctx;
    private final CallData data;

    public CallFsm(CallContext ctx, HuntSession hunt, long sdpSessionId) {
        this.ctx = ctx;
        this.data = new CallData(hunt, sdpSessionId);
    }

    public CallState state() {
        return data.state;
    }

    /** Feeds one event. Called only on the call's owner thread. */
    public void handle(CallEvent event) {
        switch (data.state) {
            case IDLE -> idle(event);
            case RINGING -> ringing(event);
            case CONNECTED -> connected(event);
            case ENDED -> ended(event);
        }
    }

    // ---------------------------------------------------------------- IDLE

    private void idle(CallEvent event) {
        if (!(event instanceof CallerInvited invited)) {
            ctx.unhandled(data.state, event);
            return;
        }
        SessionDescription offer = null;
        if (invited.offerSdp() != null) {
            try {
                offer = SessionDescription.parse(invited.offerSdp());
            } catch (SdpException e) {
                reject(488, "Not Acceptable Here", CallOutcome.Kind.REJECTED);
                return;
            }
            if (!offer.hasSupportedCodec()) {
                reject(488, "Not Acceptable Here", CallOutcome.Kind.REJECTED);
                return;
            }
        }
        Optional<LocalMedia> media = ctx.openMedia();
        if (media.isEmpty()) {
            reject(503, "Service Unavailable", CallOutcome.Kind.REJECTED);
            return;
        }
        data.callerOffer = offer;
        data.offeredToMembers = offer == null ? OWN_OFFER : offer.supportedFormats();
        data.media = media.get();
        follow(data.hunt.start());
    }

    // ---------------------------------------------------------------- RINGING

    private void ringing(CallEvent event) {
        if (event instanceof MemberRinging r) {
            if (data.isCurrent(r.leg()) && data.leg(r.leg()) == LegState.INVITING) {
                data.legs.put(r.leg(), LegState.EARLY);
            }
            if (data.isCurrent(r.leg()) && !data.callerRinging) {
                data.callerRinging = true;
                ctx.ringCaller();
            }
        } else if (event instanceof MemberAnswered a) {
            if (data.isCurrent(a.leg())) {
                memberAnswered(a);
            } else {
                hangUpStaleLeg(a.leg());
            }
        } else if (event instanceof MemberFailed f) {
            if (data.isCurrent(f.leg())) {
                data.legs.put(f.leg(), LegState.ENDED);
                ctx.cancelRingTimer();
                follow(BUSY.contains(f.status()) ? data.hunt.memberBusy() : data.hunt.memberDidNotAnswer());
            } else {
                data.legs.put(f.leg(), LegState.ENDED);
            }
        } else if (event instanceof MemberRedirected r) {
            data.legs.put(r.leg(), LegState.ENDED);
            if (data.isCurrent(r.leg())) {
                ctx.cancelRingTimer();
                MemberConfig member = data.legMembers.get(r.leg());
                if (data.redirected.add(member.name())) {
                    MemberConfig moved = new MemberConfig(member.name(), r.contact(), member.ringTimeout());
                    offerTo(new HuntDecision.Offer(moved, data.hunt.plan().ringTimeoutFor(member)));
                } else {
                    follow(data.hunt.memberDidNotAnswer());
                }
            }
        } else if (event instanceof RingTimedOut t) {
            if (data.isCurrent(t.leg())) {
                cancelLeg(t.leg());
                follow(data.hunt.memberDidNotAnswer());
            }
        } else if (event instanceof CallerCancelled) {
            cancelLeg(data.currentLeg);
            reject(487, "Request Terminated", CallOutcome.Kind.ABANDONED);
        } else if (event instanceof DrainTimeExpired) {
            cancelLeg(data.currentLeg);
            reject(503, "Service Unavailable", CallOutcome.Kind.REJECTED);
        } else if (event instanceof MemberHungUp h && !data.isCurrent(h.leg())) {
            data.legs.put(h.leg(), LegState.ENDED);
        } else {
            ctx.unhandled(data.state, event);
        }
    }

    private void memberAnswered(MemberAnswered a) {
        int leg = a.leg();
        ctx.cancelRingTimer();
        ctx.ackMember(leg);
        SessionDescription answer;
        try {
            answer = SessionDescription.parse(a.answerSdp());
        } catch (SdpException e) {
            answer = null;
        }
        List<AudioFormat> agreed = answer == null ? List.of() : agreed(answer);
        if (agreed.stream().noneMatch(AudioFormat::isG711)) {
            // The member's phone answered with nothing we offered: it cannot talk to this caller.
            ctx.byeMember(leg);
            data.legs.put(leg, LegState.ENDED);
            follow(data.hunt.memberDidNotAnswer());
            return;
        }
        data.legs.put(leg, LegState.CONNECTED);
        data.negotiated = agreed;
        data.connectedMember = data.legMembers.get(leg).name();
        SessionDescription offer = data.callerOffer;
        if (offer == null) {
            // Late offer: our 200 carries the offer (the member's choice); the caller answers in the ACK.
            data.awaitingCallerAnswer = true;
            ctx.connectMedia(null, 0, answer.address(), answer.port());
            ctx.answerCaller(callerSdp(Direction.SENDRECV, List.of()));
        } else {
            ctx.connectMedia(offer.address(), offer.port(), answer.address(), answer.port());
            ctx.answerCaller(callerSdp(answer.direction(), offer.otherMedia()));
        }
        agreed.stream().filter(AudioFormat::isTelephoneEvent).findFirst()
                .ifPresent(te -> ctx.listenForCallerKeys(te.payloadType()));
        data.state = CallState.CONNECTED;
    }

    /** The answer's formats that members were offered, in the answer's order. */
    private List<AudioFormat> agreed(SessionDescription answer) {
        Set<Integer> offered = data.offeredToMembers.stream()
                .map(AudioFormat::payloadType).collect(Collectors.toSet());
        return answer.formats().stream().filter(f -> offered.contains(f.payloadType()))
                .filter(f -> f.isG711() || f.isTelephoneEvent()).toList();
    }

    private void follow(HuntDecision decision) {
        if (decision instanceof HuntDecision.Offer offer) {
            offerTo(offer);
        } else if (decision instanceof HuntDecision.GiveUp giveUp) {
            boolean busy = giveUp.reason() == HuntDecision.GiveUpReason.ALL_BUSY;
            reject(busy ? 486 : 480, busy ? "Busy Here" : "Temporarily Unavailable", CallOutcome.Kind.NOT_ANSWERED);
        }
    }

    private void offerTo(HuntDecision.Offer offer) {
        MemberConfig member = offer.member();
        int leg = ++data.nextLeg;
        data.currentLeg = leg;
        data.legs.put(leg, LegState.INVITING);
        data.legMembers.put(leg, member);
        data.state = CallState.RINGING;
        Direction direction = data.callerOffer == null ? Direction.SENDRECV : data.callerOffer.direction();
        // A fresh dialog per member, so its SDP version starts again.
        String sdp = SdpWriter.write(data.sdpSessionId, 1, data.media.address(), data.media.memberPort(),
                data.offeredToMembers, direction, List.of());
        data.memberSdpVersion = 1;
        ctx.inviteMember(leg, member, sdp);
        ctx.startRingTimer(leg, offer.ringTimeout());
    }

    private void cancelLeg(int leg) {
        LegState s = data.leg(leg);
        if (s == LegState.INVITING || s == LegState.EARLY) {
            data.legs.put(leg, LegState.CANCELLING);
            ctx.cancelMember(leg);
        }
        ctx.cancelRingTimer();
    }

    // ---------------------------------------------------------------- CONNECTED

    private void connected(CallEvent event) {
        if (event instanceof CallerHungUp) {
            ctx.byeMember(data.currentLeg);
            end(CallOutcome.answered(data.connectedMember));
        } else if (event instanceof MemberHungUp h) {
            if (data.isCurrent(h.leg())) {
                ctx.byeCaller();
                end(CallOutcome.answered(data.connectedMember));
            } else {
                data.legs.put(h.leg(), LegState.ENDED);
            }
        } else if (event instanceof CallerAcked ack) {
            callerAcked(ack.sdp());
        } else if (event instanceof CallerReinvited r) {
            callerReinvited(r.sdp());
        } else if (event instanceof MemberReinvited r) {
            if (data.isCurrent(r.leg())) {
                memberReinvited(r.leg(), r.sdp());
            } else {
                ctx.rejectMemberReinvite(r.leg(), 481, "Call/Transaction Does Not Exist");
            }
        } else if (event instanceof MediaInactive || event instanceof DrainTimeExpired) {
            ctx.byeCaller();
            ctx.byeMember(data.currentLeg);
            end(CallOutcome.answered(data.connectedMember));
        } else if (event instanceof MemberAnswered a) {
            if (!data.isCurrent(a.leg())) {
                hangUpStaleLeg(a.leg());
            }
        } else if (event instanceof MemberRinging || event instanceof CallerCancelled || event instanceof RingTimedOut) {
            // crossed the answer on the wire or in the timer queue
        } else if (event instanceof MemberFailed f && !data.isCurrent(f.leg())) {
            data.legs.put(f.leg(), LegState.ENDED);
        } else if (event instanceof MemberRedirected r && !data.isCurrent(r.leg())) {
            data.legs.put(r.leg(), LegState.ENDED);
        } else {
            ctx.unhandled(data.state, event);
        }
    }

    private void callerAcked(String sdp) {
        if (!data.awaitingCallerAnswer) {
            return; // the ACK of an ordinary 2xx
        }
        data.awaitingCallerAnswer = false;
        SessionDescription answer = null;
        if (sdp != null) {
            try {
                answer = SessionDescription.parse(sdp);
            } catch (SdpException e) {
                answer = null;
            }
        }
        if (answer == null || !answer.hasSupportedCodec()) {
            // RFC 3261 §13.3.1.4: an ACK without an acceptable answer ends the session.
            ctx.byeCaller();
            ctx.byeMember(data.currentLeg);
            end(CallOutcome.of(CallOutcome.Kind.REJECTED, 488));
            return;
        }
        ctx.updateCallerMedia(answer.address(), answer.port());
    }

    private void callerReinvited(String sdp) {
        if (sdp == null) {
            ctx.answerCallerReinvite(callerSdp(Direction.SENDRECV, List.of()));
            return;
        }
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(sdp);
        } catch (SdpException e) {
            ctx.rejectCallerReinvite(488, "Not Acceptable Here");
            return;
        }
        if (!offer.hasSupportedCodec()) {
            ctx.rejectCallerReinvite(488, "Not Acceptable Here");
            return;
        }
        ctx.updateCallerMedia(offer.address(), offer.port());
        ctx.answerCallerReinvite(callerSdp(offer.direction().answer(), offer.otherMedia()));
        // Mirror the hold state to the member so their phone shows it too.
        ctx.reinviteMember(data.currentLeg, memberSdp(offer.isHold() ? Direction.SENDONLY : Direction.SENDRECV));
    }

    private void memberReinvited(int leg, String sdp) {
        if (sdp == null) {
            ctx.answerMemberReinvite(leg, memberSdp(Direction.SENDRECV));
            return;
        }
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(sdp);
        } catch (SdpException e) {
            ctx.rejectMemberReinvite(leg, 488, "Not Acceptable Here");
            return;
        }
        if (!offer.hasSupportedCodec()) {
            ctx.rejectMemberReinvite(leg, 488, "Not Acceptable Here");
            return;
        }
        ctx.updateMemberMedia(offer.address(), offer.port());
        ctx.answerMemberReinvite(leg, memberSdp(offer.direction().answer()));
        ctx.reinviteCaller(callerSdp(offer.isHold() ? Direction.SENDONLY : Direction.SENDRECV, List.of()));
    }

    private String callerSdp(Direction direction, List<String> rejected) {
        return SdpWriter.write(data.sdpSessionId, ++data.callerSdpVersion, data.media.address(),
                data.media.callerPort(), data.negotiated, direction, rejected);
    }

    private String memberSdp(Direction direction) {
        return SdpWriter.write(data.sdpSessionId, ++data.memberSdpVersion, data.media.address(),
                data.media.memberPort(), data.negotiated, direction, List.of());
    }

    // ---------------------------------------------------------------- ENDED

    private void ended(CallEvent event) {
        if (event instanceof MemberAnswered a) {
            hangUpStaleLeg(a.leg());
        } else if (event instanceof MemberFailed f) {
            data.legs.put(f.leg(), LegState.ENDED);
        } else if (event instanceof MemberRedirected r) {
            data.legs.put(r.leg(), LegState.ENDED);
        }
        // Everything else after the end (retransmissions, late BYE responses, timers) needs no action.
    }

    /** A 2xx from a leg the call no longer wants: complete the handshake and hang up at once. */
    private void hangUpStaleLeg(int leg) {
        LegState s = data.leg(leg);
        if (s == LegState.INVITING || s == LegState.EARLY || s == LegState.CANCELLING) {
            ctx.ackMember(leg);
            ctx.byeMember(leg);
            data.legs.put(leg, LegState.ENDED);
        }
    }

    private void reject(int status, String reason, CallOutcome.Kind kind) {
        ctx.rejectCaller(status, reason);
        end(CallOutcome.of(kind, status));
    }

    private void end(CallOutcome outcome) {
        data.state = CallState.ENDED;
        ctx.cancelRingTimer();
        if (data.media != null) {
            ctx.closeMedia();
        }
        ctx.callEnded(outcome);
    }
}
