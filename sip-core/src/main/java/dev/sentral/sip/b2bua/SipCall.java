package dev.sentral.sip.b2bua;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.MemberConfig;
import dev.sentral.media.CallMedia;
import dev.sentral.media.KeyDetector;
import dev.sentral.media.MediaUnavailableException;
import dev.sentral.config.NumberConfig;
import dev.sentral.config.OverflowConfig;
import dev.sentral.media.SystemPrompt;
import dev.sentral.routing.hunt.OfferResult;
import dev.sentral.sip.call.CallContext;
import dev.sentral.sip.call.CallEvent;
import dev.sentral.sip.call.CallFsm;
import dev.sentral.sip.call.CallOutcome;
import dev.sentral.sip.call.CallState;
import dev.sentral.sip.call.LocalMedia;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionState;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One call as JAIN-SIP sees it: the caller's INVITE server transaction and dialog, the member legs' client
 * transactions and dialogs, the two RTP endpoints, and the ring timer. Translates SIP into
 * {@link CallEvent}s for its {@link CallFsm}, and carries out the FSM's {@link CallContext} calls.
 *
 * <p>Threading: every method runs on the call's executor ({@link #execute}); listener threads only post.
 */
final class SipCall implements CallContext {
    private static final Logger log = LoggerFactory.getLogger(SipCall.class);

    /** A member leg: Sentral's INVITE to one member's phone. */
    private static final class MemberLeg {
        final int id;
        final String callId;
        final ClientTransaction invite;
        final long inviteCseq;
        final String transport;
        Dialog dialog;
        boolean provisionalSeen;
        boolean cancelPending;
        boolean cancelSent;
        ServerTransaction reinvite;

        MemberLeg(int id, String callId, ClientTransaction invite, long inviteCseq, String transport) {
            this.id = id;
            this.callId = callId;
            this.invite = invite;
            this.inviteCseq = inviteCseq;
            this.transport = transport;
        }
    }

    private final B2bua b2bua;
    private final ServerTransaction inviteTx;
    private final Request invite;
    private final String callerCallId;
    private final String callerTransport;
    private final String localTag = B2bua.newTag();
    private final Executor executor;
    private final CallFsm fsm;
    private final Map<Integer, MemberLeg> legs = new HashMap<>();
    private final Map<String, MemberLeg> legsByCallId = new HashMap<>();
    private final List<String> callIds = new ArrayList<>();
    private ServerTransaction callerReinvite;
    private CallMedia media;
    /**
     * The caller's keys (RFC 4733, in-band, SIP INFO). Inactive in a plain bridged call (RFC 4733 is relayed
     * to the member as it is); a menu configures it with the negotiated payload types and activates it.
     */
    private KeyDetector callerKeys;
    /** The plan the call is in; null while a call flow runs, before it reaches a queue. */
    private HuntPlanConfig plan;
    /** Where routing outcomes say the call was before a plan: the plan, or {@code flow:<start element>}. */
    private String routingLabel;
    /** Language of system prompts (the plan's, or the flow element's). */
    private String language;
    private boolean vip;
    /** The flow element that sent the call to its plan has an {@code otherwise}: overflow comes back to the flow. */
    private boolean backToFlow;
    /** Not a call for a plan at all (a feature code): no routing outcome is reported. */
    private boolean featureCall;
    private dev.sentral.routing.flow.FlowSession flow;
    private final Instant arrived = Instant.now();
    /** Where the call overflowed to before reaching a plan (closed, flow voicemail), for its outcome. */
    private OverflowConfig.Destination overflowedTo;
    private org.restcomm.media.spi.player.Player flowPrompt;
    /** This call's id in the routing engine. */
    private final long routingId;
    /** Handed to its plan; a call refused before that reports its outcome itself. */
    private boolean routed;

    /** The number's greeting (a player URL), when it has one. */
    private final Optional<String> greetingUrl;
    /** The plan's hold music, as player URLs. */
    private List<String> musicUrls = List.of();
    private dev.sentral.routing.music.MusicOrder musicOrder;
    private org.restcomm.media.spi.player.Player music;
    private String musicUrl;
    private int musicPt;
    private boolean musicOn;
    /** The music paused for an announcement: file and offset to resume at. */
    private String pausedUrl;
    private long pausedAt;
    private org.restcomm.media.spi.player.Player announcement;
    private java.util.concurrent.ScheduledFuture<?> announceTimer;

