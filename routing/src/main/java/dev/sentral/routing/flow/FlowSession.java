package dev.sentral.routing.flow;

import dev.sentral.config.FlowElement;
import dev.sentral.config.SentralConfig;
import dev.sentral.routing.Scheduler;
import dev.sentral.routing.hours.OpeningCalendar;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * One call's walk through a call flow (PRODUCT.md §3): instant elements (check-hours, VIP, link) are decided
 * at once; a play element plays and goes on; a menu plays its prompt and collects keys; the walk ends in a
 * queue, a transfer, the voicemail stub or a hang-up, told to {@link Actions}.
 *
 * <p>Menus: a key pressed during a prompt stops it at once (barge-in). Keys pressed before a menu is reached
 * (during a play element, or extra keys after a choice) are kept and used by the next menu, which then skips
 * its prompt (type-ahead). A choice of several keys waits {@code interDigitTimeout} for the next key while it
 * could still grow; no key within {@code noInputTimeout} after the prompt, or a key no choice begins with,
 * plays a notice and asks again, {@code retries} times, and then the call goes to {@code otherwise}.
 *
 * <p>Pure and single-threaded: driven by the call's owner, time from the {@link Scheduler} (virtual in tests).
 */
public final class FlowSession {
    /** At most this many keys are kept ahead of the menu that will read them. */
    static final int MAX_TYPE_AHEAD = 32;
    /** A walk through instant elements longer than this is a bug (validation forbids such loops). */
    private static final int MAX_INSTANT_STEPS = 100;

    /** What the call does for the flow. Each method is called on the owner's thread. */
    public interface Actions {
        /**
         * Play a prompt; {@link FlowSession#promptFinished(int)} with the same {@code token} follows when it
         * ends or is stopped.
         */
        void play(Prompt prompt, int token);

        /** Stop the prompt playing now (barge-in). */
        void stopPrompt();

        /**
         * Leave the flow for a hunt plan (a queue, or a transfer's one-member plan). With {@code backToFlow} the
         * element has an {@code otherwise}: a caller the plan cannot take comes back through {@link #overflowed()}.
         */
        void queue(String huntPlan, boolean vip, boolean backToFlow);

        /** Leave the flow for the voicemail stub (notice, then hang-up). */
        void voicemail(String language);

        /** The flow is over: hang up. */
        void hangUp();
    }

    /** A sound of the library ({@link Kind#SOUND}) or a system notice ({@link Kind#NOTICE}, e.g. {@code menu-invalid}). */
    public record Prompt(Kind kind, String id, String language) {
        public enum Kind { SOUND, NOTICE }
    }

    /** The notices a menu plays, by the names of the shipped prompts. */
    public static final String INVALID = "menu-invalid";
    public static final String NO_INPUT = "menu-timeout";

    private enum Phase { PROMPT, NOTICE, WAITING }

    private final SentralConfig config;
    private final Map<String, OpeningCalendar> calendars;
    private final Scheduler scheduler;
    private final String callerNumber;
    private final Actions actions;

    private final Deque<Character> typeAhead = new ArrayDeque<>();
    private FlowElement current;
    private boolean vip;
    private boolean done;
    // menu state
    private Phase phase;
    private final StringBuilder keys = new StringBuilder();
    private int attempts;
    private Scheduler.Cancellable timer;
    // the prompt playing, if any
    private int token;
    private boolean playing;
    /** The elements passed, for the call's log line: the first {@value #VISITED_KEPT}, then a count of the rest. */
    private final java.util.List<String> visited = new java.util.ArrayList<>();
    private int visitedBeyond;
    static final int VISITED_KEPT = 64;

    public FlowSession(SentralConfig config, Map<String, OpeningCalendar> calendars, Scheduler scheduler,
                       String callerNumber, Actions actions) {
        this.config = config;
        this.calendars = calendars;
        this.scheduler = scheduler;
        this.callerNumber = callerNumber;
        this.actions = actions;
    }

    /** Starts at {@code elementId} (a number's {@code flow}). */
    public void start(String elementId) {
        go(elementId);
    }

    /**
     * The elements the call has been through, in order (for logs and tests). A caller who walks the menus for a
     * long time gets the first {@value #VISITED_KEPT} and then "… N more", so the list stays bounded.
     */
    public java.util.List<String> visited() {
        if (visitedBeyond == 0) {
            return java.util.List.copyOf(visited);
        }
        java.util.List<String> out = new java.util.ArrayList<>(visited);
        out.add("… " + visitedBeyond + " more");
        return out;
    }

    public boolean isDone() {
        return done;
    }

    /** A key from the caller (RFC 4733, SIP INFO or in-band; already one report per press). */
    public void key(char key) {
        if (done) {
            return;
        }
        if (current instanceof FlowElement.Menu m) {
            feed(m, key);
        } else if (typeAhead.size() < MAX_TYPE_AHEAD) {
            typeAhead.add(key);
        }
    }

