package dev.sentral.routing.hours;

import dev.sentral.config.OpeningHoursConfig;
import dev.sentral.config.OpeningHoursConfig.Interval;
import dev.sentral.config.OpeningHoursConfig.SpecialDay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Open or closed at a given instant, and which of the four greeting slots applies. Pure: the caller passes
 * the instant (from the injected clock), so a test can ask about "Christmas Eve at 23:30". Intervals are in
 * the zone's wall-clock time, so daylight-saving changes move them with the clock on the wall: an hour
 * skipped in spring is never open, an hour repeated in autumn is open both times if its wall time is.
 */
public final class OpeningCalendar {
    /** The four greeting slots of PRODUCT.md §2. */
    public enum Slot { NORMAL_OPEN, NORMAL_CLOSED, SPECIAL_OPEN, SPECIAL_CLOSED }

    /** Whether the instant is open, and whether a special date's hours decided it. */
    public record Verdict(boolean open, boolean special) {
        public Slot slot() {
            if (special) {
                return open ? Slot.SPECIAL_OPEN : Slot.SPECIAL_CLOSED;
            }
            return open ? Slot.NORMAL_OPEN : Slot.NORMAL_CLOSED;
        }
    }

    private final OpeningHoursConfig hours;
    private final Map<LocalDate, SpecialDay> special = new HashMap<>();

    public OpeningCalendar(OpeningHoursConfig hours) {
        this.hours = Objects.requireNonNull(hours, "hours");
        for (SpecialDay d : hours.special()) {
            special.put(d.date(), d);
        }
    }

    public Verdict at(Instant instant) {
        ZonedDateTime local = instant.atZone(hours.timeZone());
        SpecialDay day = special.get(local.toLocalDate());
        if (day != null) {
            return new Verdict(anyContains(day.hours(), local), true);
        }
        return new Verdict(anyContains(hours.week().getOrDefault(local.getDayOfWeek(), List.of()), local), false);
    }

    private static boolean anyContains(List<Interval> intervals, ZonedDateTime local) {
        for (Interval i : intervals) {
            if (i.contains(local.toLocalTime())) {
                return true;
            }
        }
        return false;
    }
}
