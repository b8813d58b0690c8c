package dev.sentral.server.it;

import java.util.Map;

/**
 * What one SIPp run reported, read from its {@code -trace_stat} CSV (cumulative columns) and exit code.
 *
 * @param exitCode  0 all calls succeeded, 1 some failed, 97 stopped by command, 99 ended without any call
 * @param stats     the last statistics row, column name → value
 * @param errors    the contents of the {@code -trace_err} file (unexpected messages and the like)
 */
public record SippResult(String scenario, int exitCode, Map<String, String> stats, String errors) {

    public long successful() {
        return count("SuccessfulCall(C)");
    }

    public long failed() {
        return count("FailedCall(C)");
    }

    public long unexpectedMessages() {
        return count("FailedUnexpectedMessage(C)");
    }

    public long outOfCallMessages() {
        return count("OutOfCallMsgs(C)");
    }

    public long retransmissions() {
        return count("Retransmissions(C)");
    }

    public long created() {
        return count("TotalCallCreated");
    }

    public long count(String column) {
        String v = stats.get(column);
        return v == null || v.isBlank() ? -1 : Long.parseLong(v.trim());
    }

    @Override
    public String toString() {
        return scenario + ": exit " + exitCode + ", created " + created() + ", successful " + successful() + ", failed "
                + failed() + ", unexpected " + unexpectedMessages() + ", out-of-call " + outOfCallMessages()
                + (errors.isBlank() ? "" : "\n--- errors ---\n" + errors.lines().limit(30).reduce("", (a, b) -> a + b + "\n"));
    }
}
