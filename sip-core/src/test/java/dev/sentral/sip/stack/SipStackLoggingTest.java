package dev.sentral.sip.stack;

import gov.nist.core.CommonLogger;
import gov.nist.core.LogLevels;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipStackLoggingTest {

    @Test
    void log4jIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("org.apache.log4j.Logger")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.logging.log4j.core.Logger")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theStackLogsThroughSlf4j() {
        Properties p = new Properties();
        SipStackLogging.install(p);

        // Without the adapter this call would need log4j and fail with NoClassDefFoundError.
        CommonLogger.getLogger("gov.nist.javax.sip.stack.SIPTransactionStack").logError("adapter check");

        assertThat(CommonLogger.legacyLogger).isInstanceOf(Slf4jStackLogger.class);
        assertThat(p.getProperty("gov.nist.javax.sip.STACK_LOGGER")).isEqualTo(Slf4jStackLogger.class.getName());
        assertThat(p.getProperty("gov.nist.javax.sip.SERVER_LOGGER")).isEqualTo(Slf4jServerLogger.class.getName());
        assertThat(new Slf4jStackLogger().isLoggingEnabled(LogLevels.TRACE_ERROR)).isTrue();
        assertThat(new Slf4jStackLogger().isLoggingEnabled(LogLevels.TRACE_DEBUG)).isFalse();
    }
}
