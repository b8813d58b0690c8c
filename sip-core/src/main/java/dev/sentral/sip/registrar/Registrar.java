package dev.sentral.sip.registrar;

import dev.sentral.config.ConfigDefaults;
import dev.sentral.config.SentralConfig;
import dev.sentral.config.UserConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;

/**
 * The registrar (RFC 3261 §10.3) with digest authentication (§22; MD5, and SHA-256 per RFC 8760;
 * {@code qop=auth}): users from the configuration, passwords known only as HA1 hashes. Bindings go to the
 * {@link LocationService}; repeated failures from one source are throttled ({@link AuthThrottle}).
 *
 * <p>Threading: called on JAIN-SIP's threads; everything it touches is thread-safe. Nothing blocks.
 */
public final class Registrar {
    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

    private final SentralConfig config;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final javax.sip.address.AddressFactory addresses;
    private final Clock clock;
    private final LocationService locations;
    private final NonceFactory nonces;
    private final AuthThrottle throttle;

    public Registrar(SentralConfig config, HeaderFactory headers, MessageFactory messages,
                     javax.sip.address.AddressFactory addresses, Clock clock, LocationService locations) {
        this.config = config;
        this.headers = headers;
        this.messages = messages;
        this.addresses = addresses;
        this.clock = clock;
        this.locations = locations;
        this.nonces = new NonceFactory(clock, NONCE_LIFETIME);
        this.throttle = new AuthThrottle(clock, ConfigDefaults.AUTH_FAILURES_ALLOWED,
                ConfigDefaults.AUTH_FAILURE_WINDOW, ConfigDefaults.AUTH_BLOCK_TIME);
    }

    public LocationService locations() {
        return locations;
    }

    /** Answers one REGISTER; {@code source} is the address it came from (for throttling). */
    public void register(ServerTransaction st, String source) throws SipException, InvalidArgumentException, ParseException {
        Request req = st.getRequest();
        ToHeader to = (ToHeader) req.getHeader(ToHeader.NAME);
        String user = to.getAddress().getURI() instanceof SipURI u ? u.getUser() : null;
        if (!throttle.blocked(source) && (user == null || config.user(user).isEmpty())) {
            send(st, response(404, req));
            return;
        }
        if (authenticate(st, source, user, false).isPresent()) {
            bind(st, req, user);
        }
    }

    /**
     * Digest authentication of any request (RFC 3261 §22): REGISTER with {@code proxy} false (401,
     * Authorization), other requests with {@code proxy} true (407, Proxy-Authorization). Returns the
     * authenticated user; otherwise the request has been answered (a challenge, or 403 once throttled) or,
     * for a blocked source, silently dropped.
     *
     * @param claimed the user the request is for (REGISTER's To), or null to take the credentials' user name
     */
    public Optional<UserConfig> authenticate(ServerTransaction st, String source, String claimed, boolean proxy)
            throws SipException, InvalidArgumentException, ParseException {
        Request req = st.getRequest();
        switch (throttle.check(source)) {
            case IGNORE -> {
                return Optional.empty();
            }
            case REFUSE -> {
                send(st, response(403, req));
                return Optional.empty();
            }
            case ALLOW -> {
            }
        }
        AuthorizationHeader auth = authorization(req, claimed, proxy);
        if (auth == null) {
            // The algorithms offered follow the user's hashes: the claimed user, else the From user as a hint.
            String hint = claimed != null ? claimed : fromUser(req);
            challenge(st, hint == null ? null : config.user(hint).orElse(null), false, proxy);
            return Optional.empty();
        }
        String name = claimed != null ? claimed : auth.getUsername();
        Optional<UserConfig> account = name == null ? Optional.empty() : config.user(name);
        if (account.isEmpty()) {
            failed(st, name, source, "unknown user", null, proxy);
            return Optional.empty();
        }
        Optional<Digest> algorithm = Digest.parse(auth.getAlgorithm());
        String ha1 = algorithm.flatMap(a -> a == Digest.MD5 ? Optional.of(account.get().ha1Md5())
                : account.get().ha1Sha256()).orElse(null);
        NonceFactory.Check nonce = nonces.check(auth.getNonce());
        if (ha1 == null || nonce == NonceFactory.Check.INVALID || !"auth".equalsIgnoreCase(auth.getQop())) {
            failed(st, name, source, "unusable credentials", account.get(), proxy);
            return Optional.empty();
        }
        String nc = String.format("%08x", auth.getNonceCount());
        String uri = auth.getURI() == null ? "" : auth.getURI().toString();
        String expected = algorithm.get().expectedResponse(ha1, auth.getNonce(), nc, auth.getCNonce(),
                req.getMethod(), uri);
        if (!expected.equalsIgnoreCase(auth.getResponse())) {
            failed(st, name, source, "wrong password", account.get(), proxy);
            return Optional.empty();
        }
        if (nonce == NonceFactory.Check.STALE) {
            challenge(st, account.get(), true, proxy); // right password, old nonce: ask again with a fresh one
            return Optional.empty();
        }
        throttle.succeeded(source);
        return account;
    }

