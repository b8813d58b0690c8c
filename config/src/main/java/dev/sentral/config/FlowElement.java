package dev.sentral.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One named element of a call flow (PRODUCT.md §3). A number's {@code flow} names the element a call starts
 * at; each element names the elements that follow it, so the flow is a graph checked at load (no dangling
 * reference, nothing unreachable, no cycle that never waits for the caller).
 */
public sealed interface FlowElement {
    /** The element's name, unique in {@code flow}. */
    String id();

    /** The elements this one can lead to. */
    List<String> next();

    /** Whether the caller is answered and the call stays here until the caller acts or time passes. */
    default boolean waitsForCaller() {
        return false;
    }

    /**
     * Ask for a key choice: plays {@code prompt} (keys pressed during it stop it at once) and waits for a
     * choice. An unknown key or no key within {@code noInputTimeout} plays a short notice and asks again, up to
     * {@code retries} times, then the call goes to {@code otherwise}.
     *
     * @param keys              choice (one or more of 0–9, *, #) → element
     * @param interDigitTimeout for choices of several keys: how long to wait for the next key
     * @param language          language of the menu's system notices
     */
    record Menu(String id, String prompt, Map<String, String> keys, Duration noInputTimeout,
                Duration interDigitTimeout, int retries, String otherwise, String language) implements FlowElement {
        public Menu {
            Objects.requireNonNull(prompt, "prompt");
            keys = Map.copyOf(keys);
            Objects.requireNonNull(otherwise, "otherwise");
        }

        @Override
        public List<String> next() {
            java.util.List<String> out = new java.util.ArrayList<>(new java.util.TreeMap<>(keys).values());
            out.add(otherwise);
            return out.stream().distinct().toList();
        }

        @Override
        public boolean waitsForCaller() {
            return true;
        }
    }

    /**
     * Queue in a hunt plan (music, announcements, members). When the plan cannot take the call (full, nobody
     * active, offer limit reached), the call goes on at {@code otherwise} if given; else the plan's own
     * overflow applies.
     */
    record Queue(String id, String huntPlan, Optional<String> otherwise) implements FlowElement {
        @Override
        public List<String> next() {
            return otherwise.map(List::of).orElse(List.of());
        }
    }

    /** Play a sound (the caller cannot leave a message), then go to {@code next}, or hang up when absent. */
    record Play(String id, String sound, Optional<String> then, String language) implements FlowElement {
        @Override
        public List<String> next() {
            return then.map(List::of).orElse(List.of());
        }
    }

    /** Open → {@code open}, closed (or a special closed day) → {@code closed}, by the opening hours named. */
    record CheckHours(String id, String openingHours, String open, String closed) implements FlowElement {
        @Override
        public List<String> next() {
            return List.of(open, closed);
        }
    }

    /** Go on at another element (e.g. another menu). */
    record Link(String id, String to) implements FlowElement {
        @Override
        public List<String> next() {
            return List.of(to);
        }
    }

    /**
     * Ring one destination (a phone, a registered user's phones, or an outside number through a trunk). It is
     * carried out as the one-member hunt plan {@code huntPlan} the loader derives from it, so the member's
     * busy/free state is shared with every plan. Not answered (busy, declined, no answer in the ring time):
     * the call goes on at {@code otherwise} if given, else the caller hears the standard message.
     */
    record Transfer(String id, String huntPlan, MemberConfig to, String language, Optional<String> otherwise)
            implements FlowElement {
        @Override
        public List<String> next() {
            return otherwise.map(List::of).orElse(List.of());
        }
    }

    /** Voicemail — a stub until voicemail exists: the caller hears that no message can be left, then hang-up. */
    record Voicemail(String id, String language) implements FlowElement {
        @Override
        public List<String> next() {
            return List.of();
        }
    }

    /** Callers whose number is listed go to {@code vip} (and to the front of any queue), others to {@code other}. */
    record Vip(String id, Set<String> numbers, String vip, String other) implements FlowElement {
        public Vip {
            numbers = Set.copyOf(numbers);
        }

        @Override
        public List<String> next() {
            return List.of(vip, other);
        }
    }
}
