package dev.sentral.sip.stack;

import gov.nist.core.CommonLogger;

import java.util.Properties;

/** Points the JAIN-SIP RI's logging at SLF4J. Must run before the first stack class logs anything. */
public final class SipStackLogging {
    private SipStackLogging() {
    }

    public static synchronized void install(Properties stackProperties) {
        // Without these two, CommonLogger falls back to log4j 1.x, which is not (and must not be) on the classpath.
        CommonLogger.useLegacyLogger = true;
        if (!(CommonLogger.legacyLogger instanceof Slf4jStackLogger)) {
            CommonLogger.legacyLogger = new Slf4jStackLogger();
        }
        stackProperties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        stackProperties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
    }
}