    SipCall(B2bua b2bua, ServerTransaction inviteTx, Request invite, String callerCallId, HuntPlanConfig plan,
            Optional<String> greetingUrl, Optional<OverflowConfig.Destination> closedTo, Executor executor,
            long sdpSessionId) {
        this(b2bua, inviteTx, invite, callerCallId, greetingUrl, executor,
                c -> new CallFsm(c, sdpSessionId, greetingUrl.isPresent(), plan.announcePosition(), closedTo));
        setPlan(plan);
    }

    /** A call to a number with a call flow, starting at {@code startElement}. */
    static SipCall forFlow(B2bua b2bua, ServerTransaction inviteTx, Request invite, String callerCallId,
                           String startElement, Executor executor, long sdpSessionId) {
        SipCall call = new SipCall(b2bua, inviteTx, invite, callerCallId, Optional.empty(), executor,
                c -> CallFsm.forFlow(c, sdpSessionId, startElement));
        call.routingLabel = "flow:" + startElement;
        call.language = dev.sentral.config.ConfigDefaults.LANGUAGE;
        return call;
    }

    /** A feature-code call: answered, {@code notice} played, hung up. */
    static SipCall forNotice(B2bua b2bua, ServerTransaction inviteTx, Request invite, String callerCallId,
                             dev.sentral.routing.flow.FlowSession.Prompt notice, Executor executor, long sdpSessionId) {
        SipCall call = new SipCall(b2bua, inviteTx, invite, callerCallId, Optional.empty(), executor,
                c -> CallFsm.forNotice(c, sdpSessionId, notice));
        call.routingLabel = "feature-code";
        call.language = notice.language();
        call.featureCall = true;
        return call;
    }

    private SipCall(B2bua b2bua, ServerTransaction inviteTx, Request invite, String callerCallId,
                    Optional<String> greetingUrl, Executor executor, java.util.function.Function<SipCall, CallFsm> fsm) {
        this.b2bua = b2bua;
        this.inviteTx = inviteTx;
        this.invite = invite;
        this.callerCallId = callerCallId;
        this.callerTransport = ((ViaHeader) invite.getHeader(ViaHeader.NAME)).getTransport();
        this.executor = executor;
        this.greetingUrl = greetingUrl;
        this.fsm = fsm.apply(this);
        this.routingId = b2bua.router().register(this);
        callIds.add(callerCallId);
    }

    private void setPlan(HuntPlanConfig p) {
        this.plan = p;
        this.routingLabel = p.id();
        this.language = p.language();
        this.musicUrls = b2bua.config().sounds().musicUrls(p.musicList());
    }

    String callerCallId() {
        return callerCallId;
    }

    long routingId() {
        return routingId;
    }

    /** The caller's number (From user part, separators removed), for VIP lists. */
    private String callerNumber() {
        URI uri = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI();
        String user = uri instanceof SipURI s ? s.getUser() : null;
        return user == null ? "" : NumberConfig.normalize(user);
    }

