package dev.sentral.routing.bench;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.HuntStrategy;
import dev.sentral.config.MemberConfig;
import dev.sentral.config.OfferLimit;
import dev.sentral.config.OverflowConfig;
import dev.sentral.config.QueueConfig;
import dev.sentral.routing.ManualScheduler;
import dev.sentral.routing.hunt.HuntEngine;
import dev.sentral.routing.hunt.HuntListener;
import dev.sentral.routing.hunt.Offer;
import dev.sentral.routing.hunt.OfferResult;
import dev.sentral.routing.hunt.RoutingOutcome;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Benchmark (not a test): the hunt engine alone, in virtual time, keeping {@code calls} calls queued or
 * ringing across {@code plans} plans (ten members each, all five strategies; most members busy, so calls
 * queue and every freed member is offered to the head of a queue), while a bounded stream of inputs
 * arrives: members answer (and a new caller arrives), reject, finish calls; callers hang up (and a new one
 * arrives); time passes so ring timeouts fire. Reports engine inputs/s, decisions/s (offers, withdrawals, queueing, overflows) and
 * bytes allocated by the engine per decision. The harness's own bookkeeping is allocation-free arrays.
 *
 * <pre>bench/routing.sh [calls plans inputs]   (defaults 10000 1000 1000000)</pre>
 */
public final class RoutingBenchmark implements HuntListener {
    private static final int MEMBERS_PER_PLAN = 10;
    private static final byte NONE = 0, RINGING = 1, WITHDRAWN = 2;
    private static final byte WAITING = 1, CONNECTED = 2, GONE = 3;

    private final SplittableRandom random = new SplittableRandom(42);
    private final int planCount;
    private final List<String> planIds = new ArrayList<>();
    // offers, by offer id (sequential from 1)
    private byte[] offerState = new byte[1 << 20];
    private int[] offerCall = new int[1 << 20];
    /** Offers of one call as an intrusive list: the call's latest offer, and each offer's previous one. */
    private int[] offerPrevOfCall = new int[1 << 20];
    private int[] callLastOffer = new int[1 << 20];
    private long[] liveOffers = new long[1 << 16];
    private int liveCount;
    private long[] withdrawn = new long[1 << 16];
    private int withdrawnCount;
    // calls, by call id (sequential from 1)
    private byte[] callState = new byte[1 << 20];
    private int[] connected = new int[1 << 16];
    private int connectedCount;
    private int[] waiting = new int[1 << 16];
    private int waitingCount;
    private int nextCall;
    private long finished;
    private final ManualScheduler time = new ManualScheduler();
    private final HuntEngine engine;

    RoutingBenchmark(int planCount) {
        this.planCount = planCount;
        List<HuntPlanConfig> plans = new ArrayList<>();
        HuntStrategy[] strategies = HuntStrategy.values();
        for (int p = 0; p < planCount; p++) {
            List<MemberConfig> members = new ArrayList<>();
            for (int m = 0; m < MEMBERS_PER_PLAN; m++) {
                // every fifth plan shares its last two members with the next plan: busy across plans
                int owner = m >= 8 && p % 5 == 0 ? p + 1 : p;
                members.add(new MemberConfig("p" + owner + "m" + m, "sip:p" + owner + "m" + m + "@10.0.0.1",
                        Optional.empty(), m % 3, true, 1));
            }
            String id = "plan" + p;
            planIds.add(id);
            plans.add(new HuntPlanConfig(id, id, strategies[p % strategies.length], Duration.ofSeconds(20), members,
                    new QueueConfig(true, 1000, false), OfferLimit.UNLIMITED, OverflowConfig.DEFAULT, Set.of("+4599")));
        }
        engine = new HuntEngine(plans, time, this, n -> Optional.empty());
    }

    public static void main(String[] args) throws IOException {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int plans = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        long inputs = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        String results = System.getProperty("results", "bench/results/routing.txt");
        // warm-up on a separate engine so the JIT has compiled the paths, then the measured run
        new RoutingBenchmark(plans).run(calls, Math.min(inputs, 300_000), null);
        new RoutingBenchmark(plans).run(calls, inputs, Path.of(results));
    }

    private void run(int population, long inputs, Path results) throws IOException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long bytes0 = mx.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        for (int i = 0; i < population; i++) {
            arrive();
        }
        long setupNanos = System.nanoTime() - t0;
        long setupDecisions = engine.decisions();
        long setupBytes = mx.getThreadAllocatedBytes(tid) - bytes0;