    private void bind(ServerTransaction st, Request req, String user)
            throws SipException, InvalidArgumentException, ParseException {
        ExpiresHeader expiresHeader = req.getExpires();
        String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) req.getHeader(CSeqHeader.NAME)).getSeqNumber();
        List<ContactHeader> contacts = new ArrayList<>();
        ListIterator<?> it = req.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            contacts.add((ContactHeader) it.next());
        }
        boolean wildcard = contacts.stream().anyMatch(ContactHeader::isWildCard);
        if (wildcard) {
            // RFC 3261 §10.3 step 6: "*" only alone and with Expires: 0
            if (contacts.size() != 1 || expiresHeader == null || expiresHeader.getExpires() != 0) {
                send(st, response(400, req));
                return;
            }
            locations.removeAll(user);
        } else {
            for (ContactHeader c : contacts) {
                int asked = asked(c, expiresHeader);
                if (asked > 0 && asked < ConfigDefaults.REGISTRATION_MIN.toSeconds()) {
                    Response r = response(423, req); // Interval Too Brief
                    r.addHeader(headers.createMinExpiresHeader((int) ConfigDefaults.REGISTRATION_MIN.toSeconds()));
                    send(st, r);
                    return;
                }
            }
            for (ContactHeader c : contacts) {
                int asked = asked(c, expiresHeader);
                long granted = Math.min(asked, ConfigDefaults.REGISTRATION_MAX.toSeconds());
                locations.update(user, c.getAddress().getURI().toString(), Duration.ofSeconds(granted), callId, cseq);
            }
        }
        Response ok = response(200, req);
        List<LocationService.Binding> bound = locations.bindings(user);
        for (LocationService.Binding b : bound) {
            ContactHeader h = headers.createContactHeader(addresses.createAddress(b.contact()));
            long left = Math.max(0, Duration.between(clock.instant(), b.expires()).toSeconds());
            h.setExpires((int) Math.min(left, ConfigDefaults.REGISTRATION_MAX.toSeconds()));
            ok.addHeader(h);
        }
        send(st, ok);
        log.info("REGISTER {}: {} contact(s)", user, bound.size());
    }

    /** The lifetime a contact asks for: its own expires parameter, else the Expires header, else the default. */
    private static int asked(ContactHeader c, ExpiresHeader expiresHeader) {
        if (c.getExpires() >= 0) {
            return c.getExpires();
        }
        return expiresHeader != null ? expiresHeader.getExpires() : (int) ConfigDefaults.REGISTRATION_DEFAULT.toSeconds();
    }

    private void failed(ServerTransaction st, String name, String source, String why, UserConfig account, boolean proxy)
            throws SipException, InvalidArgumentException, ParseException {
        log.warn("{} {} from {}: authentication failed ({})", st.getRequest().getMethod(), name, source, why);
        if (throttle.failed(source)) {
            log.warn("SENTRAL-AUTH-001 {} failed authentication {} times within {} s: refused, then ignored for {} min",
                    source, ConfigDefaults.AUTH_FAILURES_ALLOWED, ConfigDefaults.AUTH_FAILURE_WINDOW.toSeconds(),
                    ConfigDefaults.AUTH_BLOCK_TIME.toMinutes());
            throttle.check(source); // the refusal is this response
            send(st, response(403, st.getRequest()));
            return;
        }
        challenge(st, account, false, proxy);
    }

    /**
     * 401 (or 407 for {@code proxy}) with a challenge per algorithm the user has a hash for, SHA-256 first
     * (RFC 8760 §2.4). For a user not known yet (or unknown) both are offered, so the answer does not tell
     * whether a name exists.
     */
    private void challenge(ServerTransaction st, UserConfig user, boolean stale, boolean proxy)
            throws SipException, InvalidArgumentException, ParseException {
        Response r = response(proxy ? 407 : 401, st.getRequest());
        String nonce = nonces.create();
        if (user == null || user.ha1Sha256().isPresent()) {
            r.addHeader(authenticateHeader(Digest.SHA_256, nonce, stale, proxy));
        }
        r.addHeader(authenticateHeader(Digest.MD5, nonce, stale, proxy));
        send(st, r);
    }

    private WWWAuthenticateHeader authenticateHeader(Digest algorithm, String nonce, boolean stale, boolean proxy)
            throws ParseException {
        WWWAuthenticateHeader h = proxy ? headers.createProxyAuthenticateHeader("Digest")
                : headers.createWWWAuthenticateHeader("Digest");
        h.setRealm(config.sip().realm());
        h.setNonce(nonce);
        h.setAlgorithm(algorithm.headerName());
        h.setQop("auth");
        if (stale) {
            h.setStale(true);
        }
        return h;
    }

    private static String fromUser(Request req) {
        javax.sip.header.FromHeader from = (javax.sip.header.FromHeader) req.getHeader(javax.sip.header.FromHeader.NAME);
        return from != null && from.getAddress().getURI() instanceof SipURI u ? u.getUser() : null;
    }

    /** The (Proxy-)Authorization header for our realm and this user (any user when null), if there is one. */
    private AuthorizationHeader authorization(Request req, String user, boolean proxy) {
        ListIterator<?> it = req.getHeaders(proxy ? javax.sip.header.ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME);
        while (it.hasNext()) {
            AuthorizationHeader h = (AuthorizationHeader) it.next();
            if (config.sip().realm().equals(h.getRealm()) && (user == null || user.equals(h.getUsername()))) {
                return h;
            }
        }
        return null;
    }

    private Response response(int status, Request req) throws ParseException {
        Response r = messages.createResponse(status, req);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(dev.sentral.sip.stack.Tags.newTag());
        }
        return r;
    }

    private static void send(ServerTransaction st, Response r) throws SipException, InvalidArgumentException {
        st.sendResponse(r);
    }
}
