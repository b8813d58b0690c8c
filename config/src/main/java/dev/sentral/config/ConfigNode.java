package dev.sentral.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A position in the YAML tree that knows its own path ({@code huntPlans[0].members[3]}), so every
 * problem found while reading it can be reported with that path. Problems are collected, never
 * thrown, so one run reports all of them.
 */
final class ConfigNode {
    private final String path;
    private final JsonNode json;
    private final List<String> problems;

    ConfigNode(String path, JsonNode json, List<String> problems) {
        this.path = path;
        this.json = json;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        problems.add(childPath(key) + ": " + message);
    }

    void problemHere(String message) {
        problems.add((path.isEmpty() ? "(top level)" : path) + ": " + message);
    }

    boolean has(String key) {
        JsonNode v = json.get(key);
        return v != null && !v.isNull();
    }

    /** Reports keys that are not in {@code known}: a typo must not silently fall back to a default. */
    void allowOnly(String... known) {
        Set<String> allowed = Set.of(known);
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problem(name, "unknown key; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    /** A nested mapping; an absent key gives an empty mapping so defaults apply. */
    ConfigNode object(String key) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return new ConfigNode(childPath(key), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), problems);
        }
        if (!v.isObject()) {
            problem(key, "must be a mapping of keys to values, found " + describe(v));
            return new ConfigNode(childPath(key), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), problems);
        }
        return new ConfigNode(childPath(key), v, problems);
    }

    /** The entries of a mapping in file order, each with path {@code key.name}; absent gives none. */
    java.util.LinkedHashMap<String, ConfigNode> entries(String key) {
        java.util.LinkedHashMap<String, ConfigNode> out = new java.util.LinkedHashMap<>();
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            problem(key, "must be a mapping of names to entries, found " + describe(v));
            return out;
        }
        var it = v.fields();
        while (it.hasNext()) {
            var e = it.next();
            out.put(e.getKey(), new ConfigNode(childPath(key) + "." + e.getKey(), e.getValue(), problems));
        }
        return out;
    }

    /** Elements of a list; each element's path is {@code key[i]}. */
    List<ConfigNode> list(String key, boolean required) {
        JsonNode v = json.get(key);
        List<ConfigNode> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            if (required) {
                problem(key, "is required (a list)");
            }
            return out;
        }
        if (!v.isArray()) {
            problem(key, "must be a list, found " + describe(v));
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = childPath(key) + "[" + i + "]";
            out.add(new ConfigNode(p, e, problems));
        }
        return out;
    }

    /** This node must itself be a mapping (e.g. an element of a list of members). */
    boolean requireObject() {
        if (!json.isObject()) {
            problemHere("must be a mapping of keys to values, found " + describe(json));
            return false;
        }
        return true;
    }

    String text(String key, String defaultValue) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isValueNode() || v.isBoolean()) {
            problem(key, "must be text, found " + describe(v));
            return defaultValue;
        }
        return v.asText().trim();
    }

    /** This node itself as text (a value in a mapping of names to values). */
    String textValue() {
        if (!json.isValueNode() || json.isBoolean() || json.isNull()) {
            problemHere("must be text, found " + describe(json));
            return "";
        }
        return json.asText().trim();
    }

    String requiredText(String key) {
        String s = text(key, null);
        if (s == null && !has(key)) {
            problem(key, "is required");
        } else if (s != null && s.isEmpty()) {
            problem(key, "must not be empty");
        }
        return s == null ? "" : s;
    }

    /** An integer within [min, max]; out-of-range values are reported as "N is outside min..max". */
    int integer(String key, int defaultValue, int min, int max) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isIntegralNumber()) {
            if (v.isTextual()) {
                try {
                    return checkRange(key, Integer.parseInt(v.asText().trim()), defaultValue, min, max);
                } catch (NumberFormatException e) {
                    // fall through to the message below
                }
            }
            problem(key, "must be a whole number between " + min + " and " + max + ", found " + describe(v));
            return defaultValue;
        }
        return checkRange(key, v.asLong(), defaultValue, min, max);
    }

    private int checkRange(String key, long value, int defaultValue, int min, int max) {
        if (value < min || value > max) {
            problem(key, value + " is outside " + min + ".." + max);
            return defaultValue;
        }
        return (int) value;
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            problem(key, "must be true or false, found " + describe(v));
            return defaultValue;
        }
        return v.asBoolean();
    }

    Duration seconds(String key, Duration defaultValue, int min, int max) {
        int s = integer(key, (int) defaultValue.toSeconds(), min, max);
        return Duration.ofSeconds(s);
    }

    List<String> textList(String key, List<String> defaultValue) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isArray()) {
            problem(key, "must be a list, found " + describe(v));
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isValueNode()) {
                problems.add(childPath(key) + "[" + i + "]: must be text, found " + describe(e));
            } else {
                out.add(e.asText().trim());
            }
        }
        return out;
    }

    static String describe(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        return v.toString();
    }
}
