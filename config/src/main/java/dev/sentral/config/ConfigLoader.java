package dev.sentral.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration into {@link SentralConfig} and validates it. Every problem is
 * collected and reported together as {@code path.to.field: what is wrong and what is allowed}.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NUMBER = Pattern.compile("[+]?[0-9A-Za-z*#._~]+");
    private static final Pattern IP = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern SIP_URI = Pattern.compile("sips?:([^@\\s]+@)?[A-Za-z0-9.\\-\\[\\]:]+(;[^\\s]*)?");

    private ConfigLoader() {
    }

    public static SentralConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found; pass an existing file with --config"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot be read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    public static SentralConfig parse(String yaml, String source) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            throw new ConfigException(source, List.of("not valid YAML" + where + ": " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source, List.of("the file is empty; see config/example.yaml for a starting point"));
        }
        List<String> problems = new ArrayList<>();
        ConfigNode top = new ConfigNode("", root, problems);
        if (!top.requireObject()) {
            throw new ConfigException(source, problems);
        }
        Path base = Path.of(source).toAbsolutePath().getParent();
        SentralConfig config = bind(top, base == null ? Path.of("").toAbsolutePath() : base);
        validateReferences(config, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return config;
    }

    private static SentralConfig bind(ConfigNode top, Path base) {
        top.allowOnly("sip", "media", "http", "shutdown", "numbers", "huntPlans", "trunks", "users", "sounds",
                "openingHours", "store", "featureCodes", "flow");
        SipSettings sip = sip(top.object("sip"));
        MediaSettings media = media(top.object("media"));
        HttpSettings http = http(top.object("http"));
        ShutdownSettings shutdown = shutdown(top.object("shutdown"));
        List<NumberConfig> numbers = new ArrayList<>();
        List<ConfigNode> numberNodes = top.list("numbers", true);
        if (numberNodes.isEmpty() && top.has("numbers")) {
            top.problem("numbers", "must list at least one number Sentral answers");
        }
        for (ConfigNode n : numberNodes) {
            number(n).ifPresent(numbers::add);
        }
        List<TrunkConfig> trunks = uniqueList(top, "trunks", ConfigLoader::trunk, TrunkConfig::id, "id", "trunk");
        List<UserConfig> users = uniqueList(top, "users", ConfigLoader::user, UserConfig::name, "name", "user");
        Members known = new Members(trunks, users, sip.advertisedAddress());
        List<HuntPlanConfig> plans = new ArrayList<>();
        for (ConfigNode p : top.list("huntPlans", true)) {
            huntPlan(p, known).ifPresent(plans::add);
        }
        SoundsConfig sounds = sounds(top.object("sounds"), base);
        List<OpeningHoursConfig> hours = uniqueList(top, "openingHours", ConfigLoader::openingHours,
                OpeningHoursConfig::id, "id", "opening hours");
        addOutsidePlans(numbers, trunks, plans, hours);
        StoreSettings store = store(top.object("store"));
        FeatureCodes codes = featureCodes(top.object("featureCodes"));
        java.util.Map<String, FlowElement> flow = new java.util.LinkedHashMap<>();
        for (var e : top.entries("flow").entrySet()) {
            FlowConfigLoader.element(e.getKey(), e.getValue(), (n, id) -> member(n, known)).ifPresent(el -> {
                flow.put(el.id(), el);
                if (el instanceof FlowElement.Transfer t) {
                    plans.add(FlowConfigLoader.transferPlan(t));
                }
            });
        }
        return new SentralConfig(sip, media, http, shutdown, numbers, plans, trunks, users, sounds, hours, store, codes,
                flow);
    }

    /**
     * Overflow (or the closed destination) to a number Sentral does not answer goes out through the first trunk:
     * each such number gets a one-member plan {@code outside.<number>} that rings it for the longest ring time,
     * then plays the standard message.
     */
    private static void addOutsidePlans(List<NumberConfig> numbers, List<TrunkConfig> trunks, List<HuntPlanConfig> plans,
                                        List<OpeningHoursConfig> hours) {
        if (trunks.isEmpty()) {
            return; // validation names the problem
        }
        Set<String> own = new HashSet<>();
        numbers.forEach(n -> own.add(n.number()));
        java.util.Map<String, String> outside = new java.util.LinkedHashMap<>(); // number → language
        for (HuntPlanConfig p : plans) {
            p.overflow().number().filter(n -> !own.contains(n)).ifPresent(n -> outside.putIfAbsent(n, p.language()));
        }
        for (OpeningHoursConfig h : hours) {
            h.whenClosed().number().filter(n -> !own.contains(n)).ifPresent(n -> outside.putIfAbsent(n, ConfigDefaults.LANGUAGE));
        }
        java.util.Map<String, Integer> capacity = new java.util.HashMap<>();
        plans.forEach(p -> p.members().forEach(m -> capacity.putIfAbsent(m.key(), m.maxCalls())));
        outside.forEach((number, language) -> {
            String uri = trunks.get(0).uriFor(number);
            int calls = capacity.getOrDefault(uri.toLowerCase(java.util.Locale.ROOT), ConfigDefaults.OUTSIDE_NUMBER_CALLS);
            Duration ring = Duration.ofSeconds(ConfigDefaults.RING_TIMEOUT_MAX_SECONDS);
            MemberConfig member = new MemberConfig(number, uri, Optional.of(ring), 0, true, calls, Optional.empty());
            plans.add(HuntPlanConfig.ringOnce(HuntPlanConfig.OUTSIDE_PREFIX + number, "Outside " + number, member, ring,
                    language));
        });
    }

    private static StoreSettings store(ConfigNode n) {
        n.allowOnly("url", "user", "password", "poolSize");
        String url = n.text("url", "jdbc:h2:file:" + Path.of(ConfigDefaults.STORE_FILE).toAbsolutePath());
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            n.problem("url", "'" + url + "' is not supported; use jdbc:h2:file:<path> (embedded) or "
                    + "jdbc:postgresql://<host>[:port]/<database>");
        }
        String user = n.text("user", url.startsWith("jdbc:h2:") ? "sa" : "");
        if (user.isEmpty()) {
            n.problem("user", "is required for " + url);
        }
        return new StoreSettings(url, user, n.text("password", ""),
                n.integer("poolSize", ConfigDefaults.STORE_POOL_SIZE, 1, 64));
    }

    private static final Pattern CODE = Pattern.compile("[0-9*#]{2,16}");

    private static FeatureCodes featureCodes(ConfigNode n) {
        n.allowOnly("logIn", "logOut", "plans");
        String in = code(n, "logIn", ConfigDefaults.FEATURE_LOG_IN);
        String out = code(n, "logOut", ConfigDefaults.FEATURE_LOG_OUT);
        List<FeatureCodes.PlanCodes> plans = new ArrayList<>();
        for (ConfigNode p : n.list("plans", false)) {
            if (!p.requireObject()) {
                continue;
            }
            p.allowOnly("huntPlan", "logIn", "logOut");
            plans.add(new FeatureCodes.PlanCodes(p.requiredText("huntPlan"), code(p, "logIn", null), code(p, "logOut", null)));
        }
        FeatureCodes codes = new FeatureCodes(in, out, plans);
        Set<String> seen = new HashSet<>();
        for (String c : codes.all()) {
            if (!c.isEmpty() && !seen.add(c)) {
                n.problemHere("the code '" + c + "' is used twice; every feature code must be different");
            }
        }
        return codes;
    }

    private static String code(ConfigNode n, String key, String defaultValue) {
        String c = defaultValue == null ? n.requiredText(key) : n.text(key, defaultValue);
        if (!c.isEmpty() && !CODE.matcher(c).matches()) {
            n.problem(key, "'" + c + "' is not a code a phone can dial; use 2–16 of 0–9, * and #, e.g. *21");
        }
        return c;
    }

    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

    private static Optional<OpeningHoursConfig> openingHours(ConfigNode n) {
        if (!n.requireObject()) {
            return Optional.empty();
        }
        n.allowOnly("id", "timeZone", "week", "special", "greetings", "whenClosed");
        String id = n.requiredText("id");
        java.time.ZoneId zone = OpeningHoursConfig.DEFAULT_ZONE;
        String z = n.text("timeZone", zone.getId());
        try {
            zone = java.time.ZoneId.of(z);
        } catch (java.time.DateTimeException e) {
            n.problem("timeZone", "'" + z + "' is not a time zone; use a name like Europe/Copenhagen");
        }
        ConfigNode week = n.object("week");
        List<String> days = java.util.Arrays.stream(java.time.DayOfWeek.values())
                .map(d -> d.name().toLowerCase(java.util.Locale.ROOT)).toList();
        week.allowOnly(days.toArray(String[]::new));
        java.util.Map<java.time.DayOfWeek, List<OpeningHoursConfig.Interval>> byDay = new java.util.EnumMap<>(java.time.DayOfWeek.class);
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            String key = d.name().toLowerCase(java.util.Locale.ROOT);
            if (week.has(key)) {
                byDay.put(d, intervals(week, key));
            }
        }
        List<OpeningHoursConfig.SpecialDay> special = new ArrayList<>();
        for (ConfigNode sd : n.list("special", false)) {
            if (!sd.requireObject()) {
                continue;
            }
            sd.allowOnly("date", "closed", "hours");
            String date = sd.requiredText("date");
            java.time.LocalDate day = null;
            try {
                day = java.time.LocalDate.parse(date);
            } catch (java.time.format.DateTimeParseException e) {
                sd.problem("date", "'" + date + "' is not a date; write it as 2026-12-24");
            }
            boolean closed = sd.bool("closed", false);
            if (closed == sd.has("hours")) {
                sd.problemHere("give either closed: true or hours: [\"09:00-12:00\"]");
            }
            List<OpeningHoursConfig.Interval> hours = closed ? List.of() : intervals(sd, "hours");
            if (day != null) {
                special.add(new OpeningHoursConfig.SpecialDay(day, hours));
            }
        }
        ConfigNode g = n.object("greetings");
        g.allowOnly("normalOpen", "normalClosed", "specialOpen", "specialClosed");
        OpeningHoursConfig.Greetings greetings = new OpeningHoursConfig.Greetings(optionalText(g, "normalOpen"),
                optionalText(g, "normalClosed"), optionalText(g, "specialOpen"), optionalText(g, "specialClosed"));
        OverflowConfig whenClosed = overflow(n.object("whenClosed"));
        return Optional.of(new OpeningHoursConfig(id, zone, byDay, special, greetings, whenClosed));
    }

    private static Optional<String> optionalText(ConfigNode n, String key) {
        return n.has(key) ? Optional.of(n.text(key, "")) : Optional.empty();
    }

    /** A list of "HH:MM-HH:MM" open intervals; 24:00 ends at midnight. */
    private static List<OpeningHoursConfig.Interval> intervals(ConfigNode n, String key) {
        List<OpeningHoursConfig.Interval> out = new ArrayList<>();
        for (String text : n.textList(key, List.of())) {
            java.util.regex.Matcher m = INTERVAL.matcher(text);
            if (!m.matches()) {
                n.problem(key, "'" + text + "' is not an interval; write it like 08:00-16:00 (24:00 for midnight)");
                continue;
            }
            int h1 = Integer.parseInt(m.group(1)), m1 = Integer.parseInt(m.group(2));
            int h2 = Integer.parseInt(m.group(3)), m2 = Integer.parseInt(m.group(4));
            boolean midnight = h2 == 24 && m2 == 0;
            if (h1 > 23 || m1 > 59 || (!midnight && (h2 > 23 || m2 > 59))) {
                n.problem(key, "'" + text + "' has a time that does not exist");
                continue;
            }
            java.time.LocalTime from = java.time.LocalTime.of(h1, m1);
            java.time.LocalTime to = midnight ? null : java.time.LocalTime.of(h2, m2);
            if (to != null && !to.isAfter(from)) {
                n.problem(key, "'" + text + "' ends before it starts; an interval over midnight is two: "
                        + m.group(1) + ":" + m.group(2) + "-24:00 and 00:00-" + m.group(3) + ":" + m.group(4) + " the next day");
                continue;
            }
            out.add(new OpeningHoursConfig.Interval(from, to));
        }
        return out;
    }

    private static SoundsConfig sounds(ConfigNode n, Path base) {
        n.allowOnly("greetings", "musicLists", "prompts");
        List<SoundsConfig.Sound> greetings = new ArrayList<>();
        List<ConfigNode> greetingNodes = n.list("greetings", false);
        if (greetingNodes.size() > ConfigDefaults.MAX_GREETINGS) {
            n.problem("greetings", greetingNodes.size() + " greetings; at most " + ConfigDefaults.MAX_GREETINGS
                    + " can be active (remove one)");
        }
        Set<String> ids = new HashSet<>();
        for (ConfigNode g : greetingNodes) {
            if (!g.requireObject()) {
                continue;
            }
            g.allowOnly("id", "file");
            String id = g.requiredText("id");
            if (!ids.add(id)) {
                g.problem("id", "'" + id + "' is used by an earlier greeting; ids must be unique");
            }
            audioFile(g, "file", g.requiredText("file"), base).ifPresent(f -> greetings.add(new SoundsConfig.Sound(id, f)));
        }
        List<SoundsConfig.MusicList> lists = new ArrayList<>();
        List<ConfigNode> listNodes = n.list("musicLists", false);
        if (listNodes.size() > ConfigDefaults.MAX_MUSIC_LISTS) {
            n.problem("musicLists", listNodes.size() + " music lists; at most " + ConfigDefaults.MAX_MUSIC_LISTS);
        }
        Set<String> listIds = new HashSet<>();
        for (ConfigNode m : listNodes) {
            if (!m.requireObject()) {
                continue;
            }
            m.allowOnly("id", "files");
            String id = m.requiredText("id");
            if (!listIds.add(id)) {
                m.problem("id", "'" + id + "' is used by an earlier music list; ids must be unique");
            }
            List<String> names = m.textList("files", List.of());
            if (names.isEmpty()) {
                m.problem("files", "list at least one file (WAV or MP3)");
            }
            if (names.size() > ConfigDefaults.MAX_MUSIC_FILES) {
                m.problem("files", names.size() + " files; a music list holds at most " + ConfigDefaults.MAX_MUSIC_FILES);
            }
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                audioFile(m, "files[" + i + "]", names.get(i), base).ifPresent(files::add);
            }
            lists.add(new SoundsConfig.MusicList(id, files));
        }
        List<SoundsConfig.Sound> prompts = new ArrayList<>();
        List<ConfigNode> promptNodes = n.list("prompts", false);
        if (promptNodes.size() > ConfigDefaults.MAX_PROMPTS) {
            n.problem("prompts", promptNodes.size() + " prompts; at most " + ConfigDefaults.MAX_PROMPTS);
        }
        for (ConfigNode g : promptNodes) {
            if (!g.requireObject()) {
                continue;
            }
            g.allowOnly("id", "file");
            String id = g.requiredText("id");
            if (!ids.add(id)) {
                g.problem("id", "'" + id + "' is used by an earlier greeting or prompt; ids must be unique");
            }
            audioFile(g, "file", g.requiredText("file"), base).ifPresent(f -> prompts.add(new SoundsConfig.Sound(id, f)));
        }
        return new SoundsConfig(greetings, lists, prompts);
    }

    /** A sound file that must exist and be WAV or MP3; relative paths are taken from the configuration's folder. */
    private static Optional<Path> audioFile(ConfigNode n, String key, String name, Path base) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Path file = base.resolve(name).normalize();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".wma") || lower.endsWith(".asf")) {
            n.problem(key, "'" + name + "' is WMA, which Sentral cannot decode; convert it to WAV or MP3, "
                    + "e.g. ffmpeg -i in.wma -ar 8000 -ac 1 out.wav");
            return Optional.empty();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            n.problem(key, "'" + name + "' (" + file + ") does not exist or cannot be read");
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** An optional list of entries keyed by {@code keyField}; a key used twice is reported at its second use. */
    private static <T> List<T> uniqueList(ConfigNode top, String listKey,
                                          java.util.function.Function<ConfigNode, Optional<T>> parse,
                                          java.util.function.Function<T, String> key, String keyField, String what) {
        List<T> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode n : top.list(listKey, false)) {
            parse.apply(n).ifPresent(item -> {
                if (!seen.add(key.apply(item))) {
                    n.problem(keyField, "'" + key.apply(item) + "' is used by an earlier " + what + "; "
                            + keyField + "s must be unique");
                }
                out.add(item);
            });
        }
        return out;
    }

    /** What a member entry may refer to: trunks (outside numbers) and users (registered phones). */
    private record Members(List<TrunkConfig> trunks, List<UserConfig> users, String domain) {
    }

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private static Optional<UserConfig> user(ConfigNode n) {
        if (!n.requireObject()) {
            return Optional.empty();
        }
        n.allowOnly("name", "displayName", "ha1Md5", "ha1Sha256", "password");
        if (n.has("password")) {
            n.problem("password", "plain passwords are not stored; run ./sentral hash-password <name> and paste "
                    + "its ha1Md5 and ha1Sha256 lines instead");
        }
        String name = n.requiredText("name");
        if (!name.isEmpty() && !USER_NAME.matcher(name).matches()) {
            n.problem("name", "'" + name + "' must be letters, digits, '.', '_', '+' or '-'");
        }
        String md5 = n.requiredText("ha1Md5").toLowerCase(java.util.Locale.ROOT);
        if (!md5.isEmpty() && !HEX32.matcher(md5).matches()) {
            n.problem("ha1Md5", "must be 32 hex digits, as printed by ./sentral hash-password " + name);
        }
        Optional<String> sha = Optional.empty();
        if (n.has("ha1Sha256")) {
            String v = n.text("ha1Sha256", "").toLowerCase(java.util.Locale.ROOT);
            if (!HEX64.matcher(v).matches()) {
                n.problem("ha1Sha256", "must be 64 hex digits, as printed by ./sentral hash-password " + name);
            }
            sha = Optional.of(v);
        }
        return Optional.of(new UserConfig(name, n.text("displayName", name), md5, sha));
    }

    private static SipSettings sip(ConfigNode n) {
        n.allowOnly("bindAddress", "port", "transports", "advertisedAddress", "userAgent", "realm", "numbersFrom");
        String bind = n.text("bindAddress", ConfigDefaults.SIP_BIND_ADDRESS);
        int port = n.integer("port", ConfigDefaults.SIP_PORT, 1, 65535);
        Set<Transport> transports = EnumSet.noneOf(Transport.class);
        List<String> names = n.textList("transports", List.of("udp", "tcp"));
        for (String name : names) {
            Transport.parse(name).ifPresentOrElse(transports::add,
                    () -> n.problem("transports", "'" + name + "' is not a transport; use udp and/or tcp"));
        }
        if (names.isEmpty()) {
            n.problem("transports", "must name at least one of udp, tcp");
        }
        String advertised = n.text("advertisedAddress", bind);
        if ("0.0.0.0".equals(advertised)) {
            n.problem("advertisedAddress", "0.0.0.0 cannot be reached by peers; set the address they should send to");
        }
        String ua = n.text("userAgent", ConfigDefaults.USER_AGENT);
        String realm = n.text("realm", ConfigDefaults.REALM);
        String from = n.text("numbersFrom", "anyone");
        if (!from.equals("anyone") && !from.equals("trunks")) {
            n.problem("numbersFrom", "'" + from + "' is not allowed; use anyone (the default) or trunks (only the "
                    + "trunks' addresses call the numbers without authenticating)");
        }
        return new SipSettings(bind, port, transports, advertised, ua, realm, from.equals("trunks"));
    }

    private static MediaSettings media(ConfigNode n) {
        n.allowOnly("address", "rtpPortMin", "rtpPortMax", "inactivityTimeoutSeconds", "realtimePriority");
        String address = n.text("address", ConfigDefaults.MEDIA_ADDRESS);
        int min = n.integer("rtpPortMin", ConfigDefaults.RTP_PORT_MIN, 1024, 65534);
        int max = n.integer("rtpPortMax", ConfigDefaults.RTP_PORT_MAX, 1025, 65535);
        if (min % 2 != 0) {
            n.problem("rtpPortMin", min + " is odd; RTP uses even ports (RTCP the odd one above), use " + (min + 1));
        }
        if (max < min + 3) {
            n.problem("rtpPortMax", max + " leaves no room: the range must hold at least two RTP/RTCP pairs above rtpPortMin " + min);
        }
        Duration inactivity = n.seconds("inactivityTimeoutSeconds", ConfigDefaults.RTP_INACTIVITY_TIMEOUT, 5, 3600);
        int realtime = n.integer("realtimePriority", 0, 0, 99);
        return new MediaSettings(address, min, max, inactivity, realtime);
    }

    private static HttpSettings http(ConfigNode n) {
        n.allowOnly("bindAddress", "port");
        return new HttpSettings(n.text("bindAddress", ConfigDefaults.HTTP_BIND_ADDRESS),
                n.integer("port", ConfigDefaults.HTTP_PORT, 0, 65535));
    }

    private static ShutdownSettings shutdown(ConfigNode n) {
        n.allowOnly("drainSeconds");
        return new ShutdownSettings(n.seconds("drainSeconds", ConfigDefaults.SHUTDOWN_DRAIN_TIME, 0, 3600));
    }

    private static Optional<NumberConfig> number(ConfigNode n) {
        if (!n.requireObject()) {
            return Optional.empty();
        }
        n.allowOnly("number", "name", "huntPlan", "flow", "greeting", "openingHours");
        String raw = n.requiredText("number");
        String number = NumberConfig.normalize(raw);
        if (!raw.isEmpty() && !NUMBER.matcher(number).matches()) {
            n.problem("number", "'" + raw + "' is not a dialable number; use digits with an optional leading +");
        }
        String name = n.text("name", number);
        Optional<String> flow = n.has("flow") ? Optional.of(n.requiredText("flow")) : Optional.empty();
        if (flow.isPresent() && n.has("huntPlan")) {
            n.problemHere("give either huntPlan (calls go straight to the plan) or flow (calls start at that element), not both");
        }
        String plan = flow.isPresent() ? "" : n.requiredText("huntPlan");
        if (flow.isPresent() && (n.has("greeting") || n.has("openingHours"))) {
            n.problem(n.has("greeting") ? "greeting" : "openingHours", "with a flow, greetings and opening hours are "
                    + "elements of the flow (play, check-hours)");
        }
        Optional<String> greeting = n.has("greeting") ? Optional.of(n.text("greeting", "")) : Optional.empty();
        Optional<String> hours = n.has("openingHours") ? Optional.of(n.text("openingHours", "")) : Optional.empty();
        return Optional.of(new NumberConfig(number, name, plan, greeting, hours, flow));
    }

    private static Optional<TrunkConfig> trunk(ConfigNode n) {
        if (!n.requireObject()) {
            return Optional.empty();
        }
        n.allowOnly("id", "host", "port", "transport", "allowFrom");
        String id = n.requiredText("id");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            n.problem("id", "'" + id + "' must be letters, digits, '-' or '_'");
        }
        String host = n.requiredText("host");
        int port = n.integer("port", ConfigDefaults.SIP_PORT, 1, 65535);
        String t = n.text("transport", "udp");
        Transport transport = Transport.parse(t).orElseGet(() -> {
            n.problem("transport", "'" + t + "' is not a transport; use udp or tcp");
            return Transport.UDP;
        });
        List<String> allowFrom = n.textList("allowFrom", List.of());
        for (int i = 0; i < allowFrom.size(); i++) {
            if (!IP.matcher(allowFrom.get(i)).matches()) {
                n.problem("allowFrom[" + i + "]", "'" + allowFrom.get(i) + "' is not an IP address");
            }
        }
        return Optional.of(new TrunkConfig(id, host, port, transport, allowFrom));
    }

    private static Optional<HuntPlanConfig> huntPlan(ConfigNode n, Members known) {
        if (!n.requireObject()) {
            return Optional.empty();
        }
        n.allowOnly("id", "name", "strategy", "ringTimeoutSeconds", "members", "queue", "offerLimit", "overflow", "vip",
                "language", "musicList", "announcePosition", "announceEstimatedWait");
        String id = n.requiredText("id");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            n.problem("id", "'" + id + "' must be letters, digits, '-' or '_'");
        }
        String name = n.text("name", id);
        String strategyName = n.text("strategy", HuntStrategy.PRIORITY_LIST.configName());
        HuntStrategy strategy = HuntStrategy.parse(strategyName).orElseGet(() -> {
            n.problem("strategy", "'" + strategyName + "' is not a strategy; use one of " + HuntStrategy.configNames());
            return HuntStrategy.PRIORITY_LIST;
        });
        Duration ring = ringTimeout(n, ConfigDefaults.RING_TIMEOUT);
        List<MemberConfig> members = new ArrayList<>();
        List<ConfigNode> memberNodes = n.list("members", true);
        if (memberNodes.isEmpty() && n.has("members")) {
            n.problem("members", "must list at least one member");
        }
        if (memberNodes.size() > ConfigDefaults.MAX_MEMBERS_PER_PLAN) {
            n.problem("members", memberNodes.size() + " members; a plan holds at most "
                    + ConfigDefaults.MAX_MEMBERS_PER_PLAN + " (split it into two plans)");
        }
        Set<String> uris = new HashSet<>();
        for (ConfigNode m : memberNodes) {
            member(m, known).ifPresent(member -> {
                if (!uris.add(member.key())) {
                    m.problem("uri", "'" + member.uri() + "' is already a member of this plan; list each phone once");
                }
                members.add(member);
            });
        }
        QueueConfig queue = queue(n.object("queue"));
        OfferLimit limit = offerLimit(n.object("offerLimit"));
        OverflowConfig overflow = overflow(n.object("overflow"));
        Set<String> vip = new HashSet<>();
        for (String number : n.textList("vip", List.of())) {
            String normalized = NumberConfig.normalize(number);
            if (!NUMBER.matcher(normalized).matches()) {
                n.problem("vip", "'" + number + "' is not a caller number; use digits with an optional leading +");
            }
            vip.add(normalized);
        }
        String language = n.text("language", ConfigDefaults.LANGUAGE);
        if (!ConfigDefaults.LANGUAGES.contains(language)) {
            n.problem("language", "'" + language + "' has no system prompts; use one of " + ConfigDefaults.LANGUAGES);
        }
        String musicList = n.text("musicList", SoundsConfig.BUILT_IN_MUSIC);
        boolean announce = n.bool("announcePosition", true);
        boolean estimate = n.bool("announceEstimatedWait", false);
        return Optional.of(new HuntPlanConfig(id, name, strategy, ring, members, queue, limit, overflow, vip, language,
                musicList, announce, estimate));
    }

    private static QueueConfig queue(ConfigNode n) {
        n.allowOnly("enabled", "capacity", "whenNobodyActive");
        return new QueueConfig(n.bool("enabled", true),
                n.integer("capacity", ConfigDefaults.QUEUE_CAPACITY, 1, ConfigDefaults.MAX_QUEUE_CAPACITY),
                n.bool("whenNobodyActive", false));
    }

    private static OfferLimit offerLimit(ConfigNode n) {
        n.allowOnly("rounds", "minutes");
        if (n.has("rounds") && n.has("minutes")) {
            n.problemHere("give either rounds or minutes, not both");
        }
        if (n.has("rounds")) {
            return OfferLimit.rounds(n.integer("rounds", 1, 1, 100));
        }
        if (n.has("minutes")) {
            return OfferLimit.time(Duration.ofMinutes(n.integer("minutes", 1, 1, 240)));
        }
        return OfferLimit.UNLIMITED;
    }

    private static OverflowConfig overflow(ConfigNode n) {
        n.allowOnly("to", "number");
        String to = n.text("to", OverflowConfig.Destination.MESSAGE.configName());
        OverflowConfig.Destination destination = OverflowConfig.Destination.parse(to).orElseGet(() -> {
            n.problem("to", "'" + to + "' is not an overflow destination; use message, voicemail or number");
            return OverflowConfig.Destination.MESSAGE;
        });
        if (destination == OverflowConfig.Destination.NUMBER) {
            String number = NumberConfig.normalize(n.requiredText("number"));
            return number.isEmpty() ? OverflowConfig.DEFAULT
                    : new OverflowConfig(destination, Optional.of(number));
        }
        if (n.has("number")) {
            n.problem("number", "only used with 'to: number'");
        }
        return new OverflowConfig(destination, Optional.empty());
    }

    private static Duration ringTimeout(ConfigNode n, Duration defaultValue) {
        return n.seconds("ringTimeoutSeconds", defaultValue,
                ConfigDefaults.RING_TIMEOUT_MIN_SECONDS, ConfigDefaults.RING_TIMEOUT_MAX_SECONDS);
    }

    private static Optional<MemberConfig> member(ConfigNode n, Members known) {
        if (!n.requireObject()) {
            return Optional.empty();
        }
        n.allowOnly("name", "uri", "number", "trunk", "user", "ringTimeoutSeconds", "level", "active", "callWaiting",
                "maxCalls");
        List<TrunkConfig> trunks = known.trunks();
        String uri;
        String name;
        Optional<String> user = Optional.empty();
        int kinds = (n.has("uri") ? 1 : 0) + (n.has("number") ? 1 : 0) + (n.has("user") ? 1 : 0);
        if (kinds > 1) {
            n.problemHere("give one of uri (a phone Sentral reaches directly), number (an outside number, through a "
                    + "trunk) or user (a registered user: all their phones ring)");
        }
        if (n.has("user")) {
            String u = n.requiredText("user");
            Optional<UserConfig> found = known.users().stream().filter(x -> x.name().equals(u)).findFirst();
            if (found.isEmpty() && !u.isEmpty()) {
                n.problem("user", "no user named '" + u + "'; list it under users");
            }
            user = Optional.of(u);
            uri = "sip:" + u + "@" + known.domain();
            name = n.text("name", found.map(UserConfig::displayName).orElse(u));
        } else if (n.has("number")) {
            // An external number, rung through a trunk.
            String raw = n.requiredText("number");
            String number = NumberConfig.normalize(raw);
            if (!raw.isEmpty() && !NUMBER.matcher(number).matches()) {
                n.problem("number", "'" + raw + "' is not a dialable number; use digits with an optional leading +");
            }
            TrunkConfig trunk = trunkFor(n, trunks);
            uri = trunk == null ? "sip:" + number + "@invalid" : trunk.uriFor(number);
            name = n.text("name", raw);
        } else {
            if (n.has("trunk")) {
                n.problem("trunk", "only used with number (an external member)");
            }
            uri = n.requiredText("uri");
            if (!uri.isEmpty() && !SIP_URI.matcher(uri).matches()) {
                n.problem("uri", "'" + uri + "' is not a SIP URI; write it like sip:alice@192.0.2.10:5060, "
                        + "or give number: for an outside number reached through a trunk");
            }
            name = n.text("name", uri);
        }
        Optional<Duration> ring = n.has("ringTimeoutSeconds")
                ? Optional.of(ringTimeout(n, ConfigDefaults.RING_TIMEOUT))
                : Optional.empty();
        int level = n.integer("level", 0, 0, ConfigDefaults.MAX_MEMBER_LEVEL);
        boolean active = n.bool("active", true);
        boolean callWaiting = n.bool("callWaiting", false);
        if (callWaiting && n.has("maxCalls")) {
            n.problem("maxCalls", "give either callWaiting (2 calls) or maxCalls, not both");
        }
        int maxCalls = n.integer("maxCalls", callWaiting ? 2 : 1, 1, ConfigDefaults.MAX_CALLS_PER_MEMBER);
        return Optional.of(new MemberConfig(name, uri, ring, level, active, maxCalls, user));
    }

    /** The trunk an external member goes through: the one named, or the only one configured. */
    private static TrunkConfig trunkFor(ConfigNode n, List<TrunkConfig> trunks) {
        if (n.has("trunk")) {
            String id = n.text("trunk", "");
            for (TrunkConfig t : trunks) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
            n.problem("trunk", "no trunk has id '" + id + "'; known ids: "
                    + (trunks.isEmpty() ? "(none)" : String.join(", ", trunks.stream().map(TrunkConfig::id).toList())));
            return null;
        }
        if (trunks.size() == 1) {
            return trunks.get(0);
        }
        n.problem("number", trunks.isEmpty()
                ? "an outside number needs a trunk to reach it; add one under trunks (id, host, port)"
                : "there are " + trunks.size() + " trunks; say which one with trunk: <id>");
        return null;
    }

    private static void validateReferences(SentralConfig config, List<String> problems) {
        Set<String> planIds = new HashSet<>();
        for (int i = 0; i < config.huntPlans().size(); i++) {
            String id = config.huntPlans().get(i).id();
            if (!id.isEmpty() && !planIds.add(id)) {
                problems.add("huntPlans[" + i + "].id: '" + id + "' is used by an earlier plan; ids must be unique");
            }
        }
        // One phone in several plans is one member: its call capacity must agree everywhere.
        java.util.Map<String, String> firstSeen = new java.util.HashMap<>();
        java.util.Map<String, Integer> capacity = new java.util.HashMap<>();
        for (int i = 0; i < config.huntPlans().size(); i++) {
            List<MemberConfig> ms = config.huntPlans().get(i).members();
            for (int j = 0; j < ms.size(); j++) {
                MemberConfig m = ms.get(j);
                String where = "huntPlans[" + i + "].members[" + j + "]";
                Integer earlier = capacity.putIfAbsent(m.key(), m.maxCalls());
                firstSeen.putIfAbsent(m.key(), where);
                if (earlier != null && earlier != m.maxCalls()) {
                    problems.add(where + ".maxCalls: " + m.uri() + " takes " + m.maxCalls() + " call(s) here but "
                            + earlier + " at " + firstSeen.get(m.key()) + "; one phone has one capacity in every plan");
                }
            }
        }
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < config.numbers().size(); i++) {
            NumberConfig n = config.numbers().get(i);
            if (!n.number().isEmpty() && !numbers.add(n.number())) {
                problems.add("numbers[" + i + "].number: '" + n.number() + "' is listed twice");
            }
            if (n.flow().isPresent() && !n.flow().get().isEmpty() && config.flowElement(n.flow().get()).isEmpty()) {
                problems.add("numbers[" + i + "].flow: no flow element '" + n.flow().get() + "'; known: "
                        + (config.flow().isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(config.flow().keySet()))));
            }
            if (!n.huntPlan().isEmpty() && !planIds.contains(n.huntPlan())) {
                problems.add("numbers[" + i + "].huntPlan: no hunt plan has id '" + n.huntPlan()
                        + "'; known ids: " + (planIds.isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(planIds))));
            }
        }
        FlowConfigLoader.validate(config, problems);
        for (int i = 0; i < config.featureCodes().plans().size(); i++) {
            String plan = config.featureCodes().plans().get(i).huntPlan();
            if (!plan.isEmpty() && !planIds.contains(plan)) {
                problems.add("featureCodes.plans[" + i + "].huntPlan: no hunt plan has id '" + plan + "'");
            }
        }
        for (String code : config.featureCodes().all()) {
            if (numbers.contains(code)) {
                problems.add("featureCodes: '" + code + "' is also one of the numbers Sentral answers; change one");
            }
        }
        for (int i = 0; i < config.openingHours().size(); i++) {
            OpeningHoursConfig h = config.openingHours().get(i);
            String at = "openingHours[" + i + "]";
            h.greetings().all().filter(g -> !config.sounds().hasGreeting(g)).forEach(g ->
                    problems.add(at + ".greetings: no greeting '" + g + "'; use " + SoundsConfig.BUILT_IN_GREETING
                            + " (shipped) or one of sounds.greetings"));
            outsideOrPlanNumber(config, numbers, h.whenClosed().number(), at + ".whenClosed.number", problems);
        }
        for (int i = 0; i < config.numbers().size(); i++) {
            Optional<String> hours = config.numbers().get(i).openingHours();
            if (hours.isPresent() && config.openingHours(hours.get()).isEmpty()) {
                problems.add("numbers[" + i + "].openingHours: no opening hours '" + hours.get() + "'; list them under openingHours");
            }
            Optional<String> greeting = config.numbers().get(i).greeting();
            if (greeting.isPresent() && !config.sounds().hasGreeting(greeting.get())) {
                problems.add("numbers[" + i + "].greeting: no greeting '" + greeting.get() + "'; use "
                        + SoundsConfig.BUILT_IN_GREETING + " (shipped) or one of sounds.greetings");
            }
        }
        for (int i = 0; i < config.huntPlans().size(); i++) {
            HuntPlanConfig plan = config.huntPlans().get(i);
            if (!config.sounds().hasMusicList(plan.musicList())) {
                problems.add("huntPlans[" + i + "].musicList: no music list '" + plan.musicList() + "'; use "
                        + SoundsConfig.BUILT_IN_MUSIC + " (shipped) or one of sounds.musicLists");
            }
            outsideOrPlanNumber(config, numbers, plan.overflow().number(), "huntPlans[" + i + "].overflow.number", problems);
        }
    }

    /** A number calls are sent on to: one of ours with a hunt plan, or an outside one (through a trunk). */
    private static void outsideOrPlanNumber(SentralConfig config, Set<String> numbers, Optional<String> to, String at,
                                            List<String> problems) {
        if (to.isEmpty() || to.get().isEmpty()) {
            return;
        }
        if (!numbers.contains(to.get())) {
            if (config.trunks().isEmpty()) {
                problems.add(at + ": '" + to.get() + "' is not one of the numbers Sentral answers, and an outside number "
                        + "needs a trunk to reach it; add one under trunks (id, host, port)");
            }
        } else if (config.number(to.get()).flatMap(NumberConfig::flow).isPresent()) {
            problems.add(at + ": '" + to.get() + "' starts a call flow; calls can be sent on only to a number with a "
                    + "hunt plan (or an outside number)");
        }
    }
}
