package dev.sentral.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each user's phones are: their registered contacts with expiry (RFC 3261 §10.3). Thread-safe: the
 * registrar writes from SIP threads, calls read from their own threads. Expired bindings are dropped when
 * read.
 */
public final class LocationService {
    /** One registered contact. */
    public record Binding(String contact, Instant expires, String callId, long cseq) {
    }

    /** Hears every change made by REGISTER (not by {@link #restore}), e.g. to keep them in the store. */
    public interface Listener {
        void bound(String user, Binding binding);

        void unbound(String user, String contact);

        void unboundAll(String user);
    }

    private final Clock clock;
    private final Map<String, Map<String, Binding>> byUser = new ConcurrentHashMap<>();
    private final java.util.List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** Puts back a binding kept from before a restart (ignored when already expired). */
    public void restore(String user, Binding b) {
        if (!b.expires().isAfter(clock.instant())) {
            return;
        }
        Map<String, Binding> m = byUser.computeIfAbsent(user, k -> new LinkedHashMap<>());
        synchronized (m) {
            m.putIfAbsent(b.contact(), b);
        }
    }

    public LocationService(Clock clock) {
        this.clock = clock;
    }

    /** The user's live contacts, oldest registration first. */
    public List<Binding> bindings(String user) {
        Map<String, Binding> m = byUser.get(user);
        if (m == null) {
            return List.of();
        }
        synchronized (m) {
            Instant now = clock.instant();
            m.values().removeIf(b -> !b.expires().isAfter(now));
            return List.copyOf(m.values());
        }
    }

    public List<String> contacts(String user) {
        List<String> out = new ArrayList<>();
        for (Binding b : bindings(user)) {
            out.add(b.contact());
        }
        return out;
    }

    /**
     * Adds, refreshes ({@code expires} > 0) or removes ({@code expires} = 0) one contact. A request older than
     * the binding it would change (same Call-ID, lower or equal CSeq) is ignored, as RFC 3261 §10.3 step 7 says.
     */
    public void update(String user, String contact, Duration expires, String callId, long cseq) {
        Map<String, Binding> m = byUser.computeIfAbsent(user, k -> new LinkedHashMap<>());
        Binding bound = null;
        boolean unbound = false;
        synchronized (m) {
            Binding old = m.get(contact);
            if (old != null && old.callId().equals(callId) && cseq <= old.cseq()) {
                return;
            }
            if (expires.isZero()) {
                unbound = m.remove(contact) != null;
            } else {
                bound = new Binding(contact, clock.instant().plus(expires), callId, cseq);
                m.put(contact, bound);
            }
        }
        // listeners are told outside the lock: they may take their time
        for (Listener l : listeners) {
            if (bound != null) {
                l.bound(user, bound);
            } else if (unbound) {
                l.unbound(user, contact);
            }
        }
    }

    /** {@code Contact: *} with {@code Expires: 0}: every binding of the user goes. */
    public void removeAll(String user) {
        Map<String, Binding> m = byUser.get(user);
        if (m != null) {
            synchronized (m) {
                m.clear();
            }
        }
        listeners.forEach(l -> l.unboundAll(user));
    }

    public int registeredContacts() {
        int n = 0;
        for (String user : byUser.keySet()) {
            n += bindings(user).size();
        }
        return n;
    }
}
