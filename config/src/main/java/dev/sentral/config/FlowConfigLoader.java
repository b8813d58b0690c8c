package dev.sentral.config;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** Reads and checks the {@code flow:} section: named call-flow elements forming a graph. */
final class FlowConfigLoader {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern KEYS = Pattern.compile("[0-9*#]{1,8}");
    private static final Pattern NUMBER = Pattern.compile("[+]?[0-9A-Za-z*#._~]+");
    static final List<String> TYPES = List.of("menu", "queue", "play", "check-hours", "link", "transfer", "voicemail", "vip");
    /** Hunt plans derived from transfer elements are named with this prefix (a '.' no configured id can hold). */
    static final String TRANSFER_PLAN_PREFIX = "flow.";

    private FlowConfigLoader() {
    }

    static Optional<FlowElement> element(String id, ConfigNode n, BiFunction<ConfigNode, String, Optional<MemberConfig>> member) {
        if (!ID.matcher(id).matches()) {
            n.problemHere("'" + id + "' is not a usable element name; use letters, digits, '-' or '_'");
        }
        if (!n.requireObject()) {
            return Optional.empty();
        }
        String type = n.requiredText("type");
        switch (type) {
            case "menu" -> {
                n.allowOnly("type", "prompt", "keys", "noInputTimeoutSeconds", "interDigitTimeoutSeconds", "retries",
                        "otherwise", "language");
                Map<String, String> keys = new LinkedHashMap<>();
                for (var e : n.entries("keys").entrySet()) {
                    if (!KEYS.matcher(e.getKey()).matches()) {
                        e.getValue().problemHere("'" + e.getKey() + "' is not a key choice; use 0–9, * and # (up to 8 of them)");
                    }
                    keys.put(e.getKey(), e.getValue().textValue());
                }
                if (keys.isEmpty()) {
                    n.problem("keys", "is required: the choices, e.g. {'1': sales, '2': support}");
                }
                Duration noInput = n.seconds("noInputTimeoutSeconds", ConfigDefaults.MENU_NO_INPUT_TIMEOUT, 1, 60);
                Duration interDigit = n.seconds("interDigitTimeoutSeconds", ConfigDefaults.MENU_INTER_DIGIT_TIMEOUT, 1, 20);
                int retries = n.integer("retries", ConfigDefaults.MENU_RETRIES, 0, 9);
                return Optional.of(new FlowElement.Menu(id, n.requiredText("prompt"), keys, noInput, interDigit, retries,
                        n.requiredText("otherwise"), language(n)));
            }
            case "queue" -> {
                n.allowOnly("type", "huntPlan", "otherwise");
                return Optional.of(new FlowElement.Queue(id, n.requiredText("huntPlan"), optionalText(n, "otherwise")));
            }
            case "play" -> {
                n.allowOnly("type", "sound", "next", "language");
                Optional<String> next = optionalText(n, "next");
                return Optional.of(new FlowElement.Play(id, n.requiredText("sound"), next, language(n)));
            }
            case "check-hours" -> {
                n.allowOnly("type", "openingHours", "open", "closed");
                return Optional.of(new FlowElement.CheckHours(id, n.requiredText("openingHours"), n.requiredText("open"),
                        n.requiredText("closed")));
            }
            case "link" -> {
                n.allowOnly("type", "to");
                return Optional.of(new FlowElement.Link(id, n.requiredText("to")));
            }
            case "transfer" -> {
                n.allowOnly("type", "to", "language", "otherwise");
                if (!n.has("to")) {
                    n.problem("to", "is required: {number: '+4512345678'} (through the trunk), {user: alice} or {uri: sip:...}");
                    return Optional.empty();
                }
                String language = language(n);
                Optional<String> otherwise = optionalText(n, "otherwise");
                return member.apply(n.object("to"), id).map(m -> new FlowElement.Transfer(id, TRANSFER_PLAN_PREFIX + id,
                        new MemberConfig(m.name(), m.uri(), m.ringTimeout(), 0, true, m.maxCalls(), m.user()), language,
                        otherwise));
            }
            case "voicemail" -> {
                n.allowOnly("type", "language");
                return Optional.of(new FlowElement.Voicemail(id, language(n)));
            }
            case "vip" -> {
                n.allowOnly("type", "numbers", "vip", "other");
                Set<String> numbers = new HashSet<>();
                for (String raw : n.textList("numbers", List.of())) {
                    String normalized = NumberConfig.normalize(raw);
                    if (!NUMBER.matcher(normalized).matches()) {
                        n.problem("numbers", "'" + raw + "' is not a caller number; use digits with an optional leading +");
                    }
                    numbers.add(normalized);
                }
                if (numbers.isEmpty()) {
                    n.problem("numbers", "list the VIP caller numbers");
                }
                return Optional.of(new FlowElement.Vip(id, numbers, n.requiredText("vip"), n.requiredText("other")));
            }
            default -> {
                if (!type.isEmpty()) {
                    n.problem("type", "'" + type + "' is not an element type; use one of " + String.join(", ", TYPES));
                }
                return Optional.empty();
            }
        }
    }

