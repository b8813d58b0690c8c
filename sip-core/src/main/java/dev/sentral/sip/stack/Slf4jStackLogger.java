package dev.sentral.sip.stack;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * Routes the JAIN-SIP RI's internal logging to SLF4J, so the stack needs no log4j on the classpath.
 * Installed through {@code gov.nist.core.CommonLogger} before the stack is created (see {@link SipStackLogging}).
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");
    /** The RI only hands messages to the server logger when this answers true for TRACE_MESSAGES. */
    private static final Logger wire = LoggerFactory.getLogger("sentral.sip.wire");

    @Override
    public void logStackTrace() {
        if (log.isTraceEnabled()) {
            log.trace("stack trace", new Throwable());
        }
    }

    @Override
    public void logStackTrace(int traceLevel) {
        if (isLoggingEnabled(traceLevel)) {
            log.debug("stack trace", new Throwable());
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        log.warn("exception in SIP stack", ex);
    }

    @Override
    public void logDebug(String message) {
        log.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        log.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        log.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        log.error(message);
    }

    @Override
    public void logError(String message) {
        log.error(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return log.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        // gov.nist.core.LogLevels: FATAL=2, ERROR=4, WARN=8, INFO=16, DEBUG=32, TRACE=64
        if (level <= TRACE_ERROR) {
            return log.isErrorEnabled();
        }
        if (level <= TRACE_WARN) {
            return log.isWarnEnabled();
        }
        if (level <= TRACE_INFO) {
            // TRACE_MESSAGES == TRACE_INFO: say yes when the wire log is on; the stack's own INFO lines
            // still go to the gov.nist logger, whose level filters them.
            return log.isInfoEnabled() || (level == TRACE_MESSAGES && wire.isDebugEnabled());
        }
        if (level <= TRACE_DEBUG) {
            return log.isDebugEnabled();
        }
        return log.isTraceEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        log.error(message, ex);
    }

    @Override
    public void logWarning(String message) {
        log.warn(message);
    }

    @Override
    public void logInfo(String message) {
        log.info(message);
    }

    @Override
    public void disableLogging() {
        // levels are governed by the Logback configuration
    }

    @Override
    public void enableLogging() {
        // levels are governed by the Logback configuration
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        log.debug("JAIN-SIP RI build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties properties) {
        // nothing to configure: Logback owns levels and appenders
    }

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}
