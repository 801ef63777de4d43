package io.github.mqttsend.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.mqttsend.credentials.Credentials;

/**
 * Warns, once at start-up, when temporary credentials meet Apache HttpClient's debug logging. The STS security
 * token travels in every signed request (a header in V3, the query in V1), and HttpClient's own
 * {@code headers}, {@code wire} and {@code MainClientExec} loggers print requests as they travel at DEBUG: the
 * starter cannot keep the token out of them, only say so. AccessKey secrets never travel, so never show there.
 */
final class WireLoggingWarning {

	static final List<String> WIRE_LOGGERS = List.of("org.apache.hc.client5.http.headers",
			"org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.impl.classic.MainClientExec");

	private static final Log logger = LogFactory.getLog(MqttSendAutoConfiguration.class);

	private WireLoggingWarning() {
	}

	static void check(Credentials credentials) {
		if (credentials.securityToken() == null) {
			return;
		}
		List<String> debugging = WIRE_LOGGERS.stream().filter((name) -> LogFactory.getLog(name).isDebugEnabled()).toList();
		if (!debugging.isEmpty() && logger.isWarnEnabled()) {
			logger.warn("Apache HttpClient logs requests as they travel at DEBUG (" + String.join(", ", debugging)
					+ "): with STS credentials every SendMessage request carries the security token, so those logs "
					+ "will hold it. Keep these loggers at INFO outside a debugging session.");
		}
	}

}
