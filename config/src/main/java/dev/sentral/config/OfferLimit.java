package dev.sentral.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a hunt plan keeps offering a call before it goes to the overflow destination. Unlimited by
 * default: the call is offered for as long as the caller waits.
 *
 * @param rounds  after this many rounds through the strategy, when present
 * @param maxTime after this long since the call reached the plan, when present
 */
public record OfferLimit(Optional<Integer> rounds, Optional<Duration> maxTime) {
    public static final OfferLimit UNLIMITED = new OfferLimit(Optional.empty(), Optional.empty());

    public OfferLimit {
        Objects.requireNonNull(rounds, "rounds");
        Objects.requireNonNull(maxTime, "maxTime");
    }

    public static OfferLimit rounds(int n) {
        return new OfferLimit(Optional.of(n), Optional.empty());
    }

    public static OfferLimit time(Duration d) {
        return new OfferLimit(Optional.empty(), Optional.of(d));
    }
}
