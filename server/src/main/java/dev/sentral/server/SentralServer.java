package dev.sentral.server;

import dev.sentral.config.ConfigDefaults;
import dev.sentral.config.SentralConfig;
import dev.sentral.media.SystemPrompt;
import dev.sentral.media.player.AudioFileException;
import dev.sentral.media.rtp.MediaEngine;
import dev.sentral.sip.b2bua.B2bua;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Wires one running Sentral: media engine and B2BUA, from one validated configuration. */
public final class SentralServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SentralServer.class);
    /** After the drain time, how long ended calls get to exchange their BYEs before the stack stops. */
    private static final Duration BYE_GRACE = Duration.ofSeconds(3);

    private final SentralConfig config;
    private MediaEngine media;
    private B2bua b2bua;
    private HttpApi http;
    private dev.sentral.server.store.Store store;

    private final java.time.Clock clock;

    public SentralServer(SentralConfig config) {
        this(config, java.time.Clock.systemUTC());
    }

    /** @param clock decides opening hours at call arrival (tests place calls on chosen dates) */
    public SentralServer(SentralConfig config, java.time.Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public void start() throws SipException, dev.sentral.config.ConfigException, dev.sentral.server.store.StoreException {
        store = dev.sentral.server.store.Store.open(config.store());
        media = new MediaEngine(config.media().address(), config.media().rtpPortMin(), config.media().rtpPortMax(),
                config.media().inactivityTimeout(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        int realtime = config.media().realtimePriority();
        if (realtime > 0) {
            media.useRealtimePriority(realtime).ifPresent(why -> log.warn("SENTRAL-MEDIA-001 media.realtimePriority {} is not"
                    + " in effect: {}. Give the process CAP_SYS_NICE (systemd: AmbientCapabilities=CAP_SYS_NICE) or an"
                    + " RTPRIO limit (ulimit -r {}; systemd: LimitRTPRIO={}), or set media.realtimePriority: 0."
                    + " Media works, with less punctual frames on a busy machine.", realtime, why, realtime, realtime));
        }
        try {
            preloadSounds();
        } catch (dev.sentral.config.ConfigException | RuntimeException e) {
            close();
            throw e;
        }
        b2bua = new B2bua(config, media, clock);
        try {
            new StoreBinding(store, b2bua, config).restoreAndListen();
            b2bua.start();
            http = new HttpApi(config.http(), b2bua, media, store);
        } catch (SipException | dev.sentral.server.store.StoreException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public dev.sentral.server.store.Store store() {
        return store;
    }

    /**
     * Decodes every system prompt, greeting and music file once now, so that no call waits for a file. A file
     * that cannot be decoded stops the start with a configuration error naming it.
     */
    private void preloadSounds() throws dev.sentral.config.ConfigException {
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (String language : ConfigDefaults.LANGUAGES) {
            for (SystemPrompt prompt : SystemPrompt.values()) {
                try {
                    media.clips().loadResource(prompt.resource(language));
                } catch (AudioFileException e) {
                    throw new IllegalStateException("system prompt " + prompt.resource(language) + ": " + e.getMessage(), e);
                }
            }
        }
        java.util.List<String> urls = new java.util.ArrayList<>(config.sounds().allUrls(ConfigDefaults.LANGUAGES));
        for (String language : ConfigDefaults.LANGUAGES) {
            urls.addAll(SystemPrompt.allAnnouncementUrls(language));
        }
        for (String url : urls) {
            try {
                if (url.startsWith(dev.sentral.media.spi.SentralPlayer.CLASSPATH)) {
                    media.clips().loadResource(url.substring(dev.sentral.media.spi.SentralPlayer.CLASSPATH.length()));
                } else {
                    media.clips().load(java.nio.file.Path.of(url));
                }
            } catch (AudioFileException e) {
                problems.add("sounds: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new dev.sentral.config.ConfigException("configuration", problems);
        }
    }

    /** The port the HTTP API listens on (useful when the configuration asks for port 0). */
    public int httpPort() {
        return http.port();
    }

    public B2bua b2bua() {
        return b2bua;
    }

    public MediaEngine media() {
        return media;
    }

    public SentralConfig config() {
        return config;
    }

    /**
     * Graceful shutdown: new calls are refused with 503 at once; calls in progress may finish within the
     * configured drain time; whatever is left is then ended (BYE) before the stack stops.
     */
    public void shutdownGracefully() {
        Duration drain = config.shutdown().drainTime();
        int active = b2bua.activeCalls();
        log.info("shutting down: refusing new calls, {} call(s) in progress get up to {} s", active, drain.toSeconds());
        b2bua.startDrain();
        waitForCalls(drain);
        if (b2bua.activeCalls() > 0) {
            log.info("drain time over: ending {} call(s)", b2bua.activeCalls());
            b2bua.endAllCalls();
            waitForCalls(BYE_GRACE);
        }
        close();
        log.info("stopped");
    }

    private void waitForCalls(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (b2bua.activeCalls() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000L);
        }
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (b2bua != null) {
            b2bua.close();
        }
        if (media != null) {
            media.close();
        }
        if (store != null) {
            store.close(); // after the calls: their last events are written
        }
    }
}