    /** The Call-IDs this call owns; read on the call's executor. */
    List<String> callIds() {
        return List.copyOf(callIds);
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    void post(CallEvent event) {
        executor.execute(() -> fsm.handle(event));
    }

    // ------------------------------------------------------------------ SIP in (on the call's executor)

    void onBye(String callId) {
        if (callId.equals(callerCallId)) {
            fsm.handle(fsm.state() == CallState.RINGING ? new CallEvent.CallerCancelled() : new CallEvent.CallerHungUp());
        } else {
            MemberLeg leg = legsByCallId.get(callId);
            if (leg != null) {
                fsm.handle(new CallEvent.MemberHungUp(leg.id));
            }
        }
    }

    void onAck(String callId, String sdp) {
        if (callId.equals(callerCallId)) {
            fsm.handle(new CallEvent.CallerAcked(sdp));
        }
    }

    /** A key from the caller's SIP INFO goes the same way as its RTP keys: into the caller's detector. */
    void onInfoDigit(String callId, dev.sentral.media.dtmf.DtmfDigit digit) {
        if (callId.equals(callerCallId) && callerKeys != null) {
            callerKeys.infoDigit(digit);
        }
    }

    void onCancel(String callId) {
        if (callId.equals(callerCallId)) {
            fsm.handle(new CallEvent.CallerCancelled());
        }
    }

    void onReinvite(String callId, ServerTransaction st) {
        String sdp = body(st.getRequest());
        if (callId.equals(callerCallId)) {
            callerReinvite = st;
            fsm.handle(new CallEvent.CallerReinvited(sdp));
        } else {
            MemberLeg leg = legsByCallId.get(callId);
            if (leg != null) {
                leg.reinvite = st;
                fsm.handle(new CallEvent.MemberReinvited(leg.id, sdp));
            }
        }
    }

    void onResponse(String callId, ResponseEvent evt) {
        Response r = evt.getResponse();
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        int status = r.getStatusCode();
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return; // responses to BYE and CANCEL need nothing
        }
        MemberLeg leg = legsByCallId.get(callId);
        if (leg == null || cseq.getSeqNumber() != leg.inviteCseq) {
            // a response to a re-INVITE Sentral sent to mirror a hold: complete it with ACK
            if (status / 100 == 2 && evt.getDialog() != null) {
                sendAck(evt.getDialog(), cseq.getSeqNumber());
            }
            return;
        }
        if (evt.getDialog() != null) {
            leg.dialog = evt.getDialog();
        }
        if (status < 200) {
            if (status > 100) {
                leg.provisionalSeen = true;
                if (leg.cancelPending) {
                    sendCancel(leg);
                }
                fsm.handle(new CallEvent.MemberRinging(leg.id, status));
            }
        } else if (status < 300) {
            fsm.handle(new CallEvent.MemberAnswered(leg.id, body(r)));
        } else if (status < 400 && r.getHeader(javax.sip.header.ContactHeader.NAME) instanceof javax.sip.header.ContactHeader c
                && c.getAddress().getURI().isSipURI()) {
            fsm.handle(new CallEvent.MemberRedirected(leg.id, c.getAddress().getURI().toString()));
        } else {
            fsm.handle(new CallEvent.MemberFailed(leg.id, status));
        }
    }

    void onTimeout(String callId, ClientTransaction ct) {
        MemberLeg leg = legsByCallId.get(callId);
        if (leg != null && leg.invite == ct) {
            fsm.handle(new CallEvent.MemberFailed(leg.id, 408));
        }
    }

    // ------------------------------------------------------------------ CallContext: caller

    @Override
    public void ringCaller() {
        sendToCaller(180, null, null);
    }

    @Override
    public void rejectCaller(int status, String reason) {
        TransactionState s = inviteTx.getState();
        if (s == TransactionState.TRYING || s == TransactionState.PROCEEDING) {
            sendToCaller(status, reason, null);
        }
    }

    @Override
    public void answerCaller(String sdp) {
        sendToCaller(200, null, sdp);
    }

    private void sendToCaller(int status, String reason, String sdp) {
        try {
            Response r = b2bua.messages.createResponse(status, invite);
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(localTag);
            if (status < 300) {
                r.addHeader(b2bua.contact(callerTransport));
            }
            if (sdp != null) {
                r.setContent(sdp, sdpType());
            }
            inviteTx.sendResponse(r);
        } catch (SipException | InvalidArgumentException | ParseException e) {
            log.warn("call {}: could not send {} to caller: {}", callerCallId, status, e.getMessage());
        }
    }

    @Override
    public void answerCallerReinvite(String sdp) {
        answerReinvite(callerReinvite, 200, null, sdp, callerTransport);
        callerReinvite = null;
    }

    @Override
    public void rejectCallerReinvite(int status, String reason) {
        answerReinvite(callerReinvite, status, reason, null, callerTransport);
        callerReinvite = null;
    }

    @Override
    public void reinviteCaller(String sdp) {
        reinvite(inviteTx.getDialog(), sdp, callerTransport);
    }

