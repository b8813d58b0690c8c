package dev.sentral.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a call goes when its plan cannot take it: the queue is full or off, nobody is active, or the offer
 * limit ran out.
 *
 * @param to     what happens
 * @param number for {@link Destination#NUMBER}: one of the numbers Sentral answers (another plan)
 */
public record OverflowConfig(Destination to, Optional<String> number) {
    public static final OverflowConfig DEFAULT = new OverflowConfig(Destination.MESSAGE, Optional.empty());
    /** Back to the call flow element that sent the call (its {@code otherwise}). */
    public static final OverflowConfig BACK_TO_FLOW = new OverflowConfig(Destination.FLOW, Optional.empty());

    public OverflowConfig {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(number, "number");
        if (to == Destination.NUMBER && number.isEmpty()) {
            throw new IllegalArgumentException("an overflow to a number needs the number");
        }
    }

    public enum Destination {
        /** "We cannot take your call, please try again later", then hang up. */
        MESSAGE("message"),
        /**
         * The plan's voicemail. Voicemail does not exist yet: until it does, the caller hears that no
         * message can be left and the call ends (a stub, marked so in the configuration reference).
         */
        VOICEMAIL("voicemail"),
        /** Another number Sentral answers, e.g. a backup plan. */
        NUMBER("number"),
        /**
         * Not something a plan's configuration names: a call that reached the plan from a call flow's
         * {@code queue} or {@code transfer} with an {@code otherwise} goes back to its flow at that element.
         */
        FLOW("flow");

        private final String configName;

        Destination(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** A destination a plan's {@code overflow.to} or a number's closed destination may name. */
        public static Optional<Destination> parse(String text) {
            for (Destination d : values()) {
                if (d != FLOW && d.configName.equals(text)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }
}
