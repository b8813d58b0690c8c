package dev.sentral.sip.b2bua;

import dev.sentral.config.NumberConfig;
import dev.sentral.config.OverflowConfig;
import dev.sentral.config.SentralConfig;
import dev.sentral.routing.Scheduler;
import dev.sentral.routing.hunt.HuntEngine;
import dev.sentral.routing.hunt.HuntListener;
import dev.sentral.routing.hunt.Offer;
import dev.sentral.routing.hunt.OfferResult;
import dev.sentral.routing.hunt.PlanView;
import dev.sentral.routing.hunt.RoutingOutcome;
import dev.sentral.sip.call.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The routing owner: one thread that owns the {@link HuntEngine} (member presence shared by all calls and
 * plans), runs its timers, and hands its decisions to the calls as {@link CallEvent}s. Calls report back
 * through the methods here, which only post to that thread.
 *
 * <p>Exception policy at this thread boundary: a task that throws is logged with code SENTRAL-ROUTE-001
 * and counted; the thread carries on.
 */
final class Router implements HuntListener, Scheduler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final ScheduledExecutorService thread;
    private final HuntEngine engine;
    private final Map<Long, SipCall> calls = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder failures;
    private final Map<RoutingOutcome.Kind, LongAdder> outcomes = new EnumMap<>(RoutingOutcome.Kind.class);
    private final List<java.util.function.Consumer<RoutingOutcome>> outcomeListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    Router(SentralConfig config, LongAdder failures) {
        this.failures = failures;
        for (RoutingOutcome.Kind k : RoutingOutcome.Kind.values()) {
            outcomes.put(k, new LongAdder());
        }
        java.util.concurrent.ScheduledThreadPoolExecutor stpe = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "routing");
            t.setDaemon(true);
            return t;
        });
        stpe.setRemoveOnCancelPolicy(true); // ring timers are mostly cancelled by an answer: keep the queue small
        this.thread = stpe;
        dev.sentral.routing.Directory directory = new dev.sentral.routing.Directory(config);
        this.engine = new HuntEngine(config.huntPlans(), this, this,
                number -> directory.sendOnTo(number).map(dev.sentral.config.HuntPlanConfig::id));
    }

    // ------------------------------------------------------------------ from calls (any thread)

    /** Gives a call its routing id; decisions for that id go to {@code call} until {@link #forget}. */
    long register(SipCall call) {
        long id = ids.incrementAndGet();
        calls.put(id, call);
        return id;
    }

    void arrived(long callId, String planId, String callerNumber, boolean vip, boolean backToFlow) {
        run(() -> engine.callArrived(callId, planId, callerNumber, vip, backToFlow));
    }

    void offerAnswered(long offerId) {
        run(() -> engine.offerAnswered(offerId));
    }

    void offerEnded(long offerId, OfferResult result) {
        run(() -> engine.offerEnded(offerId, result));
    }

    void callerLeft(long callId) {
        run(() -> engine.callerLeft(callId));
    }

    void callFinished(long callId) {
        run(() -> engine.callFinished(callId));
    }

    /** A call that ended before it was handed to its plan (refused, or abandoned during the greeting). */
    void endedBeforeRouting(long callId, String planId, String callerNumber, RoutingOutcome.Kind kind, Duration waited,
                            java.util.Optional<dev.sentral.config.OverflowConfig.Destination> destination) {
        run(() -> finished(callId, new RoutingOutcome(kind, planId, callerNumber,
                java.util.Optional.empty(), waited, destination)));
    }

    /** The call is gone for good (after its linger time): decisions for it are answered here. */
    void forget(long callId) {
        calls.remove(callId);
    }

    /**
     * Logs a member in or out. {@code by} says who asked (e.g. {@code api}, {@code feature-code}); presence
     * listeners hear the change when there was one. Without {@code by} (restoring stored state at start)
     * nobody is told.
     */
    void setActive(String planId, String memberKey, boolean active, java.util.Optional<String> by) {
        run(() -> {
            boolean changed = engine.setActive(planId, memberKey, active);
            if (changed && by.isPresent()) {
                PresenceChange change = new PresenceChange(planId, memberKey, active, by.get());
                for (var l : presenceListeners) {
                    l.accept(change);
                }
            }
        });
    }

    private final List<java.util.function.Consumer<PresenceChange>> presenceListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    void addPresenceListener(java.util.function.Consumer<PresenceChange> listener) {
        presenceListeners.add(listener);
    }

    /** A consistent snapshot of every plan, taken on the routing thread. */
    List<PlanView> plans(List<String> planIds) {
        CompletableFuture<List<PlanView>> f = new CompletableFuture<>();
        run(() -> {
            List<PlanView> out = new ArrayList<>();
            for (String id : planIds) {
                engine.plan(id).ifPresent(out::add);
            }
            f.complete(out);
        });
        try {
            return f.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
    }

    /** {@code listener} hears every routing outcome, on the routing thread; it must not block. */
    void addOutcomeListener(java.util.function.Consumer<RoutingOutcome> listener) {
        outcomeListeners.add(listener);
    }

    long outcomes(RoutingOutcome.Kind kind) {
        return outcomes.get(kind).sum();
    }

    // ------------------------------------------------------------------ HuntListener (on the routing thread)

    @Override
    public void offer(long callId, Offer offer) {
        SipCall call = calls.get(callId);
        if (call == null) {
            // The call is long gone: the phone was never rung. Reported after the engine returns.
            run(() -> engine.offerEnded(offer.offerId(), OfferResult.CANCELLED));
            return;
        }
        call.post(new CallEvent.MemberOffered(offer));
    }

    @Override
    public void withdraw(long callId, long offerId) {
        post(callId, new CallEvent.OfferWithdrawn(offerId));
    }

    @Override
    public void queued(long callId, int position, java.util.Optional<Duration> estimatedWait) {
        post(callId, new CallEvent.CallQueued(position, estimatedWait));
    }

    @Override
    public void overflow(long callId, OverflowConfig.Destination destination) {
        post(callId, new CallEvent.CallOverflowed(destination));
    }

    @Override
    public void finished(long callId, RoutingOutcome outcome) {
        outcomes.get(outcome.kind()).increment();
        for (var l : outcomeListeners) {
            l.accept(outcome);
        }
        SipCall call = calls.get(callId);
        log.info("call {}: {}", call == null ? "#" + callId : call.callerCallId(), outcome);
    }

    private void post(long callId, CallEvent event) {
        SipCall call = calls.get(callId);
        if (call != null) {
            call.post(event);
        }
    }

    // ------------------------------------------------------------------ Scheduler (for the engine)

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = thread.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    // ------------------------------------------------------------------ the thread

    private void run(Runnable task) {
        try {
            thread.execute(guarded(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("routing stopped; dropped a task");
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                failures.increment();
                log.error("SENTRAL-ROUTE-001 routing task failed", t);
            }
        };
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