    @Override
    public void byeCaller() {
        bye(inviteTx.getDialog());
    }

    // ------------------------------------------------------------------ CallContext: members

    @Override
    public List<String> reach(MemberConfig member) {
        return member.user().map(b2bua::contactsOf).orElse(List.of(member.uri()));
    }

    @Override
    public void inviteMember(int legId, MemberConfig member, String sdp) {
        try {
            URI target = b2bua.addresses.createURI(member.uri());
            String transport = target instanceof SipURI s && s.getTransportParam() != null ? s.getTransportParam() : "udp";
            CallIdHeader callId = b2bua.provider().getNewCallId();
            CSeqHeader cseq = b2bua.headers.createCSeqHeader(1L, Request.INVITE);
            // The member sees the caller's number and name (caller ID), reached through Sentral.
            FromHeader callerFrom = (FromHeader) invite.getHeader(FromHeader.NAME);
            URI callerUri = callerFrom.getAddress().getURI();
            String callerUser = callerUri instanceof SipURI s && s.getUser() != null ? s.getUser() : "anonymous";
            Address fromAddress = b2bua.addresses.createAddress(
                    b2bua.addresses.createSipURI(callerUser, b2bua.config().sip().advertisedAddress()));
            if (callerFrom.getAddress().getDisplayName() != null) {
                fromAddress.setDisplayName(callerFrom.getAddress().getDisplayName());
            }
            FromHeader from = b2bua.headers.createFromHeader(fromAddress, B2bua.newTag());
            Address toAddress = b2bua.addresses.createAddress(target);
            toAddress.setDisplayName(member.name());
            ToHeader to = b2bua.headers.createToHeader(toAddress, null);
            MaxForwardsHeader callerMf = (MaxForwardsHeader) invite.getHeader(MaxForwardsHeader.NAME);
            int hops = callerMf == null ? 70 : Math.max(0, callerMf.getMaxForwards() - 1);
            Request req = b2bua.messages.createRequest(target, Request.INVITE, callId, cseq, from, to,
                    new ArrayList<>(List.of(b2bua.via(transport))), b2bua.headers.createMaxForwardsHeader(hops),
                    sdpType(), sdp.getBytes(StandardCharsets.UTF_8));
            req.addHeader(b2bua.contact(transport));
            req.addHeader(b2bua.headers.createAllowHeader(B2bua.ALLOWED_METHODS));
            ClientTransaction ct = b2bua.provider().getNewClientTransaction(req);
            MemberLeg leg = new MemberLeg(legId, callId.getCallId(), ct, 1L, transport);
            leg.dialog = ct.getDialog();
            legs.put(legId, leg);
            legsByCallId.put(leg.callId, leg);
            callIds.add(leg.callId);
            b2bua.registerLeg(leg.callId, this);
            ct.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException e) {
            log.warn("call {}: cannot ring {} at {}: {}", callerCallId, member.name(), member.uri(), e.getMessage());
            // Same as an unreachable phone: the hunt moves on.
            executor.execute(() -> fsm.handle(new CallEvent.MemberFailed(legId, 503)));
        }
    }

    @Override
    public void cancelMember(int legId) {
        MemberLeg leg = legs.get(legId);
        if (leg == null || leg.cancelSent) {
            return;
        }
        if (leg.provisionalSeen) {
            sendCancel(leg);
        } else {
            leg.cancelPending = true; // RFC 3261 §9.1: no CANCEL before a provisional response
        }
    }

    private void sendCancel(MemberLeg leg) {
        leg.cancelPending = false;
        if (leg.cancelSent || leg.invite.getState() != TransactionState.PROCEEDING) {
            return;
        }
        leg.cancelSent = true;
        try {
            Request cancel = leg.invite.createCancel();
            b2bua.provider().getNewClientTransaction(cancel).sendRequest();
        } catch (SipException e) {
            log.debug("call {}: CANCEL of leg {} failed: {}", callerCallId, leg.id, e.getMessage());
        }
    }

    @Override
    public void ackMember(int legId) {
        MemberLeg leg = legs.get(legId);
        if (leg != null && leg.dialog != null) {
            sendAck(leg.dialog, leg.inviteCseq);
        }
    }

