package dev.sentral.config;

import java.util.Objects;

/**
 * A dialled number Sentral answers (usually the company's main number).
 *
 * @param number   the number as it appears in the Request-URI user part, separators removed
 * @param name     a label for logs and the console
 * @param huntPlan id of the hunt plan that takes the call (empty when {@code flow} is given)
 * @param greeting id of the greeting callers hear first (they are answered for it); absent: the caller hears
 *                 ringing and is answered only when a member answers
 * @param openingHours id of the opening hours that decide open/closed at call arrival; absent: always open
 * @param flow     the call-flow element a call starts at (instead of {@code huntPlan})
 */
public record NumberConfig(String number, String name, String huntPlan, java.util.Optional<String> greeting,
                           java.util.Optional<String> openingHours, java.util.Optional<String> flow) {
    public NumberConfig {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(huntPlan, "huntPlan");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(openingHours, "openingHours");
        Objects.requireNonNull(flow, "flow");
    }

    public NumberConfig(String number, String name, String huntPlan) {
        this(number, name, huntPlan, java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
    }

    /** Removes the visual separators people type in numbers ("+45 70 10-20 30" → "+4570102030"). */
    public static String normalize(String dialled) {
        StringBuilder sb = new StringBuilder(dialled.length());
        for (int i = 0; i < dialled.length(); i++) {
            char c = dialled.charAt(i);
            if (c != ' ' && c != '-' && c != '(' && c != ')') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
