package dev.sentral.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: a source address that fails authentication more than {@code allowed} times
 * within {@code window} is refused once with 403 and then ignored (no response at all) for {@code block}.
 */
public final class AuthThrottle {
    public enum Verdict { ALLOW, REFUSE, IGNORE }

    private final Clock clock;
    private final int allowed;
    private final Duration window;
    private final Duration block;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    private static final class Source {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant blockedUntil;
        boolean refusalSent;
    }

    public AuthThrottle(Clock clock, int allowed, Duration window, Duration block) {
        this.clock = clock;
        this.allowed = allowed;
        this.window = window;
        this.block = block;
    }

    /** Whether {@code address} is blocked now (a query: unlike {@link #check}, it uses up no refusal). */
    public boolean blocked(String address) {
        Source s = sources.get(address);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return s.blockedUntil != null && clock.instant().isBefore(s.blockedUntil);
        }
    }

    /** What to do with a request from {@code address} before looking at its credentials. */
    public Verdict check(String address) {
        Source s = sources.get(address);
        if (s == null) {
            return Verdict.ALLOW;
        }
        synchronized (s) {
            Instant now = clock.instant();
            if (s.blockedUntil != null && now.isBefore(s.blockedUntil)) {
                if (!s.refusalSent) {
                    s.refusalSent = true;
                    return Verdict.REFUSE;
                }
                return Verdict.IGNORE;
            }
            if (s.blockedUntil != null) {
                sources.remove(address, s); // block over: a clean slate
            }
            return Verdict.ALLOW;
        }
    }

    /** A request from {@code address} carried wrong credentials. Returns true when that blocked the source. */
    public boolean failed(String address) {
        Source s = sources.computeIfAbsent(address, a -> new Source());
        synchronized (s) {
            Instant now = clock.instant();
            s.failures.addLast(now);
            while (!s.failures.isEmpty() && s.failures.peekFirst().isBefore(now.minus(window))) {
                s.failures.removeFirst();
            }
            if (s.failures.size() >= allowed && s.blockedUntil == null) {
                s.blockedUntil = now.plus(block);
                return true;
            }
            return false;
        }
    }

    /** A source that authenticated correctly starts afresh. */
    public void succeeded(String address) {
        Source s = sources.get(address);
        if (s != null) {
            synchronized (s) {
                if (s.blockedUntil == null) {
                    sources.remove(address, s);
                }
            }
        }
    }
}