    @Override
    public void byeMember(int legId) {
        MemberLeg leg = legs.get(legId);
        if (leg == null) {
            return;
        }
        if (leg.dialog != null && leg.dialog.getState() == DialogState.CONFIRMED) {
            bye(leg.dialog);
        } else {
            cancelMember(legId);
        }
    }

    @Override
    public void answerMemberReinvite(int legId, String sdp) {
        MemberLeg leg = legs.get(legId);
        if (leg != null) {
            answerReinvite(leg.reinvite, 200, null, sdp, leg.transport);
            leg.reinvite = null;
        }
    }

    @Override
    public void rejectMemberReinvite(int legId, int status, String reason) {
        MemberLeg leg = legs.get(legId);
        if (leg != null) {
            answerReinvite(leg.reinvite, status, reason, null, leg.transport);
            leg.reinvite = null;
        }
    }

    @Override
    public void reinviteMember(int legId, String sdp) {
        MemberLeg leg = legs.get(legId);
        if (leg != null && leg.dialog != null) {
            reinvite(leg.dialog, sdp, leg.transport);
        }
    }

    // ------------------------------------------------------------------ CallContext: media

    @Override
    public Optional<LocalMedia> openMedia() {
        try {
            media = b2bua.media().openCall();
            callerKeys = media.caller().keyDetector(callerCallId, executor);
            try {
                callerKeys.addListener(e -> {
                    b2bua.callerKeyPressed();
                    String tone = e.getTone();
                    if (tone != null && tone.length() == 1) {
                        post(new CallEvent.CallerKey(tone.charAt(0)));
                    }
                });
            } catch (org.restcomm.media.spi.listener.TooManyListenersException e) {
                log.debug("call {}: no key listener: {}", callerCallId, e.getMessage());
            }
            return Optional.of(new LocalMedia(media.caller().address(), media.caller().port(), media.member().port()));
        } catch (MediaUnavailableException e) {
            log.warn("call {}: {}", callerCallId, e.getMessage());
            closeMedia();
            return Optional.empty();
        }
    }

    @Override
    public void connectMedia(String callerHost, int callerPort, String memberHost, int memberPort) {
        if (callerHost != null) {
            media.caller().setRemote(callerHost, callerPort);
        }
        media.member().setRemote(memberHost, memberPort);
        media.bridge(() -> post(new CallEvent.MediaInactive()));
    }

    @Override
    public void listenForCallerKeys(int telephoneEventPt) {
        if (callerKeys == null) {
            return;
        }
        // RFC 4733 only: in-band detection costs a decode per packet and is for menus.
        callerKeys.configure(telephoneEventPt, -1, false);
        callerKeys.activate();
    }

    @Override
    public void stopMenuKeys() {
        if (callerKeys != null) {
            callerKeys.deactivate();
        }
    }

    @Override
    public void listenForMenuKeys(int telephoneEventPt, int audioPt) {
        if (callerKeys != null) {
            callerKeys.configure(telephoneEventPt, audioPt, true);
            callerKeys.activate();
        }
    }

    @Override
    public void watchCallerMedia() {
        media.watchCaller(() -> post(new CallEvent.MediaInactive()));
    }

    @Override
    public void updateCallerMedia(String host, int port) {
        media.caller().setRemote(host, port);
    }

    @Override
    public void updateMemberMedia(String host, int port) {
        media.member().setRemote(host, port);
    }

    @Override
    public void closeMedia() {
        if (media != null) {
            b2bua.mediaClosed(media.caller().packetsReceived(), media.member().packetsSent(),
                    media.member().packetsReceived(), media.caller().packetsSent());
            media.close();
        }
    }

    @Override
    public void playOverflowPrompt(OverflowConfig.Destination destination, int payloadType) {
        overflowedTo = destination;
        SystemPrompt prompt = destination == OverflowConfig.Destination.VOICEMAIL
                ? SystemPrompt.NO_VOICEMAIL : SystemPrompt.CANNOT_TAKE_CALL;
        play("overflow", prompt.url(language), payloadType, CallEvent.PromptFinished::new);
    }

