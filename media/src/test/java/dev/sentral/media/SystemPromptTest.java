package dev.sentral.media;

import dev.sentral.media.player.ClipLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SystemPromptTest {
    @Test
    void positionsUpToTenAreSpokenAndBeyondTenSummarized() {
        assertThat(SystemPrompt.positionUrls(3, "en")).containsExactly("classpath:prompts/en/position-intro.wav",
                "classpath:prompts/en/position-3.wav", "classpath:prompts/en/position-outro.wav");
        assertThat(SystemPrompt.positionUrls(11, "da")).containsExactly("classpath:prompts/da/position-more.wav");
    }

    @Test
    void theEstimatedWaitIsRoundedToWholeMinutes() {
        assertThat(SystemPrompt.waitUrls(Duration.ofSeconds(20), "en")).endsWith("classpath:prompts/en/wait-0.wav");
        assertThat(SystemPrompt.waitUrls(Duration.ofSeconds(100), "en")).endsWith("classpath:prompts/en/wait-2.wav");
        assertThat(SystemPrompt.waitUrls(Duration.ofMinutes(25), "da")).endsWith("classpath:prompts/da/wait-more.wav");
    }

    @Test
    void everyShippedPromptDecodes() throws Exception {
        ClipLoader loader = new ClipLoader();
        List<String> urls = new ArrayList<>();
        for (String language : List.of("en", "da")) {
            urls.addAll(SystemPrompt.allAnnouncementUrls(language));
            for (SystemPrompt p : SystemPrompt.values()) {
                urls.add(p.url(language));
            }
        }
        for (String url : urls) {
            assertThat(loader.loadResource(url.substring("classpath:".length())).frames()).as(url).isPositive();
        }
    }
}
