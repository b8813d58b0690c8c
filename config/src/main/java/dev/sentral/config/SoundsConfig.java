package dev.sentral.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sound library: welcome greetings and hold-music lists (PRODUCT.md §2). Two sounds ship with Sentral
 * and need no entry: the greeting {@value #BUILT_IN_GREETING} (in the plan's language) and the music list
 * {@value #BUILT_IN_MUSIC}; an entry with the same id replaces them.
 *
 * @param greetings  at most {@value ConfigDefaults#MAX_GREETINGS}
 * @param musicLists at most {@value ConfigDefaults#MAX_MUSIC_LISTS}, each of at most
 *                   {@value ConfigDefaults#MAX_MUSIC_FILES} files
 * @param prompts    other sounds call flows play (menu prompts, information)
 */
public record SoundsConfig(List<Sound> greetings, List<MusicList> musicLists, List<Sound> prompts) {
    public static final String BUILT_IN_GREETING = "welcome";
    public static final String BUILT_IN_MUSIC = "default";
    public static final SoundsConfig NONE = new SoundsConfig(List.of(), List.of(), List.of());
    private static final List<String> BUILT_IN_MUSIC_FILES = List.of("01-morning", "02-harbour", "03-evening");

    public SoundsConfig {
        greetings = List.copyOf(greetings);
        musicLists = List.copyOf(musicLists);
        prompts = List.copyOf(prompts);
    }

    /** A sound a call flow plays (menu prompt, play element): one of {@code prompts}, else a greeting. */
    public boolean hasPrompt(String id) {
        return prompts.stream().anyMatch(p -> p.id().equals(id)) || hasGreeting(id);
    }

    public Optional<String> promptUrl(String id, String language) {
        Optional<String> own = prompts.stream().filter(p -> p.id().equals(id)).findFirst().map(p -> p.file().toString());
        return own.isPresent() ? own : greetingUrl(id, language);
    }

    /** A file in the library; {@code file} is absolute (resolved against the configuration's folder). */
    public record Sound(String id, Path file) {
        public Sound {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(file, "file");
        }
    }

    public record MusicList(String id, List<Path> files) {
        public MusicList {
            Objects.requireNonNull(id, "id");
            files = List.copyOf(files);
        }
    }

    public boolean hasGreeting(String id) {
        return BUILT_IN_GREETING.equals(id) || greetings.stream().anyMatch(g -> g.id().equals(id));
    }

    public boolean hasMusicList(String id) {
        return BUILT_IN_MUSIC.equals(id) || musicLists.stream().anyMatch(m -> m.id().equals(id));
    }

    /**
     * What the media player is given for a greeting: the file's path, or a {@code classpath:} URL for the
     * shipped one.
     */
    public Optional<String> greetingUrl(String id, String language) {
        Optional<String> own = greetings.stream().filter(g -> g.id().equals(id)).findFirst()
                .map(g -> g.file().toString());
        if (own.isPresent() || !BUILT_IN_GREETING.equals(id)) {
            return own;
        }
        return Optional.of("classpath:prompts/" + language + "/welcome.wav");
    }

    /** The player URLs of a music list's files, in the list's order. */
    public List<String> musicUrls(String id) {
        Optional<MusicList> own = musicLists.stream().filter(m -> m.id().equals(id)).findFirst();
        if (own.isPresent()) {
            return own.get().files().stream().map(Path::toString).toList();
        }
        if (BUILT_IN_MUSIC.equals(id)) {
            return BUILT_IN_MUSIC_FILES.stream().map(f -> "classpath:music/default/" + f + ".wav").toList();
        }
        return List.of();
    }

    /** Every URL any call may play, for preloading at start. */
    public List<String> allUrls(List<String> languages) {
        List<String> out = new java.util.ArrayList<>();
        for (String l : languages) {
            greetingUrl(BUILT_IN_GREETING, l).ifPresent(out::add);
        }
        greetings.forEach(g -> out.add(g.file().toString()));
        prompts.forEach(p -> out.add(p.file().toString()));
        out.addAll(musicUrls(BUILT_IN_MUSIC));
        musicLists.forEach(m -> out.addAll(musicUrls(m.id())));
        return out.stream().distinct().toList();
    }
}