    @Override
    public void playGreeting(int payloadType) {
        String url = greetingUrl.orElseThrow();
        b2bua.waitingAudio(new WaitingAudio(callerCallId, WaitingAudio.Kind.GREETING, url, 0, 0, Instant.now()));
        play("greeting", url, payloadType, CallEvent.GreetingFinished::new);
    }

    /** Plays one URL (or a comma-separated list) to the caller; {@code finished} is posted when it ends or fails. */
    private org.restcomm.media.spi.player.Player play(String what, String url, int payloadType,
                                                      java.util.function.Supplier<CallEvent> finished) {
        try {
            org.restcomm.media.spi.player.Player player = media.caller().player(what, payloadType);
            player.setURL(url);
            player.addListener(e -> {
                int id = e.getID();
                if (id == org.restcomm.media.spi.player.PlayerEvent.STOP
                        || id == org.restcomm.media.spi.player.PlayerEvent.FAILED) {
                    post(finished.get());
                }
            });
            player.start();
            return player;
        } catch (Exception e) {
            log.warn("call {}: cannot play {} {}: {}", callerCallId, what, url, e.getMessage());
            post(finished.get());
            return null;
        }
    }

    @Override
    public void startMusic(int payloadType) {
        if (musicUrls.isEmpty()) {
            return;
        }
        musicOn = true;
        musicPt = payloadType;
        if (musicOrder == null) {
            musicOrder = new dev.sentral.routing.music.MusicOrder(musicUrls.size(), new java.util.SplittableRandom());
        }
        playMusic(musicUrls.get(musicOrder.next()), 0);
    }

    /** One file of the list from {@code offsetMs}, whole; when it ends (on the call's executor) the next one. */
    private void playMusic(String url, long offsetMs) {
        if (!musicOn || media == null) {
            return;
        }
        try {
            org.restcomm.media.spi.player.Player player = media.caller().player("music", musicPt);
            player.setURL(url);
            player.setMediaTime(offsetMs);
            player.addListener(e -> {
                if (e.getID() == org.restcomm.media.spi.player.PlayerEvent.STOP) {
                    execute(() -> {
                        if (music == player) {
                            playMusic(musicUrls.get(musicOrder.next()), 0);
                        }
                    });
                }
            });
            music = player;
            musicUrl = url;
            b2bua.waitingAudio(new WaitingAudio(callerCallId, WaitingAudio.Kind.MUSIC, url, offsetMs, 0, Instant.now()));
            player.start();
        } catch (Exception e) {
            // a broken file: stop the music rather than spin through the list
            log.warn("call {}: cannot play music {}: {}", callerCallId, url, e.getMessage());
            musicOn = false;
        }
    }

    @Override
    public void stopMusic() {
        boolean wasOn = musicOn;
        musicOn = false;
        pausedUrl = null;
        org.restcomm.media.spi.player.Player p = music;
        music = null;
        if (p != null) {
            p.stop();
        }
        if (wasOn) {
            b2bua.waitingAudio(new WaitingAudio(callerCallId, WaitingAudio.Kind.MUSIC_STOPPED, null, 0, 0, Instant.now()));
        }
    }

    @Override
    public void pauseMusic() {
        org.restcomm.media.spi.player.Player p = music;
        if (p == null) {
            return;
        }
        music = null; // its STOP must not start the next file
        pausedAt = p.getMediaTime();
        pausedUrl = musicUrl;
        p.stop();
        b2bua.waitingAudio(new WaitingAudio(callerCallId, WaitingAudio.Kind.MUSIC_PAUSED, pausedUrl, pausedAt, 0,
                Instant.now()));
    }

    @Override
    public void resumeMusic() {
        String url = pausedUrl;
        pausedUrl = null;
        if (url != null) {
            playMusic(url, pausedAt);
        }
    }

