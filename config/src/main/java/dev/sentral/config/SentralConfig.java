package dev.sentral.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The whole configuration: one YAML file, validated as a unit. Immutable. */
public record SentralConfig(SipSettings sip, MediaSettings media, HttpSettings http, ShutdownSettings shutdown,
                            List<NumberConfig> numbers, List<HuntPlanConfig> huntPlans, List<TrunkConfig> trunks,
                            List<UserConfig> users, SoundsConfig sounds, List<OpeningHoursConfig> openingHours,
                            StoreSettings store, FeatureCodes featureCodes,
                            java.util.Map<String, FlowElement> flow) {
    public SentralConfig {
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(shutdown, "shutdown");
        numbers = List.copyOf(numbers);
        huntPlans = List.copyOf(huntPlans);
        trunks = List.copyOf(trunks);
        users = List.copyOf(users);
        Objects.requireNonNull(sounds, "sounds");
        openingHours = List.copyOf(openingHours);
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(featureCodes, "featureCodes");
        flow = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(flow));
    }

    public Optional<FlowElement> flowElement(String id) {
        return Optional.ofNullable(flow.get(id));
    }

    public Optional<OpeningHoursConfig> openingHours(String id) {
        return openingHours.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    public Optional<UserConfig> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public Optional<NumberConfig> number(String dialled) {
        String wanted = NumberConfig.normalize(dialled);
        return numbers.stream().filter(n -> n.number().equals(wanted)).findFirst();
    }

    public Optional<HuntPlanConfig> huntPlan(String id) {
        return huntPlans.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public SentralConfig withSip(SipSettings newSip) {
        return new SentralConfig(newSip, media, http, shutdown, numbers, huntPlans, trunks, users, sounds, openingHours, store,
                featureCodes, flow);
    }

    public SentralConfig withMedia(MediaSettings newMedia) {
        return new SentralConfig(sip, newMedia, http, shutdown, numbers, huntPlans, trunks, users, sounds, openingHours, store,
                featureCodes, flow);
    }

    public SentralConfig withHttp(HttpSettings newHttp) {
        return new SentralConfig(sip, media, newHttp, shutdown, numbers, huntPlans, trunks, users, sounds, openingHours, store,
                featureCodes, flow);
    }

    public SentralConfig withStore(StoreSettings newStore) {
        return new SentralConfig(sip, media, http, shutdown, numbers, huntPlans, trunks, users, sounds, openingHours, newStore,
                featureCodes, flow);
    }

    public SentralConfig withShutdown(ShutdownSettings newShutdown) {
        return new SentralConfig(sip, media, http, newShutdown, numbers, huntPlans, trunks, users, sounds, openingHours, store,
                featureCodes, flow);
    }
}
