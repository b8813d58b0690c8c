package dev.sentral.routing.hunt;

import dev.sentral.config.OverflowConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records the engine's decisions, and which offers are out, for assertions. */
final class RecordingHuntListener implements HuntListener {
    record Made(long callId, Offer offer) {
    }

    final List<Made> offers = new ArrayList<>();
    final List<Long> withdrawn = new ArrayList<>();
    final Map<Long, Integer> queued = new LinkedHashMap<>();
    final Map<Long, java.util.Optional<java.time.Duration>> estimates = new HashMap<>();
    final Map<Long, OverflowConfig.Destination> overflowed = new HashMap<>();
    final Map<Long, List<RoutingOutcome>> outcomes = new HashMap<>();
    /** Offers sent and not yet withdrawn by the engine (the call may still be reporting them). */
    final Map<Long, Made> ringing = new LinkedHashMap<>();

    @Override
    public void offer(long callId, Offer offer) {
        Made m = new Made(callId, offer);
        offers.add(m);
        ringing.put(offer.offerId(), m);
    }

    @Override
    public void withdraw(long callId, long offerId) {
        withdrawn.add(offerId);
        ringing.remove(offerId);
    }

    @Override
    public void queued(long callId, int position, java.util.Optional<java.time.Duration> estimatedWait) {
        queued.put(callId, position);
        estimates.put(callId, estimatedWait);
    }

    @Override
    public void overflow(long callId, OverflowConfig.Destination destination) {
        overflowed.put(callId, destination);
    }

    @Override
    public void finished(long callId, RoutingOutcome outcome) {
        outcomes.computeIfAbsent(callId, k -> new ArrayList<>()).add(outcome);
    }

    /** Names of members ringing for a call now. */
    List<String> ringingFor(long callId) {
        return ringing.values().stream().filter(m -> m.callId == callId).map(m -> m.offer.member().name()).toList();
    }

    /** The offer ringing {@code member} for {@code callId}. */
    long offerId(long callId, String member) {
        return ringing.values().stream().filter(m -> m.callId == callId && m.offer.member().name().equals(member))
                .findFirst().orElseThrow(() -> new AssertionError(member + " is not ringing for call " + callId
                        + "; ringing: " + ringingFor(callId))).offer.offerId();
    }

    /** Every member offered a call so far, in order. */
    List<String> offeredTo(long callId) {
        return offers.stream().filter(m -> m.callId == callId).map(m -> m.offer.member().name()).toList();
    }
}