    @Override
    public void announcePosition(int position, Optional<java.time.Duration> estimatedWait, int payloadType) {
        b2bua.waitingAudio(new WaitingAudio(callerCallId, WaitingAudio.Kind.ANNOUNCEMENT, null, 0, position, Instant.now()));
        List<String> clips = new ArrayList<>(SystemPrompt.positionUrls(position, language));
        if (plan.announceEstimatedWait() && estimatedWait.isPresent()) {
            clips.addAll(SystemPrompt.waitUrls(estimatedWait.get(), language));
        }
        announcement = play("announcement", String.join(",", clips),
                payloadType, () -> {
                    b2bua.waitingAudio(new WaitingAudio(callerCallId, WaitingAudio.Kind.ANNOUNCEMENT_ENDED, null, 0,
                            position, Instant.now()));
                    return new CallEvent.AnnouncementFinished();
                });
    }

    @Override
    public void stopAnnouncement() {
        org.restcomm.media.spi.player.Player p = announcement;
        announcement = null;
        if (p != null) {
            p.stop();
        }
    }

    @Override
    public void scheduleAnnouncement(java.time.Duration delay) {
        cancelAnnouncement();
        announceTimer = b2bua.executors().schedule(() -> post(new CallEvent.AnnouncementDue()), delay);
    }

    @Override
    public void cancelAnnouncement() {
        java.util.concurrent.ScheduledFuture<?> t = announceTimer;
        announceTimer = null;
        if (t != null) {
            t.cancel(false);
        }
    }

    // ------------------------------------------------------------------ CallContext: routing and bookkeeping

    @Override
    public void routeCall() {
        routed = true;
        b2bua.router().arrived(routingId, plan.id(), callerNumber(), vip, backToFlow);
    }

    // ------------------------------------------------------------------ CallContext: call flows

    @Override
    public dev.sentral.routing.flow.FlowSession newFlowSession(dev.sentral.routing.flow.FlowSession.Actions actions) {
        flow = new dev.sentral.routing.flow.FlowSession(b2bua.config(), b2bua.calendars(), new CallScheduler(),
                callerNumber(), actions);
        return flow;
    }

    /** Flow timers (menu timeouts) run on this call's executor, like every other input. */
    private final class CallScheduler implements dev.sentral.routing.Scheduler {
        @Override
        public Instant now() {
            return b2bua.clock().instant();
        }

        @Override
        public Cancellable schedule(java.time.Duration delay, Runnable task) {
            java.util.concurrent.ScheduledFuture<?> f = b2bua.executors().schedule(() -> execute(task), delay);
            return () -> f.cancel(false);
        }
    }

    @Override
    public void playFlowPrompt(dev.sentral.routing.flow.FlowSession.Prompt prompt, int token, int payloadType) {
        String url = promptUrl(prompt);
        b2bua.waitingAudio(new WaitingAudio(callerCallId, WaitingAudio.Kind.PROMPT, url, 0, token, Instant.now()));
        flowPrompt = play("flow prompt", url, payloadType, () -> new CallEvent.FlowPromptFinished(token));
    }

    private String promptUrl(dev.sentral.routing.flow.FlowSession.Prompt prompt) {
        if (prompt.kind() == dev.sentral.routing.flow.FlowSession.Prompt.Kind.NOTICE) {
            return SystemPrompt.named(prompt.id()).url(prompt.language());
        }
        return b2bua.config().sounds().promptUrl(prompt.id(), prompt.language())
                .orElseThrow(() -> new IllegalStateException("no sound " + prompt.id()));
    }

    @Override
    public void stopFlowPrompt() {
        org.restcomm.media.spi.player.Player p = flowPrompt;
        flowPrompt = null;
        if (p != null) {
            p.stop();
            b2bua.waitingAudio(new WaitingAudio(callerCallId, WaitingAudio.Kind.PROMPT_STOPPED, null, 0, 0, Instant.now()));
        }
    }

    @Override
    public void playNotice(dev.sentral.routing.flow.FlowSession.Prompt prompt, int payloadType) {
        play("notice", promptUrl(prompt), payloadType, CallEvent.PromptFinished::new);
    }

    @Override
    public boolean enterPlan(String planId, boolean vip, boolean backToFlow) {
        HuntPlanConfig p = b2bua.config().huntPlan(planId).orElseThrow(() -> new IllegalStateException("no plan " + planId));
        setPlan(p);
        this.vip = vip;
        this.backToFlow = backToFlow;
        log.info("call {}: flow {} → plan {}{}", callerCallId, flow == null ? "" : String.join(" → ", flow.visited()),
                planId, vip ? " (VIP)" : "");
        return p.announcePosition();
    }