    private static Optional<String> optionalText(ConfigNode n, String key) {
        return n.has(key) ? Optional.of(n.requiredText(key)) : Optional.empty();
    }

    private static String language(ConfigNode n) {
        String language = n.text("language", ConfigDefaults.LANGUAGE);
        if (!ConfigDefaults.LANGUAGES.contains(language)) {
            n.problem("language", "'" + language + "' has no system prompts; use one of " + ConfigDefaults.LANGUAGES);
        }
        return language;
    }

    /**
     * The one-member plan that carries out a transfer: it rings once for the member's ring time; a caller the
     * member does not take (busy, no answer) goes on at the transfer's {@code otherwise}, or hears the standard
     * message.
     */
    static HuntPlanConfig transferPlan(FlowElement.Transfer t) {
        return HuntPlanConfig.ringOnce(t.huntPlan(), "Transfer " + t.id(), t.to(),
                t.to().ringTimeout().orElse(ConfigDefaults.RING_TIMEOUT), t.language());
    }

    static void validate(SentralConfig config, List<String> problems) {
        Map<String, FlowElement> flow = config.flow();
        for (FlowElement e : flow.values()) {
            String at = "flow." + e.id();
            if (e instanceof FlowElement.Menu m) {
                sound(config, at + ".prompt", m.prompt(), problems);
                m.keys().forEach((k, to) -> ref(flow, at + ".keys." + k, to, problems));
                ref(flow, at + ".otherwise", m.otherwise(), problems);
            } else if (e instanceof FlowElement.Queue q) {
                if (!q.huntPlan().isEmpty() && config.huntPlan(q.huntPlan()).isEmpty()) {
                    problems.add(at + ".huntPlan: no hunt plan has id '" + q.huntPlan() + "'");
                }
                q.otherwise().ifPresent(to -> ref(flow, at + ".otherwise", to, problems));
            } else if (e instanceof FlowElement.Transfer t) {
                t.otherwise().ifPresent(to -> ref(flow, at + ".otherwise", to, problems));
            } else if (e instanceof FlowElement.Play p) {
                sound(config, at + ".sound", p.sound(), problems);
                p.then().ifPresent(to -> ref(flow, at + ".next", to, problems));
            } else if (e instanceof FlowElement.CheckHours c) {
                if (!c.openingHours().isEmpty() && config.openingHours(c.openingHours()).isEmpty()) {
                    problems.add(at + ".openingHours: no opening hours '" + c.openingHours() + "'; list them under openingHours");
                }
                ref(flow, at + ".open", c.open(), problems);
                ref(flow, at + ".closed", c.closed(), problems);
            } else if (e instanceof FlowElement.Link l) {
                ref(flow, at + ".to", l.to(), problems);
            } else if (e instanceof FlowElement.Vip v) {
                ref(flow, at + ".vip", v.vip(), problems);
                ref(flow, at + ".other", v.other(), problems);
            }
        }
        // Reachable from some number's entry point?
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        config.numbers().forEach(n -> n.flow().ifPresent(todo::add));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            FlowElement e = flow.get(id);
            if (e != null && reached.add(id)) {
                todo.addAll(e.next());
            }
        }
        for (String id : flow.keySet()) {
            if (!reached.contains(id)) {
                problems.add("flow." + id + ": no number's flow reaches this element; link to it or remove it");
            }
        }
        // Loops must pass a menu: anything else would spin (or play) forever without asking the caller.
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (String id : flow.keySet()) {
            List<String> path = new ArrayList<>();
            cycle(flow, id, state, path, problems);
        }
    }

    private static void cycle(Map<String, FlowElement> flow, String id, Map<String, Integer> state, List<String> path,
                              List<String> problems) {
        FlowElement e = flow.get(id);
        if (e == null || e.waitsForCaller()) {
            return;
        }
        Integer s = state.get(id);
        if (s != null) {
            if (s == 1) {
                List<String> loop = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
                loop.add(id);
                problems.add("flow." + id + ": the elements " + String.join(" → ", loop) + " loop without a menu, so a "
                        + "call would go round forever without asking the caller; put a menu in the loop or end it");
            }
            return;
        }
        state.put(id, 1);
        path.add(id);
        for (String next : e.next()) {
            cycle(flow, next, state, path, problems);
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
    }

    private static void ref(Map<String, FlowElement> flow, String at, String to, List<String> problems) {
        if (to != null && !to.isEmpty() && !flow.containsKey(to)) {
            problems.add(at + ": no element '" + to + "'; known: " + String.join(", ", new java.util.TreeSet<>(flow.keySet())));
        }
    }

    private static void sound(SentralConfig config, String at, String id, List<String> problems) {
        if (!id.isEmpty() && !config.sounds().hasPrompt(id)) {
            problems.add(at + ": no sound '" + id + "'; add it under sounds.prompts (id, file), or use a greeting");
        }
    }
}