    /** The prompt with {@code finishedToken} ended (played out or stopped). */
    public void promptFinished(int finishedToken) {
        if (done || !playing || finishedToken != token) {
            return; // a prompt stopped by barge-in, or one from before
        }
        playing = false;
        if (current instanceof FlowElement.Play p) {
            if (p.then().isPresent()) {
                go(p.then().get());
            } else {
                finish();
                actions.hangUp();
            }
        } else if (current instanceof FlowElement.Menu m) {
            if (phase == Phase.PROMPT) {
                phase = Phase.WAITING;
                timer = scheduler.schedule(m.noInputTimeout(), () -> noInput(m));
            } else if (phase == Phase.NOTICE) {
                playPrompt(m); // ask again
            }
        }
    }

    /**
     * The plan a {@code queue} or {@code transfer} element handed the call to could not take it (full, nobody
     * active, busy, no answer): the call goes on at the element's {@code otherwise}. Keys typed before the
     * call left the flow are dropped; the caller has heard music or ringing since.
     */
    public void overflowed() {
        Optional<String> otherwise = current instanceof FlowElement.Queue q ? q.otherwise()
                : current instanceof FlowElement.Transfer t ? t.otherwise() : Optional.empty();
        if (otherwise.isEmpty()) {
            throw new IllegalStateException("the call is not at a queue or transfer with 'otherwise' (at " + current.id() + ")");
        }
        done = false;
        typeAhead.clear();
        go(otherwise.get());
    }

    /** The call ended or left the flow: timers stop, nothing more happens. */
    public void cancel() {
        cancelTimer();
        done = true;
    }

    // ------------------------------------------------------------------ the walk

    private void go(String id) {
        cancelTimer();
        for (int step = 0; step < MAX_INSTANT_STEPS; step++) {
            String at = id;
            FlowElement e = config.flowElement(at).orElseThrow(() -> new IllegalStateException("no flow element " + at));
            if (visited.size() < VISITED_KEPT) {
                visited.add(id);
            } else {
                visitedBeyond++;
            }
            current = e;
            if (e instanceof FlowElement.CheckHours c) {
                id = calendars.get(c.openingHours()).at(scheduler.now()).open() ? c.open() : c.closed();
            } else if (e instanceof FlowElement.Vip v) {
                boolean listed = v.numbers().contains(callerNumber);
                vip |= listed;
                id = listed ? v.vip() : v.other();
            } else if (e instanceof FlowElement.Link l) {
                id = l.to();
            } else if (e instanceof FlowElement.Queue q) {
                finish();
                actions.queue(q.huntPlan(), vip, q.otherwise().isPresent());
                return;
            } else if (e instanceof FlowElement.Transfer t) {
                finish();
                actions.queue(t.huntPlan(), false, t.otherwise().isPresent());
                return;
            } else if (e instanceof FlowElement.Voicemail v) {
                finish();
                actions.voicemail(v.language());
                return;
            } else if (e instanceof FlowElement.Play p) {
                play(new Prompt(Prompt.Kind.SOUND, p.sound(), p.language()));
                return;
            } else if (e instanceof FlowElement.Menu m) {
                attempts = 0;
                ask(m);
                return;
            }
        }
        throw new IllegalStateException("call flow loops without waiting at " + id);
    }

    private void finish() {
        cancelTimer();
        done = true;
    }

    /** One attempt at a menu: keys typed ahead answer it at once, else the prompt plays. */
    private void ask(FlowElement.Menu m) {
        keys.setLength(0);
        if (typeAhead.isEmpty()) {
            playPrompt(m);
            return;
        }
        phase = Phase.WAITING;
        feed(m, typeAhead.poll());
    }

    private void playPrompt(FlowElement.Menu m) {
        phase = Phase.PROMPT;
        play(new Prompt(Prompt.Kind.SOUND, m.prompt(), m.language()));
    }

    private void feed(FlowElement.Menu m, char key) {
        cancelTimer();
        if (playing) {
            playing = false; // its promptFinished will be ignored
            actions.stopPrompt();
        }
        phase = Phase.WAITING;
        keys.append(key);
        String sofar = keys.toString();
        boolean exact = m.keys().containsKey(sofar);
        boolean couldGrow = m.keys().keySet().stream().anyMatch(k -> k.length() > sofar.length() && k.startsWith(sofar));
        if (exact && !couldGrow) {
            go(m.keys().get(sofar));
        } else if (couldGrow) {
            if (!typeAhead.isEmpty()) {
                feed(m, typeAhead.poll());
                return;
            }
            timer = scheduler.schedule(m.interDigitTimeout(), () -> {
                timer = null;
                if (exact) {
                    go(m.keys().get(sofar));
                } else {
                    retry(m, INVALID);
                }
            });
        } else {
            retry(m, INVALID);
        }
    }

    private void noInput(FlowElement.Menu m) {
        timer = null;
        retry(m, NO_INPUT);
    }

    private void retry(FlowElement.Menu m, String notice) {
        attempts++;
        keys.setLength(0);
        if (attempts > m.retries()) {
            go(m.otherwise());
            return;
        }
        if (!typeAhead.isEmpty()) {
            ask(m);
            return;
        }
        phase = Phase.NOTICE;
        play(new Prompt(Prompt.Kind.NOTICE, notice, m.language()));
    }

    private void play(Prompt prompt) {
        token++;
        playing = true;
        actions.play(prompt, token);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
