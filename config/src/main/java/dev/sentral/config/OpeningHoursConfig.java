package dev.sentral.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When a number or plan is open: a standard week and special dates, in one time zone (PRODUCT.md §2).
 *
 * @param id         referenced by numbers
 * @param timeZone   wall-clock zone the intervals are in (default Europe/Copenhagen); DST is the zone's
 * @param week       open intervals per weekday; a day that is absent is closed
 * @param special    dates that differ from the week: closed all day (no intervals) or special hours
 * @param greetings  greeting ids for the four slots (normal/special × open/closed); an open slot without one
 *                   falls back to the number's greeting, a closed slot without one plays none
 * @param whenClosed where closed calls go after the closed greeting
 */
public record OpeningHoursConfig(String id, ZoneId timeZone, Map<DayOfWeek, List<Interval>> week,
                                 List<SpecialDay> special, Greetings greetings, OverflowConfig whenClosed) {
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Copenhagen");

    /** Hours only (always the standard message when closed), for the calendar and tests. */
    public OpeningHoursConfig(ZoneId timeZone, Map<DayOfWeek, List<Interval>> week, List<SpecialDay> special) {
        this("hours", timeZone, week, special, Greetings.NONE, OverflowConfig.DEFAULT);
    }

    /** The greeting per slot, each optional. */
    public record Greetings(java.util.Optional<String> normalOpen, java.util.Optional<String> normalClosed,
                            java.util.Optional<String> specialOpen, java.util.Optional<String> specialClosed) {
        public static final Greetings NONE = new Greetings(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());

        public java.util.Optional<String> forSlot(boolean open, boolean special) {
            if (special) {
                return open ? specialOpen : specialClosed;
            }
            return open ? normalOpen : normalClosed;
        }

        public java.util.stream.Stream<String> all() {
            return java.util.stream.Stream.of(normalOpen, normalClosed, specialOpen, specialClosed)
                    .flatMap(java.util.Optional::stream);
        }
    }

    public OpeningHoursConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(greetings, "greetings");
        Objects.requireNonNull(whenClosed, "whenClosed");
        Objects.requireNonNull(timeZone, "timeZone");
        EnumMap<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
        week.forEach((d, l) -> copy.put(d, List.copyOf(l)));
        week = java.util.Collections.unmodifiableMap(copy);
        special = List.copyOf(special);
    }

    /**
     * An open interval on one day, {@code from} inclusive, {@code to} exclusive; {@code to} = null means
     * until midnight (written 24:00).
     */
    public record Interval(LocalTime from, LocalTime to) {
        public Interval {
            Objects.requireNonNull(from, "from");
            if (to != null && !to.isAfter(from)) {
                throw new IllegalArgumentException("interval ends before it starts: " + from + "-" + to);
            }
        }

        public boolean contains(LocalTime t) {
            return !t.isBefore(from) && (to == null || t.isBefore(to));
        }
    }

    /** A date with its own hours; no intervals means closed all day. */
    public record SpecialDay(LocalDate date, List<Interval> hours) {
        public SpecialDay {
            Objects.requireNonNull(date, "date");
            hours = List.copyOf(hours);
        }
    }
}
