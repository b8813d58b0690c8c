package dev.sentral.sip.call;

import dev.sentral.config.MemberConfig;
import dev.sentral.config.OverflowConfig;
import dev.sentral.routing.hunt.OfferResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link CallContext} that records what the FSM asked for, as readable lines. */
final class RecordingContext implements CallContext {
    final List<String> actions = new ArrayList<>();
    final List<String> sdps = new ArrayList<>();
    final List<CallOutcome> outcomes = new ArrayList<>();
    final List<String> unhandled = new ArrayList<>();
    boolean mediaAvailable = true;
    /** Registered phones of users, for members that are users. */
    final java.util.Map<String, List<String>> registered = new java.util.HashMap<>();

    List<String> take() {
        List<String> copy = List.copyOf(actions);
        actions.clear();
        return copy;
    }

    String lastSdp() {
        return sdps.get(sdps.size() - 1);
    }

    @Override
    public void ringCaller() {
        actions.add("180 to caller");
    }

    @Override
    public void rejectCaller(int status, String reason) {
        actions.add(status + " to caller");
    }

    @Override
    public void answerCaller(String sdp) {
        sdps.add(sdp);
        actions.add("200 to caller");
    }

    @Override
    public void answerCallerReinvite(String sdp) {
        sdps.add(sdp);
        actions.add("200 to caller re-INVITE");
    }

    @Override
    public void rejectCallerReinvite(int status, String reason) {
        actions.add(status + " to caller re-INVITE");
    }

    @Override
    public void reinviteCaller(String sdp) {
        sdps.add(sdp);
        actions.add("re-INVITE caller");
    }

    @Override
    public void byeCaller() {
        actions.add("BYE caller");
    }

    @Override
    public List<String> reach(MemberConfig member) {
        return member.user().map(u -> registered.getOrDefault(u, List.of())).orElse(List.of(member.uri()));
    }

    @Override
    public void inviteMember(int leg, MemberConfig member, String sdp) {
        sdps.add(sdp);
        actions.add("INVITE " + member.name() + " as leg " + leg);
    }

    @Override
    public void cancelMember(int leg) {
        actions.add("CANCEL leg " + leg);
    }

    @Override
    public void ackMember(int leg) {
        actions.add("ACK leg " + leg);
    }

    @Override
    public void byeMember(int leg) {
        actions.add("BYE leg " + leg);
    }

    @Override
    public void answerMemberReinvite(int leg, String sdp) {
        sdps.add(sdp);
        actions.add("200 to leg " + leg + " re-INVITE");
    }

    @Override
    public void rejectMemberReinvite(int leg, int status, String reason) {
        actions.add(status + " to leg " + leg + " re-INVITE");
    }

    @Override
    public void reinviteMember(int leg, String sdp) {
        sdps.add(sdp);
        actions.add("re-INVITE leg " + leg);
    }

    @Override
    public Optional<LocalMedia> openMedia() {
        actions.add("open media");
        return mediaAvailable ? Optional.of(new LocalMedia("127.0.0.1", 20000, 20002)) : Optional.empty();
    }

    @Override
    public void connectMedia(String callerHost, int callerPort, String memberHost, int memberPort) {
        actions.add("relay " + callerHost + ":" + callerPort + " <-> " + memberHost + ":" + memberPort);
    }

    @Override
    public void listenForCallerKeys(int telephoneEventPt) {
        actions.add("keys " + telephoneEventPt);
    }

    @Override
    public void listenForMenuKeys(int telephoneEventPt, int audioPt) {
        actions.add("menu keys " + telephoneEventPt + "/" + audioPt);
    }

    @Override
    public void stopMenuKeys() {
        actions.add("no menu keys");
    }

    /** Makes the flow sessions of flow calls (tests set it with their configuration and virtual clock). */
    java.util.function.Function<dev.sentral.routing.flow.FlowSession.Actions, dev.sentral.routing.flow.FlowSession> flows;
    String plan = "";
    boolean planAnnounces = true;

    @Override
    public dev.sentral.routing.flow.FlowSession newFlowSession(dev.sentral.routing.flow.FlowSession.Actions a) {
        return flows.apply(a);
    }

    @Override
    public void playFlowPrompt(dev.sentral.routing.flow.FlowSession.Prompt prompt, int token, int payloadType) {
        actions.add("play " + prompt.id() + " #" + token);
    }

    @Override
    public void stopFlowPrompt() {
        actions.add("stop prompt");
    }

    @Override
    public void playNotice(dev.sentral.routing.flow.FlowSession.Prompt prompt, int payloadType) {
        actions.add("notice " + prompt.id());
    }

    @Override
    public boolean enterPlan(String planId, boolean vip, boolean backToFlow) {
        plan = planId;
        actions.add("plan " + planId + (vip ? " VIP" : "") + (backToFlow ? " (else back to the flow)" : ""));
        return planAnnounces;
    }

    @Override
    public void useLanguage(String language) {
        actions.add("language " + language);
    }

    @Override
    public void updateCallerMedia(String host, int port) {
        actions.add("caller media " + host + ":" + port);
    }

    @Override
    public void updateMemberMedia(String host, int port) {
        actions.add("member media " + host + ":" + port);
    }

    @Override
    public void watchCallerMedia() {
        actions.add("watch caller media");
    }

    @Override
    public void closeMedia() {
        actions.add("close media");
    }

    @Override
    public void playOverflowPrompt(OverflowConfig.Destination destination, int payloadType) {
        actions.add("play " + destination.configName() + " prompt in PT " + payloadType);
    }

    @Override
    public void playGreeting(int payloadType) {
        actions.add("play greeting in PT " + payloadType);
    }

    @Override
    public void startMusic(int payloadType) {
        actions.add("music in PT " + payloadType);
    }

    @Override
    public void stopMusic() {
        actions.add("stop music");
    }

    @Override
    public void pauseMusic() {
        actions.add("pause music");
    }

    @Override
    public void resumeMusic() {
        actions.add("resume music");
    }

    @Override
    public void announcePosition(int position, java.util.Optional<java.time.Duration> estimatedWait, int payloadType) {
        actions.add("announce position " + position + estimatedWait.map(w -> ", wait " + w.toSeconds() + "s").orElse(""));
    }

    @Override
    public void stopAnnouncement() {
        actions.add("stop announcement");
    }

    @Override
    public void scheduleAnnouncement(java.time.Duration delay) {
        actions.add("announcement in " + delay.toSeconds() + "s");
    }

    @Override
    public void cancelAnnouncement() {
        actions.add("no announcement");
    }

    @Override
    public void routeCall() {
        actions.add("route call");
    }

    @Override
    public void offerAnswered(long offerId) {
        actions.add("offer " + offerId + " answered");
    }

    @Override
    public void offerEnded(long offerId, OfferResult result) {
        actions.add("offer " + offerId + " " + result);
    }

    @Override
    public void callerLeft() {
        actions.add("caller left");
    }

    @Override
    public void callFinished() {
        actions.add("call finished");
    }

    @Override
    public void callEnded(CallOutcome outcome) {
        outcomes.add(outcome);
        actions.add("ended " + outcome.kind());
    }

    @Override
    public void unhandled(CallState state, CallEvent event) {
        unhandled.add(state + " " + event);
    }
}
