package dev.sentral.sip.b2bua;

import dev.sentral.sip.call.CallOutcome;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the B2BUA, readable from any thread. */
public final class SipStats {
    final LongAdder callsStarted = new LongAdder();
    final AtomicInteger activeCalls = new AtomicInteger();
    final LongAdder unhandledEvents = new LongAdder();
    /** Tasks that threw on a call's thread (logged as SENTRAL-CALL-002): bugs, like unhandled events. */
    final LongAdder callTaskFailures = new LongAdder();
    final LongAdder infoDigits = new LongAdder();
    final LongAdder callerKeys = new LongAdder();
    final AtomicInteger peakActiveCalls = new AtomicInteger();
    final LongAdder rtpFromCallers = new LongAdder();
    final LongAdder rtpToMembers = new LongAdder();
    final LongAdder rtpFromMembers = new LongAdder();
    final LongAdder rtpToCallers = new LongAdder();
    private final Map<CallOutcome.Kind, LongAdder> outcomes = new EnumMap<>(CallOutcome.Kind.class);

    SipStats() {
        for (CallOutcome.Kind k : CallOutcome.Kind.values()) {
            outcomes.put(k, new LongAdder());
        }
    }

    void outcome(CallOutcome o) {
        outcomes.get(o.kind()).increment();
    }

    public long callsStarted() {
        return callsStarted.sum();
    }

    /** Calls that have not ended yet (ringing or connected). */
    public int activeCalls() {
        return activeCalls.get();
    }

    public long outcomes(CallOutcome.Kind kind) {
        return outcomes.get(kind).sum();
    }

    /** The most calls that were in progress at the same time. */
    public int peakActiveCalls() {
        return peakActiveCalls.get();
    }

    /** RTP packets of ended calls, per direction: what callers sent, what was relayed on to members, … */
    public long rtpFromCallers() {
        return rtpFromCallers.sum();
    }

    public long rtpToMembers() {
        return rtpToMembers.sum();
    }

    public long rtpFromMembers() {
        return rtpFromMembers.sum();
    }

    public long rtpToCallers() {
        return rtpToCallers.sum();
    }

    void callStarted() {
        callsStarted.increment();
        int now = activeCalls.incrementAndGet();
        peakActiveCalls.accumulateAndGet(now, Math::max);
    }

    /** Events a call's transition table had no entry for. Always 0 unless there is a bug. */
    public long unhandledEvents() {
        return unhandledEvents.sum();
    }

    /** Keys callers pressed during calls (RFC 4733, SIP INFO), each press counted once. */
    public long callerKeys() {
        return callerKeys.sum();
    }

    /** DTMF keys received as SIP INFO (application/dtmf-relay or application/dtmf). */
    public long infoDigits() {
        return infoDigits.sum();
    }

    /** Tasks that threw on a call's thread. Always 0 unless there is a bug. */
    public long callTaskFailures() {
        return callTaskFailures.sum();
    }
}