        long d0 = engine.decisions();
        long b0 = mx.getThreadAllocatedBytes(tid);
        long s0 = System.nanoTime();
        long deadline = s0 + Duration.ofSeconds(60).toNanos(); // bounded in time as well as in count
        long done = 0;
        while (done < inputs) {
            if ((done & 1023) == 0 && System.nanoTime() > deadline) {
                break;
            }
            step();
            done++;
        }
        long nanos = System.nanoTime() - s0;
        long decisions = engine.decisions() - d0;
        long bytes = mx.getThreadAllocatedBytes(tid) - b0;
        if (results == null) {
            return;
        }
        String line = String.format("%-7d %-6d %-9d %-12.0f %-13.0f %-10.0f %-11.1f %-9d %-9d%n",
                population, planCount, done, done / (nanos / 1e9), decisions / (nanos / 1e9),
                (double) nanos / decisions, (double) bytes / decisions, engine.liveOffers(),
                engine.trackedCalls() - connectedCount);
        String setup = String.format("# arrival of the first %d calls: %d decisions in %.1f ms, %.0f bytes/decision%n",
                population, setupDecisions, setupNanos / 1e6, (double) setupBytes / Math.max(1, setupDecisions));
        StringBuilder out = new StringBuilder();
        if (!Files.exists(results) || Files.size(results) == 0) {
            out.append("# Sentral routing benchmark: the hunt engine alone, virtual time, one thread\n");
        }
        out.append("# ").append(java.time.OffsetDateTime.now().withNano(0)).append(" — ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append('\n')
                .append(setup)
                .append(String.format("%-7s %-6s %-9s %-12s %-13s %-10s %-11s %-9s %-9s%n", "calls", "plans", "inputs",
                        "inputs/s", "decisions/s", "ns/decision", "B/decision", "ringing", "unanswered"))
                .append(line);
        System.out.print(out);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** One input of the mixed workload, chosen at random. */
    private void step() {
        int r = random.nextInt(100);
        if (r < 30) {
            answerSomeone();
        } else if (r < 65) {
            finishACall();
        } else if (r < 75) {
            rejectSomeone();
        } else if (r < 85) {
            time.advance(Duration.ofMillis(500)); // ring timeouts and round pauses fall due
        } else {
            someoneHangsUp();
        }
        reportWithdrawn();
    }

    private void arrive() {
        int id = ++nextCall;
        if (id >= callState.length) {
            callState = java.util.Arrays.copyOf(callState, callState.length * 2);
            callLastOffer = java.util.Arrays.copyOf(callLastOffer, callLastOffer.length * 2);
        }
        callState[id] = WAITING;
        waiting = push(waiting, waitingCount++, id);
        engine.callArrived(id, planIds.get(random.nextInt(planCount)), random.nextInt(20) == 0 ? "+4599" : "+4511");
        reportWithdrawn();
    }

    private void answerSomeone() {
        long offer = pickLiveOffer();
        if (offer == 0) {
            return;
        }
        int call = offerCall[(int) offer];
        offerState[(int) offer] = NONE;
        engine.offerAnswered(offer);
        // the call cancels its other phones (the engine withdraws them; reported below)
        if (callState[call] == WAITING) {
            callState[call] = CONNECTED;
            connected = push(connected, connectedCount++, call);
            arrive(); // keep the queued/ringing population constant
        }
    }

    private void rejectSomeone() {
        long offer = pickLiveOffer();
        if (offer != 0) {
            offerState[(int) offer] = NONE;
            engine.offerEnded(offer, random.nextBoolean() ? OfferResult.DECLINED : OfferResult.BUSY);
        }
    }

    private void finishACall() {
        if (connectedCount == 0) {
            return;
        }
        int i = random.nextInt(connectedCount);
        int call = connected[i];
        connected[i] = connected[--connectedCount];
        callState[call] = GONE;
        engine.callFinished(call);
    }

    private void someoneHangsUp() {
        while (waitingCount > 0) {
            int i = random.nextInt(waitingCount);
            int call = waiting[i];
            waiting[i] = waiting[--waitingCount];
            if (callState[call] == WAITING) {
                callState[call] = GONE;
                engine.callerLeft(call);
                // the call cancels whatever rings for it
                for (int o = callLastOffer[call]; o != 0; o = offerPrevOfCall[o]) {
                    if (offerState[o] != NONE) {
                        offerState[o] = NONE;
                        engine.offerEnded(o, OfferResult.CANCELLED);
                    }
                }
                arrive();
                return;
            }
        }
    }

    /** A random offer still ringing (lazy deletion: stale slots are dropped as they are found). */
    private long pickLiveOffer() {
        while (liveCount > 0) {
            int i = random.nextInt(liveCount);
            long o = liveOffers[i];
            if (offerState[(int) o] == RINGING) {
                liveOffers[i] = liveOffers[--liveCount];
                return o;
            }
            liveOffers[i] = liveOffers[--liveCount];
        }
        return 0;
    }

    private void reportWithdrawn() {
        while (withdrawnCount > 0) {
            long o = withdrawn[--withdrawnCount];
            if (offerState[(int) o] == WITHDRAWN) {
                offerState[(int) o] = NONE;
                engine.offerEnded(o, OfferResult.CANCELLED);
            }
        }
    }

    private static int[] push(int[] a, int at, int v) {
        int[] out = at < a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
        out[at] = v;
        return out;
    }

    private static long[] push(long[] a, int at, long v) {
        long[] out = at < a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
        out[at] = v;
        return out;
    }

    // ------------------------------------------------------------------ the engine's decisions

    @Override
    public void offer(long callId, Offer offer) {
        int id = (int) offer.offerId();
        if (id >= offerState.length) {
            offerState = java.util.Arrays.copyOf(offerState, offerState.length * 2);
            offerCall = java.util.Arrays.copyOf(offerCall, offerCall.length * 2);
            offerPrevOfCall = java.util.Arrays.copyOf(offerPrevOfCall, offerPrevOfCall.length * 2);
        }
        offerState[id] = RINGING;
        offerCall[id] = (int) callId;
        offerPrevOfCall[id] = callLastOffer[(int) callId];
        callLastOffer[(int) callId] = id;
        liveOffers = push(liveOffers, liveCount++, id);
    }

    @Override
    public void withdraw(long callId, long offerId) {
        if (offerState[(int) offerId] == RINGING) {
            offerState[(int) offerId] = WITHDRAWN;
            withdrawn = push(withdrawn, withdrawnCount++, offerId);
        }
    }

    @Override
    public void queued(long callId, int position, java.util.Optional<java.time.Duration> estimatedWait) {
    }

    @Override
    public void overflow(long callId, OverflowConfig.Destination destination) {
        callState[(int) callId] = GONE;
    }

    @Override
    public void finished(long callId, RoutingOutcome outcome) {
        finished++;
    }
}
