package dev.sentral.sip.call;

import dev.sentral.config.MemberConfig;
import dev.sentral.media.sdp.AudioFormat;
import dev.sentral.media.sdp.Direction;
import dev.sentral.media.sdp.SdpException;
import dev.sentral.media.sdp.SdpWriter;
import dev.sentral.media.sdp.SessionDescription;
import dev.sentral.config.OverflowConfig;
import dev.sentral.routing.hunt.OfferResult;
import dev.sentral.sip.call.CallEvent.CallerAcked;
import dev.sentral.sip.call.CallEvent.CallerCancelled;
import dev.sentral.sip.call.CallEvent.CallerHungUp;
import dev.sentral.sip.call.CallEvent.CallerInvited;
import dev.sentral.sip.call.CallEvent.CallerReinvited;
import dev.sentral.sip.call.CallEvent.DrainTimeExpired;
import dev.sentral.sip.call.CallEvent.GreetingFinished;
import dev.sentral.sip.call.CallEvent.MediaInactive;
import dev.sentral.sip.call.CallEvent.MemberAnswered;
import dev.sentral.sip.call.CallEvent.MemberFailed;
import dev.sentral.sip.call.CallEvent.MemberHungUp;
import dev.sentral.sip.call.CallEvent.MemberRedirected;
import dev.sentral.sip.call.CallEvent.MemberReinvited;
import dev.sentral.sip.call.CallEvent.MemberRinging;
import dev.sentral.config.ConfigDefaults;
import dev.sentral.sip.call.CallEvent.AnnouncementDue;
import dev.sentral.sip.call.CallEvent.AnnouncementFinished;
import dev.sentral.sip.call.CallEvent.CallOverflowed;
import dev.sentral.sip.call.CallEvent.CallQueued;
import dev.sentral.sip.call.CallEvent.MemberOffered;
import dev.sentral.sip.call.CallEvent.OfferWithdrawn;
import dev.sentral.sip.call.CallEvent.PromptFinished;
import dev.sentral.sip.call.CallEvent.CallerKey;
import dev.sentral.sip.call.CallEvent.FlowPromptFinished;
import dev.sentral.routing.flow.FlowSession;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The B2BUA call: one caller (A leg) and the members' legs (B legs), with media anchored on Sentral.
 * Routing (the hunt engine) decides whom to ring and when to stop; this machine carries that out in SIP:
 * parallel INVITEs (forking), the first 2xx wins and the other legs are cancelled, a 2xx that crosses a
 * CANCEL is ACKed and BYEd, and every offer is reported back to routing exactly once.
 *
 * <p>Without a greeting the caller hears ringing (180) and is answered only when a member answers; the
 * member's SDP answer decides the codec for both sides (Sentral offers members exactly what the caller
 * offered, so payload numbers match and RTP is relayed unchanged). An INVITE without SDP (late offer) gets
 * Sentral's own offer to members, the member's choice as the offer in the caller's 200, and the caller's
 * answer in the ACK. When the plan cannot take the call (overflow), Sentral answers, plays the standard
 * message and hangs up.
 *
 * <pre>
 *            CallerInvited             MemberAnswered(live leg): first 2xx wins
 *   IDLE ─────────────────► RINGING ───────────────────────────────────────► CONNECTED
 *    │ bad SDP → 488           │ ▲ MemberOffered → INVITE a leg                 │ CallerHungUp / MemberHungUp
 *    │ no ports → 503          │ │ OfferWithdrawn → CANCEL that leg             │ MediaInactive / DrainTimeExpired
 *    │                         │ │ MemberFailed → report, routing moves on      │ re-INVITEs: answered and mirrored
 *    │                         │ CallOverflowed → 200, prompt ──► ANNOUNCING    ▼
 *    ▼                         │ CallerCancelled → CANCEL all, 487              ENDED
 *   ENDED ◄────────────────────┘                    PromptFinished → BYE ──► ENDED
 *
 * B leg: INVITING → EARLY (1xx) → CONNECTED (2xx) → ENDED
 *            └───────┴─→ CANCELLING (withdrawn, another answered, caller gone) → ENDED (487)
 *                           └─ a 2xx that crosses the CANCEL is ACKed and BYEd at once
 * </pre>
 *
 * Transition table (state × event → action); any pair not listed is a bug reported through
 * {@link CallContext#unhandled}:
 * <pre>
 * IDLE       CallerInvited                 check SDP, open media; a greeting: 200 (one codec), play it →
 *                                          GREETING; else hand to routing → RINGING | reject
 *            (a flow number: the flow decides; its first prompt answers (one codec) → MENU, a queue
 *             reached at once routes like a plain number → RINGING; a feature code: 200, notice → ANNOUNCING)
 * MENU       CallerKey                     to the flow (barge-in stops the prompt; type-ahead is kept)
 *            FlowPromptFinished            to the flow (a stopped prompt's end is ignored by token)
 *            flow: queue/transfer          plan's music and announcements, hand to routing → RINGING
 *                                          (an element with otherwise: the plan's overflow comes back here)
 *            flow: voicemail               the stub's prompt in the element's language → ANNOUNCING
 *            flow: hang-up                 BYE caller → ENDED
 *            CallerAcked                   late offer: the caller's answer; keys listened for, prompt plays
 *            CallerHungUp / CallerCancelled  → ENDED (abandoned)
 *            DrainTimeExpired, MediaInactive BYE caller → ENDED
 *            leg, routing and announcement events of a plan the call came back from: absorbed
 *            (CallerKey and FlowPromptFinished in any other state are ignored)
 * GREETING   GreetingFinished              closed: the closed destination's prompt → ANNOUNCING; else
 *                                          hold music, first announcement in 30 s, hand to routing → RINGING
 *                                          (caller answered: no 180s)
 *            CallerAcked                   late offer: the caller's answer; the greeting starts
 *            CallerHungUp / CallerCancelled  → ENDED (abandoned)
 *            DrainTimeExpired, MediaInactive BYE caller → ENDED
 *            CallerReinvited               answered with mirrored direction
 * RINGING    MemberOffered                 INVITE the member on a new leg
 *            MemberRinging(live)           leg EARLY; 180 to caller once
 *            CallQueued                    180 to caller once
 *            MemberAnswered(live)          ACK, CANCEL the other live legs, connect media, 200 to caller
 *                                          → CONNECTED (unusable SDP: BYE it, report failed, keep ringing)
 *            MemberFailed(live)            report busy (486/600) / declined (603) / failed
 *            MemberRedirected(live)        3xx: ring the same member at the Contact, once per member per
 *                                          call (same offer); a second redirect is reported failed
 *            OfferWithdrawn                CANCEL its leg, report cancelled
 *            CallOverflowed                CANCEL all legs; 200 with Sentral's SDP → ANNOUNCING
 *            CallOverflowed(FLOW)          CANCEL all legs, music off, keys on; the flow's otherwise → MENU
 *            CallerCancelled               CANCEL all legs, 487 (or the caller's BYE) → ENDED (abandoned)
 *            DrainTimeExpired              CANCEL all legs, 503 (or BYE when answered) → ENDED
 *            (caller answered for a greeting: music plays; an answer stops it and bridges without a 200)
 *            MediaInactive (answered)      the caller's RTP stopped: CANCEL all legs, BYE caller → ENDED
 *            CallQueued                    remember the position
 *            AnnouncementDue               pause the music (file and offset kept), announce the position
 *            AnnouncementFinished          resume the music where it paused; the next in 30 s from now
 *            events of ended/cancelled legs absorbed (a 2xx: ACK + BYE)
 * CONNECTED  CallerHungUp / MemberHungUp   BYE the other side → ENDED
 *            CallerReinvited / MemberReinvited  answer with mirrored direction, re-INVITE the other side
 *            MediaInactive, DrainTimeExpired    BYE both → ENDED
 *            CallerAcked                   late offer: the caller's answer sets where its RTP goes;
 *                                          no usable answer → BYE both (RFC 3261 §13.3.1.4)
 *            MemberOffered                 crossed the answer: reported cancelled at once
 *            routing and ringing events that crossed the answer: nothing to do
 * ANNOUNCING PromptFinished                BYE caller → ENDED (overflowed)
 *            CallerAcked                   late offer: the caller's answer; the prompt starts
 *            CallerHungUp, MediaInactive, DrainTimeExpired  → ENDED
 *            CallerReinvited               answered with mirrored direction
 * ENDED      MemberAnswered(live leg)      ACK + BYE (2xx crossing CANCEL or caller's hang-up)
 *            MemberOffered                 reported cancelled at once
 *            anything else                 absorbed: late messages after the end are normal
 * </pre>
 */
public final class CallFsm {
    private static final Set<Integer> BUSY = Set.of(486, 600);
    /** Sentral's own offer for a late-offer call: A-law first (the European default), µ-law, RFC 4733. */
    private static final List<AudioFormat> OWN_OFFER = List.of(AudioFormat.PCMA, AudioFormat.PCMU, AudioFormat.TELEPHONE_EVENT);

    private final CallContext ctx;
    private final CallData data;

    public CallFsm(CallContext ctx, long sdpSessionId) {
        this(ctx, sdpSessionId, false);
    }

    /** @param greets the dialled number plays a welcome greeting first (the caller is answered for it) */
    public CallFsm(CallContext ctx, long sdpSessionId, boolean greets) {
        this(ctx, sdpSessionId, greets, false);
    }

    /**
     * @param greets    the dialled number plays a welcome greeting first (the caller is answered for it)
     * @param announces a caller waiting with music hears their queue position every 30 s
     */
    public CallFsm(CallContext ctx, long sdpSessionId, boolean greets, boolean announces) {
        this(ctx, sdpSessionId, greets, announces, java.util.Optional.empty());
    }

    /**
     * @param closedTo the number is closed (opening hours) and its calls go here after the greeting, if any:
     *                 the standard message or the voicemail stub (a closed call to another number is simply
     *                 routed to that number's plan)
     */
    public CallFsm(CallContext ctx, long sdpSessionId, boolean greets, boolean announces,
                   java.util.Optional<OverflowConfig.Destination> closedTo) {
        this.ctx = ctx;
        this.data = new CallData(sdpSessionId);
        this.data.greets = greets;
        this.data.announces = announces;
        this.data.closedTo = closedTo.orElse(null);
    }

    /** A call to a number with a call flow: it starts at {@code startElement}. */
    public static CallFsm forFlow(CallContext ctx, long sdpSessionId, String startElement) {
        CallFsm fsm = new CallFsm(ctx, sdpSessionId);
        fsm.data.flowStart = startElement;
        return fsm;
    }

    /** A call Sentral answers only to play {@code notice} and hang up (a feature code's confirmation). */
    public static CallFsm forNotice(CallContext ctx, long sdpSessionId, FlowSession.Prompt notice) {
        CallFsm fsm = new CallFsm(ctx, sdpSessionId);
        fsm.data.notice = notice;
        return fsm;
    }

    public CallState state() {
        return data.state;
    }

    /** Feeds one event. Called only on the call's owner thread. */
    public void handle(CallEvent event) {
        if (data.state != CallState.MENU && (event instanceof CallerKey || event instanceof FlowPromptFinished)) {
            return; // keys outside menus, and the end of a flow prompt the call has moved past
        }
        switch (data.state) {
            case IDLE -> idle(event);
            case GREETING -> greeting(event);
            case MENU -> menu(event);
            case RINGING -> ringing(event);
            case CONNECTED -> connected(event);
            case ANNOUNCING -> announcing(event);
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
        if (data.notice != null) {
            data.state = CallState.ANNOUNCING;
            answerCallerOurselves(Direction.SENDRECV);
            if (!data.awaitingCallerAnswer) {
                ctx.playNotice(data.notice, promptPayloadType());
            }
            return;
        }
        if (data.flowStart != null) {
            data.flow = ctx.newFlowSession(new FlowActions());
            data.flow.start(data.flowStart);
            return;
        }
        if (data.greets) {
            data.state = CallState.GREETING;
            answerCallerOurselves(Direction.SENDRECV);
            if (!data.awaitingCallerAnswer) {
                ctx.playGreeting(promptPayloadType());
            }
            return;
        }
        if (data.closedTo != null) {
            overflow(data.closedTo); // closed, no closed greeting: straight to the message
            return;
        }
        data.state = CallState.RINGING;
        ctx.routeCall();
    }

    // ---------------------------------------------------------------- MENU (the call flow)

    /** Carries out the flow's decisions for this call. */
    private final class FlowActions implements FlowSession.Actions {
        @Override
        public void play(FlowSession.Prompt prompt, int token) {
            if (!data.callerAnswered) {
                answerCallerOurselves(Direction.SENDRECV);
                if (!data.awaitingCallerAnswer) {
                    listenForMenuKeys();
                }
            }
            data.state = CallState.MENU;
            if (data.awaitingCallerAnswer) {
                data.deferredPrompt = prompt; // plays once the ACK says where the caller's RTP goes
                data.deferredToken = token;
                return;
            }
            ctx.playFlowPrompt(prompt, token, promptPayloadType());
        }

        @Override
        public void stopPrompt() {
            data.deferredPrompt = null; // a key (SIP INFO) before the ACK: the prompt waiting for it is off too
            ctx.stopFlowPrompt();
        }

        @Override
        public void queue(String huntPlan, boolean vip, boolean backToFlow) {
            if (data.callerAnswered) {
                ctx.stopMenuKeys();
            }
            data.announces = ctx.enterPlan(huntPlan, vip, backToFlow);
            data.state = CallState.RINGING;
            if (data.callerAnswered) {
                ctx.startMusic(promptPayloadType());
                if (data.announces) {
                    ctx.scheduleAnnouncement(ConfigDefaults.ANNOUNCE_INTERVAL);
                }
            }
            ctx.routeCall();
        }

        @Override
        public void voicemail(String language) {
            if (data.callerAnswered) {
                ctx.stopMenuKeys();
            }
            ctx.useLanguage(language);
            overflow(OverflowConfig.Destination.VOICEMAIL);
        }

        @Override
        public void hangUp() {
            ctx.byeCaller();
            end(CallOutcome.of(CallOutcome.Kind.OVERFLOWED, 0));
        }
    }

    private void listenForMenuKeys() {
        int te = data.negotiated.stream().filter(AudioFormat::isTelephoneEvent).findFirst()
                .map(AudioFormat::payloadType).orElse(-1);
        ctx.listenForMenuKeys(te, promptPayloadType());
    }

    private void menu(CallEvent event) {
        if (event instanceof CallerKey k) {
            data.flow.key(k.key());
        } else if (event instanceof FlowPromptFinished f) {
            data.flow.promptFinished(f.token());
        } else if (event instanceof CallerAcked ack) {
            if (data.awaitingCallerAnswer && takeLateAnswer(ack.sdp())) {
                listenForMenuKeys();
                FlowSession.Prompt deferred = data.deferredPrompt;
                data.deferredPrompt = null;
                if (deferred != null) {
                    ctx.playFlowPrompt(deferred, data.deferredToken, promptPayloadType());
                }
            }
        } else if (event instanceof CallerHungUp || event instanceof CallerCancelled) {
            ctx.stopFlowPrompt();
            end(CallOutcome.of(CallOutcome.Kind.ABANDONED, 0));
        } else if (event instanceof DrainTimeExpired || event instanceof MediaInactive) {
            ctx.stopFlowPrompt();
            ctx.byeCaller();
            end(CallOutcome.of(event instanceof MediaInactive ? CallOutcome.Kind.ABANDONED : CallOutcome.Kind.REJECTED, 0));
        } else if (event instanceof CallerReinvited r) {
            callerReinvited(r.sdp(), false);
        } else if (event instanceof MemberOffered o) {
            refuseOffer(o);
        } else if (event instanceof MemberAnswered || event instanceof MemberFailed || event instanceof MemberRedirected
                || event instanceof MemberRinging || event instanceof CallQueued || event instanceof AnnouncementDue
                || event instanceof AnnouncementFinished) {
            // back from a plan (backToFlow): its legs, all cancelled, answering or failing late, and routing or
            // announcement events that crossed the overflow
            absorbLegEvent(event);
        } else {
            ctx.unhandled(data.state, event);
        }
    }

    /**
     * The plan could not take a caller whose flow element has an {@code otherwise} (its legs are cancelled):
     * what the caller heard while waiting stops, and the flow goes on at that element, listening for keys
     * again. The call may reach another plan from there; routing has finished with it in this one.
     */
    private void backToFlow() {
        data.state = CallState.MENU;
        if (data.callerAnswered) {
            stopWaitingAudio();
            listenForMenuKeys();
        }
        data.flow.overflowed();
    }

    // ---------------------------------------------------------------- GREETING

    private void greeting(CallEvent event) {
        if (event instanceof GreetingFinished) {
            if (data.closedTo != null) {
                overflow(data.closedTo); // the closed greeting has played: the message (or voicemail stub) follows
                return;
            }
            data.state = CallState.RINGING;
            ctx.startMusic(promptPayloadType());
            if (data.announces) {
                ctx.scheduleAnnouncement(ConfigDefaults.ANNOUNCE_INTERVAL);
            }
            ctx.routeCall();
        } else if (event instanceof CallerAcked ack) {
            if (data.awaitingCallerAnswer) {
                if (takeLateAnswer(ack.sdp())) {
                    ctx.playGreeting(promptPayloadType());
                }
            }
        } else if (event instanceof CallerHungUp || event instanceof CallerCancelled) {
            end(CallOutcome.of(CallOutcome.Kind.ABANDONED, 0));
        } else if (event instanceof DrainTimeExpired || event instanceof MediaInactive) {
            ctx.byeCaller();
            end(CallOutcome.of(CallOutcome.Kind.REJECTED, 0));
        } else if (event instanceof CallerReinvited r) {
            callerReinvited(r.sdp(), false);
        } else {
            ctx.unhandled(data.state, event);
        }
    }

    /**
     * Sentral answers the caller itself (greeting, or the overflow message). With the caller's offer: one G.711
     * codec (the caller's first) and telephone-event, and members are then offered only that codec, so a member
     * who answers later can be bridged without transcoding. A late offer gets Sentral's offer; the ACK answers.
     */
    private void answerCallerOurselves(Direction direction) {
        data.callerAnswered = true;
        ctx.watchCallerMedia();
        if (data.callerOffer == null) {
            data.negotiated = OWN_OFFER;
            data.awaitingCallerAnswer = true;
            ctx.answerCaller(callerSdp(direction, List.of()));
            return;
        }
        data.negotiated = oneCodec(data.callerOffer.supportedFormats());
        data.offeredToMembers = data.negotiated;
        ctx.updateCallerMedia(data.callerOffer.address(), data.callerOffer.port());
        ctx.answerCaller(callerSdp(direction, data.callerOffer.otherMedia()));
    }

    /** The first G.711 format and telephone-event, if present. */
    private static List<AudioFormat> oneCodec(List<AudioFormat> formats) {
        List<AudioFormat> out = new java.util.ArrayList<>();
        formats.stream().filter(AudioFormat::isG711).findFirst().ifPresent(out::add);
        formats.stream().filter(AudioFormat::isTelephoneEvent).findFirst().ifPresent(out::add);
        return out;
    }

    /** The caller's answer in the ACK to Sentral's offer; false (and the call ended) when it is unusable. */
    private boolean takeLateAnswer(String sdp) {
        data.awaitingCallerAnswer = false;
        SessionDescription answer = parseOrNull(sdp);
        if (answer == null || !answer.hasSupportedCodec()) {
            ctx.byeCaller(); // RFC 3261 §13.3.1.4
            end(CallOutcome.of(CallOutcome.Kind.REJECTED, 488));
            return false;
        }
        data.negotiated = oneCodec(answer.supportedFormats());
        data.offeredToMembers = data.negotiated;
        ctx.updateCallerMedia(answer.address(), answer.port());
        return true;
    }

    // ---------------------------------------------------------------- RINGING

    private void ringing(CallEvent event) {
        if (event instanceof MemberOffered o) {
            invite(o.offer().offerId(), o.offer().member());
        } else if (event instanceof MemberRinging r) {
            if (data.leg(r.leg()) == LegState.INVITING) {
                data.legs.put(r.leg(), LegState.EARLY);
            }
            if (data.isLive(r.leg())) {
                ringCallerOnce();
            }
        } else if (event instanceof CallQueued q) {
            data.position = q.position();
            data.estimatedWait = q.estimatedWait();
            ringCallerOnce();
        } else if (event instanceof AnnouncementDue) {
            if (data.callerAnswered && !data.announcing && data.position > 0) {
                data.announcing = true;
                ctx.pauseMusic();
                ctx.announcePosition(data.position, data.estimatedWait, promptPayloadType());
            } else if (data.callerAnswered && !data.announcing) {
                ctx.scheduleAnnouncement(ConfigDefaults.ANNOUNCE_INTERVAL); // no position yet: try again later
            }
        } else if (event instanceof AnnouncementFinished) {
            if (data.announcing) {
                // the next one counts from the end of this one, so prompts never overlap
                data.announcing = false;
                ctx.resumeMusic();
                ctx.scheduleAnnouncement(ConfigDefaults.ANNOUNCE_INTERVAL);
            }
        } else if (event instanceof MemberAnswered a) {
            if (data.isLive(a.leg())) {
                memberAnswered(a);
            } else {
                hangUpStaleLeg(a.leg());
            }
        } else if (event instanceof MemberFailed f) {
            if (data.isLive(f.leg())) {
                legEnded(f.leg(), BUSY.contains(f.status()) ? OfferResult.BUSY
                        : f.status() == 603 ? OfferResult.DECLINED : OfferResult.FAILED);
            } else {
                data.legs.put(f.leg(), LegState.ENDED);
            }
        } else if (event instanceof MemberRedirected r) {
            if (data.isLive(r.leg())) {
                MemberConfig member = data.legMembers.get(r.leg());
                long offer = data.legOffer.get(r.leg());
                if (data.redirected.add(member.name())) {
                    data.legs.put(r.leg(), LegState.ENDED);
                    newLeg(offer, member.at(r.contact()));
                } else {
                    legEnded(r.leg(), OfferResult.FAILED);
                }
            } else {
                data.legs.put(r.leg(), LegState.ENDED);
            }
        } else if (event instanceof OfferWithdrawn w) {
            for (int leg : data.liveLegsOf(w.offerId())) {
                cancelLeg(leg);
            }
            report(w.offerId(), OfferResult.CANCELLED);
        } else if (event instanceof CallOverflowed o) {
            cancelAllLegs();
            if (o.destination() == OverflowConfig.Destination.FLOW) {
                backToFlow();
            } else {
                overflow(o.destination());
            }
        } else if (event instanceof CallerCancelled) {
            cancelAllLegs();
            ctx.callerLeft();
            stopMusicIfPlaying();
            reject(487, "Request Terminated", CallOutcome.Kind.ABANDONED);
        } else if (event instanceof MediaInactive && data.callerAnswered) {
            // an answered, waiting caller whose RTP stopped is gone (no BYE came): free the queue place
            cancelAllLegs();
            ctx.callerLeft();
            stopWaitingAudio();
            ctx.byeCaller();
            end(CallOutcome.of(CallOutcome.Kind.ABANDONED, 0));
        } else if (event instanceof DrainTimeExpired) {
            cancelAllLegs();
            ctx.callerLeft();
            if (data.callerAnswered) {
                stopWaitingAudio();
                ctx.byeCaller();
                end(CallOutcome.of(CallOutcome.Kind.REJECTED, 0));
            } else {
                reject(503, "Service Unavailable", CallOutcome.Kind.REJECTED);
            }
        } else if (event instanceof MemberHungUp h && !data.isCurrent(h.leg())) {
            data.legs.put(h.leg(), LegState.ENDED);
        } else {
            ctx.unhandled(data.state, event);
        }
    }

    private void stopMusicIfPlaying() {
        if (data.callerAnswered) {
            stopWaitingAudio();
        }
    }

    /** Ends what an answered, waiting caller hears: the announcement (at once), its timer and the music. */
    private void stopWaitingAudio() {
        ctx.cancelAnnouncement();
        if (data.announcing) {
            data.announcing = false;
            ctx.stopAnnouncement();
        }
        ctx.stopMusic();
    }

    private void ringCallerOnce() {
        if (!data.callerRinging && !data.callerAnswered) {
            data.callerRinging = true;
            ctx.ringCaller();
        }
    }

    private void memberAnswered(MemberAnswered a) {
        int leg = a.leg();
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
            legEnded(leg, OfferResult.FAILED);
            return;
        }
        data.legs.put(leg, LegState.CONNECTED);
        data.currentLeg = leg;
        data.memberSdpVersion = 1; // each leg's dialog got version 1 in its INVITE
        long offer = data.legOffer.get(leg);
        data.reported.add(offer);
        ctx.offerAnswered(offer);
        cancelAllLegs(); // first 2xx wins: every other phone stops ringing
        data.connectedMember = data.legMembers.get(leg).name();
        SessionDescription offerSdp = data.callerOffer;
        if (data.callerAnswered) {
            // The caller was answered for the greeting: the music stops, the member's audio takes its place.
            stopWaitingAudio();
            ctx.connectMedia(null, 0, answer.address(), answer.port());
        } else if (offerSdp == null) {
            data.negotiated = agreed;
            // Late offer: our 200 carries the offer (the member's choice); the caller answers in the ACK.
            data.awaitingCallerAnswer = true;
            ctx.connectMedia(null, 0, answer.address(), answer.port());
            ctx.answerCaller(callerSdp(Direction.SENDRECV, List.of()));
        } else {
            data.negotiated = agreed;
            ctx.connectMedia(offerSdp.address(), offerSdp.port(), answer.address(), answer.port());
            ctx.answerCaller(callerSdp(answer.direction(), offerSdp.otherMedia()));
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

    /** Rings every phone of the offered member: one leg each (a registered user may have several). */
    private void invite(long offerId, MemberConfig member) {
        List<String> targets = ctx.reach(member);
        if (targets.isEmpty()) {
            report(offerId, OfferResult.FAILED); // a user with no phone registered: unreachable
            return;
        }
        for (String target : targets) {
            newLeg(offerId, member.at(target));
        }
    }

    private void newLeg(long offerId, MemberConfig member) {
        int leg = ++data.nextLeg;
        data.legs.put(leg, LegState.INVITING);
        data.legMembers.put(leg, member);
        data.legOffer.put(leg, offerId);
        Direction direction = data.callerOffer == null ? Direction.SENDRECV : data.callerOffer.direction();
        // A fresh dialog per member, so its SDP version starts again.
        String sdp = SdpWriter.write(data.sdpSessionId, 1, data.media.address(), data.media.memberPort(),
                data.offeredToMembers, direction, List.of());
        ctx.inviteMember(leg, member, sdp);
    }

    /**
     * A ringing leg ended without connecting. The offer is reported once its last phone has ended: busy if
     * any phone was busy, else declined if any declined, else failed (the order of {@link OfferResult}).
     */
    private void legEnded(int leg, OfferResult result) {
        data.legs.put(leg, LegState.ENDED);
        long offer = data.legOffer.get(leg);
        OfferResult merged = data.offerResults.merge(offer, result, (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
        if (data.liveLegsOf(offer).isEmpty()) {
            report(offer, merged);
        }
    }

    /** Reports an offer's end to routing, once. */
    private void report(long offerId, OfferResult result) {
        if (data.reported.add(offerId)) {
            ctx.offerEnded(offerId, result);
        }
    }

    private void cancelLeg(int leg) {
        if (data.isLive(leg)) {
            data.legs.put(leg, LegState.CANCELLING);
            ctx.cancelMember(leg);
        }
    }

    /** CANCELs every ringing leg and reports its offer as cancelled. */
    private void cancelAllLegs() {
        for (int leg : data.liveLegs()) {
            cancelLeg(leg);
            report(data.legOffer.get(leg), OfferResult.CANCELLED);
        }
    }

    /** An offer that reached the call after routing no longer needs it: never rung, reported at once. */
    private void refuseOffer(MemberOffered o) {
        report(o.offer().offerId(), OfferResult.CANCELLED);
    }

    // ---------------------------------------------------------------- overflow (ANNOUNCING)

    private void overflow(OverflowConfig.Destination destination) {
        data.overflow = destination;
        data.state = CallState.ANNOUNCING;
        if (data.callerAnswered) {
            stopWaitingAudio();
            ctx.playOverflowPrompt(destination, promptPayloadType());
            return;
        }
        if (data.callerOffer == null) {
            // Late offer: our 200 offers; the prompt starts once the ACK brings the caller's answer.
            data.negotiated = OWN_OFFER;
            data.awaitingCallerAnswer = true;
            ctx.answerCaller(callerSdp(Direction.SENDONLY, List.of()));
            return;
        }
        data.negotiated = data.callerOffer.supportedFormats();
        ctx.updateCallerMedia(data.callerOffer.address(), data.callerOffer.port());
        ctx.answerCaller(callerSdp(Direction.SENDONLY, data.callerOffer.otherMedia()));
        ctx.playOverflowPrompt(destination, promptPayloadType());
    }

    /** The G.711 payload type the caller takes first (the prompt is encoded once per call in it). */
    private int promptPayloadType() {
        return data.negotiated.stream().filter(AudioFormat::isG711).findFirst()
                .map(AudioFormat::payloadType).orElse(AudioFormat.PCMA.payloadType());
    }

    private void announcing(CallEvent event) {
        if (event instanceof PromptFinished) {
            ctx.byeCaller();
            end(CallOutcome.of(CallOutcome.Kind.OVERFLOWED, 0));
        } else if (event instanceof CallerAcked ack) {
            if (data.awaitingCallerAnswer && takeLateAnswer(ack.sdp())) {
                if (data.notice != null) {
                    ctx.playNotice(data.notice, promptPayloadType());
                } else {
                    ctx.playOverflowPrompt(data.overflow, promptPayloadType());
                }
            }
        } else if (event instanceof CallerHungUp || event instanceof CallerCancelled) {
            end(CallOutcome.of(CallOutcome.Kind.OVERFLOWED, 0));
        } else if (event instanceof MediaInactive || event instanceof DrainTimeExpired) {
            ctx.byeCaller();
            end(CallOutcome.of(CallOutcome.Kind.OVERFLOWED, 0));
        } else if (event instanceof CallerReinvited r) {
            callerReinvited(r.sdp(), false);
        } else if (event instanceof MemberOffered o) {
            refuseOffer(o);
        } else {
            absorbLegEvent(event);
        }
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
            callerReinvited(r.sdp(), true);
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
        } else if (event instanceof MemberOffered o) {
            refuseOffer(o);
        } else if (event instanceof MemberRinging || event instanceof CallerCancelled || event instanceof OfferWithdrawn
                || event instanceof CallQueued || event instanceof CallOverflowed || event instanceof AnnouncementDue
                || event instanceof AnnouncementFinished) {
            // crossed the answer on the wire or in the routing queue
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

    private void callerReinvited(String sdp, boolean mirrorToMember) {
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
        if (mirrorToMember) {
            // Mirror the hold state to the member so their phone shows it too.
            ctx.reinviteMember(data.currentLeg, memberSdp(offer.isHold() ? Direction.SENDONLY : Direction.SENDRECV));
        }
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
        if (event instanceof MemberOffered o) {
            refuseOffer(o);
        } else {
            absorbLegEvent(event);
        }
        // Everything else after the end (retransmissions, late BYE responses, routing) needs no action.
    }

    /** Late events of member legs once no member is (or will be) connected. */
    private void absorbLegEvent(CallEvent event) {
        if (event instanceof MemberAnswered a) {
            hangUpStaleLeg(a.leg());
        } else if (event instanceof MemberFailed f) {
            data.legs.put(f.leg(), LegState.ENDED);
        } else if (event instanceof MemberRedirected r) {
            data.legs.put(r.leg(), LegState.ENDED);
        }
    }

    private static SessionDescription parseOrNull(String sdp) {
        if (sdp == null) {
            return null;
        }
        try {
            return SessionDescription.parse(sdp);
        } catch (SdpException e) {
            return null;
        }
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
        if (data.flow != null) {
            data.flow.cancel();
        }
        boolean wasConnected = data.state == CallState.CONNECTED;
        data.state = CallState.ENDED;
        if (wasConnected) {
            ctx.callFinished();
        }
        if (data.media != null) {
            ctx.closeMedia();
        }
        ctx.callEnded(outcome);
    }
}
