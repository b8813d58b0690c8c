package dev.sentral.sip.b2bua;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.NumberConfig;
import dev.sentral.config.OpeningHoursConfig;
import dev.sentral.config.OverflowConfig;
import dev.sentral.routing.hours.OpeningCalendar;
import dev.sentral.config.SentralConfig;
import dev.sentral.config.Transport;
import dev.sentral.media.MediaFactory;
import dev.sentral.routing.Directory;
import dev.sentral.sip.call.CallEvent;
import dev.sentral.sip.call.CallOutcome;
import dev.sentral.sip.registrar.Registrar;
import dev.sentral.sip.stack.SipStackLogging;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.AllowHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentral's SIP side: the JAIN-SIP RI stack (UDP and TCP listening points, transaction-stateful), and the
 * dispatcher that turns SIP requests and responses into {@link CallEvent}s for the owning {@link SipCall}.
 *
 * <p>Threading: JAIN-SIP calls the {@link SipListener} methods on its own threads; they only look up the
 * call and post to its executor (or answer out-of-dialog requests directly). Nothing here blocks.
 */
public final class B2bua implements SipListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(B2bua.class);
    private static final AtomicInteger STACK_COUNTER = new AtomicInteger();
    static final String ALLOWED_METHODS = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REGISTER";
    /** How long a call's Call-IDs stay known after it ends, to absorb late responses and retransmissions. */
    private static final Duration LINGER = Duration.ofSeconds(32);

    private final SentralConfig config;
    private final Directory directory;
    private final MediaFactory media;
    private final SipStats stats = new SipStats();
    private final CallExecutors executors;
    private final Router router;
    /** Every Call-ID Sentral knows (the caller's and each member leg's) → the call that owns it. */
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
    private volatile boolean draining;
    private Registrar registrar;
    /** The trunks' addresses (resolved at start, and their allowFrom lists). */
    private final java.util.Set<String> trunkAddresses = ConcurrentHashMap.newKeySet();
    private final dev.sentral.sip.registrar.LocationService locations =
            new dev.sentral.sip.registrar.LocationService(java.time.Clock.systemUTC());

    private SipStack stack;
    private SipProvider provider;
    HeaderFactory headers;
    AddressFactory addresses;
    MessageFactory messages;

    private final java.time.Clock clock;
    private final Map<String, dev.sentral.routing.hours.OpeningCalendar> calendars = new java.util.HashMap<>();

    public B2bua(SentralConfig config, MediaFactory media) {
        this(config, media, java.time.Clock.systemUTC());
    }

    /** @param clock decides open or closed at call arrival (tests place calls on Christmas Eve) */
    public B2bua(SentralConfig config, MediaFactory media, java.time.Clock clock) {
        this.clock = clock;
        for (var h : config.openingHours()) {
            calendars.put(h.id(), new dev.sentral.routing.hours.OpeningCalendar(h));
        }
        this.config = config;
        this.directory = new Directory(config);
        this.media = media;
        this.executors = new CallExecutors(Math.max(2, Runtime.getRuntime().availableProcessors() * 2),
                stats.callTaskFailures);
        this.router = new Router(config, stats.callTaskFailures);
    }

    /** Creates the stack and binds the listening points. Throws when a port cannot be bound. */
    public void start() throws SipException {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "sentral-" + STACK_COUNTER.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.IS_BACK_TO_BACK_USER_AGENT", "true");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "100000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "100000");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(4 * 1024 * 1024));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", String.valueOf(4 * 1024 * 1024));
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.DELIVER_TERMINATED_EVENT_FOR_NULL_DIALOG", "false");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        SipStackLogging.install(p);

        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        try {
            stack = factory.createSipStack(p);
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
            messages = factory.createMessageFactory();
            ((MessageFactoryImpl) messages).setDefaultServerHeader(
                    headers.createServerHeader(java.util.List.of(config.sip().userAgent())));
            ((MessageFactoryImpl) messages).setDefaultUserAgentHeader(
                    headers.createUserAgentHeader(java.util.List.of(config.sip().userAgent())));
            registrar = new Registrar(config, headers, messages, addresses, java.time.Clock.systemUTC(), locations);
            String bind = config.sip().bindAddress();
            int port = config.sip().port();
            for (Transport t : Transport.values()) {
                if (!config.sip().transports().contains(t)) {
                    continue;
                }
                ListeningPoint lp = stack.createListeningPoint(bind, port, t.wireName());
                if (provider == null) {
                    provider = stack.createSipProvider(lp);
                } else {
                    provider.addListeningPoint(lp);
                }
            }
            provider.addSipListener(this);
            resolveTrunks();
            stack.start();
        } catch (javax.sip.PeerUnavailableException | InvalidArgumentException | java.util.TooManyListenersException
                 | ParseException | javax.sip.ObjectInUseException e) {
            throw new SipException("cannot start SIP on " + config.sip().bindAddress() + ":" + config.sip().port()
                    + ": " + e.getMessage(), e);
        }
        log.info("SIP listening on {}:{} ({})", config.sip().bindAddress(), config.sip().port(),
                config.sip().transports());
    }

    private void resolveTrunks() {
        for (dev.sentral.config.TrunkConfig t : config.trunks()) {
            trunkAddresses.addAll(t.allowFrom());
            try {
                for (java.net.InetAddress a : java.net.InetAddress.getAllByName(t.host())) {
                    trunkAddresses.add(a.getHostAddress());
                }
            } catch (java.net.UnknownHostException e) {
                log.warn("trunk {}: cannot resolve {} ({}); its calls are taken only from allowFrom", t.id(), t.host(),
                        e.getMessage());
            }
        }
    }

    public SipStats stats() {
        return stats;
    }

    public int activeCalls() {
        return stats.activeCalls();
    }

    public boolean isDraining() {
        return draining;
    }

    /** From now on new INVITEs are answered 503 with Retry-After; calls in progress carry on. */
    public void startDrain() {
        draining = true;
    }

    /** Ends every call still in progress (BYE when connected, 503 to the caller when still ringing). */
    public void endAllCalls() {
        java.util.Set<SipCall> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        distinct.addAll(calls.values()); // a call is listed once per Call-ID it owns
        for (SipCall call : distinct) {
            call.post(new CallEvent.DrainTimeExpired());
        }
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.stop();
        }
        executors.close();
        router.close();
    }

    // ------------------------------------------------------------------ requests

    @Override
    public void processRequest(RequestEvent evt) {
        Request request = evt.getRequest();
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            // ACKs for non-2xx are absorbed by the transaction layer; an ACK for our 2xx may carry the
            // caller's SDP answer (late offer).
            String ackCallId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
            SipCall call = calls.get(ackCallId);
            if (call != null) {
                byte[] body = request.getRawContent();
                String sdp = body == null || body.length == 0 ? null : new String(body, java.nio.charset.StandardCharsets.UTF_8);
                call.execute(() -> call.onAck(ackCallId, sdp));
            }
            return;
        }
        ServerTransaction st = evt.getServerTransaction();
        if (st == null) {
            try {
                st = provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException e) {
                return; // a retransmission the transaction already handles
            } catch (TransactionUnavailableException e) {
                log.debug("no server transaction for {}: {}", method, e.getMessage());
                return;
            }
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        SipCall call = calls.get(callId);
        try {
            switch (method) {
                case Request.INVITE -> {
                    if (inDialog) {
                        if (call == null) {
                            respond(st, 481);
                        } else {
                            ServerTransaction tx = st;
                            call.execute(() -> call.onReinvite(callId, tx));
                        }
                    } else {
                        newCall(st, request, callId);
                    }
                }
                case Request.BYE -> {
                    respond(st, call == null ? 481 : 200);
                    if (call != null) {
                        call.execute(() -> call.onBye(callId));
                    }
                }
                case Request.CANCEL -> {
                    respond(st, call == null ? 481 : 200);
                    if (call != null) {
                        call.execute(() -> call.onCancel(callId));
                    }
                }
                case Request.OPTIONS -> respondOptions(st);
                case Request.REGISTER -> registrar.register(st, sourceOf(request));
                case Request.INFO -> {
                    respond(st, call == null ? 481 : 200);
                    if (call != null) {
                        Request info = st.getRequest();
                        javax.sip.header.ContentTypeHeader ct =
                                (javax.sip.header.ContentTypeHeader) info.getHeader(javax.sip.header.ContentTypeHeader.NAME);
                        byte[] raw = info.getRawContent();
                        DtmfInfo.parse(ct == null ? null : ct.getContentType() + "/" + ct.getContentSubType(),
                                raw == null ? null : new String(raw, java.nio.charset.StandardCharsets.UTF_8))
                                .ifPresent(digit -> {
                                    stats.infoDigits.increment();
                                    call.execute(() -> call.onInfoDigit(callId, digit));
                                });
                    }
                }
                default -> respondNotAllowed(st);
            }
        } catch (SipException | InvalidArgumentException | ParseException e) {
            log.warn("could not answer {} {}: {}", method, callId, e.getMessage());
        }
    }

    private void newCall(ServerTransaction st, Request invite, String callId)
            throws SipException, InvalidArgumentException, ParseException {
        if (draining) {
            Response r = response(503, invite);
            r.addHeader(headers.createRetryAfterHeader(30));
            st.sendResponse(r);
            return;
        }
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) invite.getHeader(MaxForwardsHeader.NAME);
        if (maxForwards != null && maxForwards.getMaxForwards() <= 0) {
            respond(st, 483);
            return;
        }
        Optional<String> dialled = dialled(invite.getRequestURI());
        Optional<NumberConfig> number = dialled.flatMap(config::number);
        String source = sourceOf(invite);
        if (number.isEmpty() || (config.sip().trunksOnly() && !trunkAddresses.contains(source))) {
            // Only the company's numbers are open (to everyone, or to the trunks): anything else needs a user's
            // credentials, so nobody can use Sentral to reach other numbers (toll fraud).
            Optional<dev.sentral.config.UserConfig> user = registrar.authenticate(st, source, null, true);
            if (user.isEmpty()) {
                return; // challenged (407), refused (403) or ignored (throttled)
            }
            if (number.isEmpty()) {
                userDialled(st, invite, callId, dialled.orElse(""), user.get());
                return;
            }
        }
        if (number.get().flow().isPresent()) {
            st.sendResponse(messages.createResponse(Response.TRYING, invite));
            stats.callStarted();
            SipCall call = SipCall.forFlow(this, st, invite, callId, number.get().flow().get(), executors.forCall(callId),
                    newSdpSessionId());
            start(call, invite, callId);
            return;
        }
        Optional<HuntPlanConfig> plan = dialled.flatMap(directory::planFor);
        if (plan.isEmpty()) {
            respond(st, 404);
            return;
        }
        // Opening hours, decided once at arrival: which greeting, and whether the plan takes the call at all.
        Optional<String> greetingId = number.get().greeting();
        Optional<OverflowConfig.Destination> closedTo = Optional.empty();
        Optional<OpeningHoursConfig> hours = number.get().openingHours().flatMap(config::openingHours);
        if (hours.isPresent()) {
            OpeningCalendar.Verdict verdict = calendars.get(hours.get().id()).at(clock.instant());
            Optional<String> slotGreeting = hours.get().greetings().forSlot(verdict.open(), verdict.special());
            greetingId = verdict.open() ? slotGreeting.or(() -> number.get().greeting()) : slotGreeting;
            if (!verdict.open()) {
                OverflowConfig closed = hours.get().whenClosed();
                Optional<HuntPlanConfig> other = closed.number().flatMap(directory::sendOnTo);
                if (closed.to() == OverflowConfig.Destination.NUMBER && other.isPresent()) {
                    plan = other; // closed here: the call goes to the other number's plan
                } else {
                    closedTo = Optional.of(closed.to() == OverflowConfig.Destination.NUMBER
                            ? OverflowConfig.Destination.MESSAGE : closed.to());
                }
            }
        }
        st.sendResponse(messages.createResponse(Response.TRYING, invite));
        stats.callStarted();
        String language = plan.get().language();
        Optional<String> greeting = greetingId.flatMap(g -> config.sounds().greetingUrl(g, language));
        SipCall call = new SipCall(this, st, invite, callId, plan.get(), greeting, closedTo, executors.forCall(callId),
                newSdpSessionId());
        start(call, invite, callId);
    }

    /** The o= session id of the SDP Sentral writes for a new call (RFC 4566: a random positive number). */
    private static long newSdpSessionId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

    private void start(SipCall call, Request invite, String callId) {
        calls.put(callId, call);
        byte[] body = invite.getRawContent();
        call.post(new CallEvent.CallerInvited(body == null ? null : new String(body, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * An authenticated user dialled something that is not one of the company's numbers: a feature code (log
     * in or out of hunt plans, confirmed by a prompt), or else nothing Sentral serves (404; no outside calls).
     */
    private void userDialled(ServerTransaction st, Request invite, String callId, String dialled,
                             dev.sentral.config.UserConfig user) throws SipException, InvalidArgumentException, ParseException {
        Optional<dev.sentral.config.FeatureCodes.Request> code = config.featureCodes().lookup(dialled);
        if (code.isEmpty()) {
            log.info("user {} dialled {}: not a number Sentral serves", user.name(), dialled);
            respond(st, 404);
            return;
        }
        java.util.List<HuntPlanConfig> plans = new java.util.ArrayList<>();
        String language = dev.sentral.config.ConfigDefaults.LANGUAGE;
        for (HuntPlanConfig p : config.huntPlans()) {
            if (p.isDerived() || code.get().huntPlan().filter(id -> !id.equals(p.id())).isPresent()) {
                continue;
            }
            for (dev.sentral.config.MemberConfig m : p.members()) {
                if (m.user().filter(user.name()::equals).isPresent()) {
                    if (plans.isEmpty()) {
                        language = p.language();
                    }
                    plans.add(p);
                    setMemberActive(p.id(), m.uri(), code.get().active(), "feature-code");
                }
            }
        }
        if (plans.isEmpty()) {
            log.info("user {} dialled {}: not a member of {}", user.name(), dialled,
                    code.get().huntPlan().map(id -> "plan " + id).orElse("any hunt plan"));
            Response r = response(403, invite);
            r.setReasonPhrase("Not a member");
            st.sendResponse(r);
            return;
        }
        log.info("user {} logged {} of {} by feature code {}", user.name(), code.get().active() ? "in" : "out",
                plans.stream().map(HuntPlanConfig::id).toList(), dialled);
        st.sendResponse(messages.createResponse(Response.TRYING, invite));
        stats.callStarted();
        var notice = new dev.sentral.routing.flow.FlowSession.Prompt(dev.sentral.routing.flow.FlowSession.Prompt.Kind.NOTICE,
                code.get().active() ? "logged-in" : "logged-out", language);
        SipCall call = SipCall.forNotice(this, st, invite, callId, notice, executors.forCall(callId),
                newSdpSessionId());
        start(call, invite, callId);
    }

    /** The address a request came from (its packet's source), for throttling. */
    private static String sourceOf(Request request) {
        if (request instanceof gov.nist.javax.sip.message.SIPMessage m) {
            java.net.InetAddress a = m.getPeerPacketSourceAddress() != null ? m.getPeerPacketSourceAddress()
                    : m.getRemoteAddress();
            if (a != null) {
                return a.getHostAddress();
            }
        }
        return "unknown";
    }

    private static Optional<String> dialled(URI uri) {
        if (uri instanceof SipURI sip) {
            return Optional.ofNullable(sip.getUser());
        }
        if (uri instanceof TelURL tel) {
            return Optional.of((tel.isGlobal() ? "+" : "") + tel.getPhoneNumber());
        }
        return Optional.empty();
    }

    private void respondOptions(ServerTransaction st) throws SipException, InvalidArgumentException, ParseException {
        Response r = response(200, st.getRequest());
        r.addHeader(allow());
        r.addHeader(headers.createAcceptHeader("application", "sdp"));
        st.sendResponse(r);
    }

    private void respondNotAllowed(ServerTransaction st) throws SipException, InvalidArgumentException, ParseException {
        Response r = response(405, st.getRequest());
        r.addHeader(allow());
        st.sendResponse(r);
    }

    private AllowHeader allow() throws ParseException {
        return headers.createAllowHeader(ALLOWED_METHODS);
    }

    void respond(ServerTransaction st, int status) throws SipException, InvalidArgumentException, ParseException {
        st.sendResponse(response(status, st.getRequest()));
    }

    /** A response with a To-tag (a UAS adds one to every response but 100, RFC 3261 §8.2.6.2). */
    Response response(int status, Request request) throws ParseException {
        Response r = messages.createResponse(status, request);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (status > 100 && to.getTag() == null) {
            to.setTag(newTag());
        }
        return r;
    }

    // ------------------------------------------------------------------ responses and timeouts

    @Override
    public void processResponse(ResponseEvent evt) {
        Response response = evt.getResponse();
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        SipCall call = calls.get(callId);
        if (call == null) {
            strayResponse(evt);
            return;
        }
        call.execute(() -> call.onResponse(callId, evt));
    }

    /** A 2xx to an INVITE of a call Sentral no longer knows: complete and end the dialog so no phone stays off-hook. */
    private void strayResponse(ResponseEvent evt) {
        Response r = evt.getResponse();
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        Dialog d = evt.getDialog();
        if (r.getStatusCode() / 100 == 2 && Request.INVITE.equals(cseq.getMethod()) && d != null) {
            try {
                d.sendAck(d.createAck(cseq.getSeqNumber()));
                ClientTransaction bye = provider.getNewClientTransaction(d.createRequest(Request.BYE));
                d.sendRequest(bye);
            } catch (SipException | InvalidArgumentException e) {
                log.debug("could not end stray dialog: {}", e.getMessage());
            }
        }
    }

    @Override
    public void processTimeout(TimeoutEvent evt) {
        if (evt.isServerTransaction()) {
            return;
        }
        ClientTransaction ct = evt.getClientTransaction();
        Request request = ct.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        SipCall call = calls.get(callId);
        if (call != null) {
            call.execute(() -> call.onTimeout(callId, ct));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent evt) {
        log.debug("SIP I/O error towards {}:{}/{}", evt.getHost(), evt.getPort(), evt.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent evt) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent evt) {
    }

    // ------------------------------------------------------------------ used by SipCall

    SipProvider provider() {
        return provider;
    }

    MediaFactory media() {
        return media;
    }

    Router router() {
        return router;
    }

    /** Registered phones of users. */
    public java.util.List<String> contactsOf(String user) {
        return locations.contacts(user);
    }

    public int registeredContacts() {
        return locations.registeredContacts();
    }

    /** Where users' phones are: restore kept registrations here, and listen to keep them. */
    public dev.sentral.sip.registrar.LocationService locations() {
        return locations;
    }

    /** Every hunt plan's members and waiting calls, as routing sees them now. */
    public java.util.List<dev.sentral.routing.hunt.PlanView> plans() {
        return router.plans(config.huntPlans().stream().map(HuntPlanConfig::id).toList());
    }

    /** Routing outcomes so far (answered, abandoned, overflowed). */
    public long routingOutcomes(dev.sentral.routing.hunt.RoutingOutcome.Kind kind) {
        return router.outcomes(kind);
    }

    /**
     * Every call's routing outcome as it happens (answered by whom, abandoned, overflowed; with the wait):
     * the statistics event. Called on the routing thread; must not block.
     */
    public void addRoutingListener(java.util.function.Consumer<dev.sentral.routing.hunt.RoutingOutcome> listener) {
        router.addOutcomeListener(listener);
    }

    private final java.util.List<java.util.function.Consumer<WaitingAudio>> waitingAudioListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hears what answered, waiting callers are played (greeting, music, announcements), on call threads. */
    public void addWaitingAudioListener(java.util.function.Consumer<WaitingAudio> listener) {
        waitingAudioListeners.add(listener);
    }

    void waitingAudio(WaitingAudio event) {
        if (log.isDebugEnabled()) {
            log.debug("call {}: {}", event.callId(), event);
        }
        for (var l : waitingAudioListeners) {
            l.accept(event);
        }
    }

    /**
     * Logs a member in or out of a plan (by the member's SIP URI); {@code by} says who asked, for the
     * presence listeners (the store).
     */
    public void setMemberActive(String planId, String memberUri, boolean active, String by) {
        router.setActive(planId, memberUri.toLowerCase(java.util.Locale.ROOT), active, Optional.of(by));
    }

    /** Puts back a member's presence kept from before a restart; presence listeners are not told. */
    public void restoreMemberActive(String planId, String memberKey, boolean active) {
        router.setActive(planId, memberKey, active, Optional.empty());
    }

    /** Hears every log-in and log-out (API, feature codes) on the routing thread; must not block. */
    public void addPresenceListener(java.util.function.Consumer<PresenceChange> listener) {
        router.addPresenceListener(listener);
    }

    public SentralConfig config() {
        return config;
    }

    /** Opening-hours calendars by id (read-only after construction). */
    Map<String, OpeningCalendar> calendars() {
        return calendars;
    }

    java.time.Clock clock() {
        return clock;
    }

    CallExecutors executors() {
        return executors;
    }

    void registerLeg(String legCallId, SipCall call) {
        calls.put(legCallId, call);
    }

    void callEnded(SipCall call, CallOutcome outcome) {
        stats.activeCalls.decrementAndGet();
        stats.outcome(outcome);
        log.info("call {} ended: {}{}", call.callerCallId(), outcome.kind(),
                outcome.member().map(m -> " by " + m).orElse(outcome.status() > 0 ? " (" + outcome.status() + ")" : ""));
        executors.schedule(() -> call.execute(() -> {
            call.callIds().forEach(id -> calls.remove(id, call));
            router.forget(call.routingId());
        }), LINGER);
    }

    void mediaClosed(long fromCaller, long toMember, long fromMember, long toCaller) {
        stats.rtpFromCallers.add(fromCaller);
        stats.rtpToMembers.add(toMember);
        stats.rtpFromMembers.add(fromMember);
        stats.rtpToCallers.add(toCaller);
    }

    void callerKeyPressed() {
        stats.callerKeys.increment();
    }

    void unhandledEvent() {
        stats.unhandledEvents.increment();
    }

    ContactHeader contact(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI("sentral", config.sip().advertisedAddress());
        uri.setPort(config.sip().port());
        if (!"udp".equalsIgnoreCase(transport)) {
            uri.setTransportParam(transport.toLowerCase(java.util.Locale.ROOT));
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    ViaHeader via(String transport) throws ParseException, InvalidArgumentException {
        return headers.createViaHeader(config.sip().advertisedAddress(), config.sip().port(), transport, null);
    }

    static String newTag() {
        return dev.sentral.sip.stack.Tags.newTag();
    }
}
