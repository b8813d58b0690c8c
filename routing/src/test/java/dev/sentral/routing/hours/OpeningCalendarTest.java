package dev.sentral.routing.hours;

import dev.sentral.config.OpeningHoursConfig;
import dev.sentral.config.OpeningHoursConfig.Interval;
import dev.sentral.config.OpeningHoursConfig.SpecialDay;
import dev.sentral.routing.hours.OpeningCalendar.Slot;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpeningCalendarTest {
    private static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");

    private static Interval hours(String from, String to) {
        return new Interval(LocalTime.parse(from), to.equals("24:00") ? null : LocalTime.parse(to));
    }

    private static final OpeningCalendar OFFICE;

    static {
        Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
            week.put(d, List.of(hours("08:00", "12:00"), hours("12:30", "16:00")));
        }
        week.put(DayOfWeek.FRIDAY, List.of(hours("08:00", "15:00")));
        week.put(DayOfWeek.SUNDAY, List.of(hours("01:00", "04:00"))); // a night line, to meet the DST changes
        OFFICE = new OpeningCalendar(new OpeningHoursConfig(CPH, week, List.of(
                new SpecialDay(LocalDate.parse("2026-12-24"), List.of()),                       // Christmas Eve: closed
                new SpecialDay(LocalDate.parse("2026-12-31"), List.of(hours("09:00", "12:00"))), // New Year's Eve
                new SpecialDay(LocalDate.parse("2026-12-27"), List.of(hours("20:00", "24:00"))))));
    }

    private static Slot at(String localDateTime) {
        return OFFICE.at(ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), CPH).toInstant()).slot();
    }

    @Test
    void theStandardWeekWithALunchBreak() {
        assertThat(at("2026-11-25T07:59:59")).isEqualTo(Slot.NORMAL_CLOSED); // Wednesday
        assertThat(at("2026-11-25T08:00:00")).isEqualTo(Slot.NORMAL_OPEN);
        assertThat(at("2026-11-25T12:15:00")).isEqualTo(Slot.NORMAL_CLOSED);
        assertThat(at("2026-11-25T15:59:59")).isEqualTo(Slot.NORMAL_OPEN);
        assertThat(at("2026-11-25T16:00:00")).isEqualTo(Slot.NORMAL_CLOSED);
        assertThat(at("2026-11-27T14:00:00")).isEqualTo(Slot.NORMAL_OPEN);   // Friday
        assertThat(at("2026-11-28T10:00:00")).isEqualTo(Slot.NORMAL_CLOSED); // Saturday: not listed
    }

    @Test
    void specialDatesOverrideTheWeek() {
        assertThat(at("2026-12-24T23:30:00")).as("Christmas Eve, a Thursday").isEqualTo(Slot.SPECIAL_CLOSED);
        assertThat(at("2026-12-24T10:00:00")).isEqualTo(Slot.SPECIAL_CLOSED);
        assertThat(at("2026-12-31T10:00:00")).isEqualTo(Slot.SPECIAL_OPEN);
        assertThat(at("2026-12-31T13:00:00")).as("a Thursday, but special hours end at noon").isEqualTo(Slot.SPECIAL_CLOSED);
        assertThat(at("2026-12-27T23:59:59")).as("open until midnight").isEqualTo(Slot.SPECIAL_OPEN);
    }

    @Test
    void daylightSavingMovesWithTheWallClock() {
        // 2026-03-29: Copenhagen skips 02:00-03:00. The night line 01:00-04:00 is open on both sides of the gap.
        Instant beforeGap = ZonedDateTime.of(2026, 3, 29, 1, 59, 0, 0, CPH).toInstant();
        assertThat(OFFICE.at(beforeGap).open()).isTrue();
        assertThat(OFFICE.at(beforeGap.plusSeconds(60)).open()).as("02:00 does not exist: it is 03:00").isTrue();
        assertThat(OFFICE.at(ZonedDateTime.of(2026, 3, 29, 4, 0, 0, 0, CPH).toInstant()).open()).isFalse();
        // 01:00-04:00 local that day lasts two hours of real time
        Instant opens = ZonedDateTime.of(2026, 3, 29, 1, 0, 0, 0, CPH).toInstant();
        Instant closes = ZonedDateTime.of(2026, 3, 29, 4, 0, 0, 0, CPH).toInstant();
        assertThat(java.time.Duration.between(opens, closes).toHours()).isEqualTo(2);

        // 2026-10-25: 02:00-03:00 happens twice; the night line is open for four hours of real time.
        Instant autumnOpens = ZonedDateTime.of(2026, 10, 25, 1, 0, 0, 0, CPH).toInstant();
        Instant autumnCloses = ZonedDateTime.of(2026, 10, 25, 4, 0, 0, 0, CPH).toInstant();
        assertThat(java.time.Duration.between(autumnOpens, autumnCloses).toHours()).isEqualTo(4);
        for (long m = 0; m < 240; m += 10) {
            assertThat(OFFICE.at(autumnOpens.plusSeconds(m * 60)).open()).as("minute %d", m).isTrue();
        }
        assertThat(OFFICE.at(autumnCloses).open()).isFalse();
    }
}