    @Override
    public void useLanguage(String newLanguage) {
        this.language = newLanguage;
    }

    @Override
    public void offerAnswered(long offerId) {
        b2bua.router().offerAnswered(offerId);
    }

    @Override
    public void offerEnded(long offerId, OfferResult result) {
        b2bua.router().offerEnded(offerId, result);
    }

    @Override
    public void callerLeft() {
        b2bua.router().callerLeft(routingId);
    }

    @Override
    public void callFinished() {
        b2bua.router().callFinished(routingId);
    }

    @Override
    public void callEnded(CallOutcome outcome) {
        cancelAnnouncement();
        stopMusic();
        if (flow != null && !routed) {
            log.info("call {}: flow {}", callerCallId, String.join(" → ", flow.visited()));
        }
        if (!routed && !featureCall) {
            // ended before reaching the plan (refused, or the caller hung up during the greeting or the menu)
            var kind = switch (outcome.kind()) {
                case ABANDONED -> dev.sentral.routing.hunt.RoutingOutcome.Kind.ABANDONED;
                case OVERFLOWED -> dev.sentral.routing.hunt.RoutingOutcome.Kind.OVERFLOWED; // closed, end of flow
                default -> dev.sentral.routing.hunt.RoutingOutcome.Kind.REJECTED;
            };
            b2bua.router().endedBeforeRouting(routingId, routingLabel, callerNumber(), kind,
                    java.time.Duration.between(arrived, Instant.now()),
                    kind == dev.sentral.routing.hunt.RoutingOutcome.Kind.OVERFLOWED
                            ? Optional.ofNullable(overflowedTo) : Optional.empty());
        }
        b2bua.callEnded(this, outcome);
    }

    @Override
    public void unhandled(CallState state, CallEvent event) {
        b2bua.unhandledEvent();
        log.error("SENTRAL-FSM-001 call {}: no transition for {} in state {}", callerCallId, event, state);
    }

    // ------------------------------------------------------------------ SIP helpers

    private void sendAck(Dialog dialog, long cseq) {
        try {
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException e) {
            log.debug("call {}: ACK failed: {}", callerCallId, e.getMessage());
        }
    }

    private void bye(Dialog dialog) {
        if (dialog == null || dialog.getState() == DialogState.TERMINATED) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            dialog.sendRequest(b2bua.provider().getNewClientTransaction(bye));
        } catch (SipException e) {
            log.debug("call {}: BYE failed: {}", callerCallId, e.getMessage());
        }
    }

    private void reinvite(Dialog dialog, String sdp, String transport) {
        if (dialog == null || dialog.getState() != DialogState.CONFIRMED) {
            return;
        }
        try {
            Request req = dialog.createRequest(Request.INVITE);
            req.setContent(sdp, sdpType());
            req.setHeader(b2bua.contact(transport));
            dialog.sendRequest(b2bua.provider().getNewClientTransaction(req));
        } catch (SipException | ParseException e) {
            // e.g. our previous re-INVITE is still pending on this dialog: the hold is shown late or not at all
            log.debug("call {}: re-INVITE failed: {}", callerCallId, e.getMessage());
        }
    }

    private void answerReinvite(ServerTransaction st, int status, String reason, String sdp, String transport) {
        if (st == null) {
            return;
        }
        try {
            Response r = b2bua.messages.createResponse(status, st.getRequest());
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            if (status == 200) {
                r.addHeader(b2bua.contact(transport));
            }
            if (sdp != null) {
                r.setContent(sdp, sdpType());
            }
            st.sendResponse(r);
        } catch (SipException | InvalidArgumentException | ParseException e) {
            log.debug("call {}: answering re-INVITE failed: {}", callerCallId, e.getMessage());
        }
    }

    private ContentTypeHeader sdpType() throws ParseException {
        return b2bua.headers.createContentTypeHeader("application", "sdp");
    }

    private static String body(javax.sip.message.Message m) {
        byte[] raw = m.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }
}
