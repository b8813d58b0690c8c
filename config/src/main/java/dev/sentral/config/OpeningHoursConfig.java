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
 * @param timeZone wall-clock zone the intervals are in (default Europe/Copenhagen); DST is the zone's
 * @param week     open intervals per weekday; a day that is absent is closed
 * @param special  dates that differ from the week: closed all day (no intervals) or special hours
 */
public record OpeningHoursConfig(ZoneId timeZone, Map<DayOfWeek, List<Interval>> week, List<SpecialDay> special) {
    public OpeningHoursConfig {
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
