package io.github.mqttsend.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import io.github.mqttsend.MqttSendTransportException;

/**
 * Turns an I/O failure into a {@link MqttSendTransportException} that says whether the request may have
 * reached the service. A refused or unroutable connection never carried it; a read timeout or a connection
 * lost after the request was written may have, and the message may be stored although no answer came back.
 */
final class TransportErrors {

	static final String CONNECT_FAILED = "Transport.ConnectFailed";

	static final String READ_TIMEOUT = "Transport.ReadTimeout";

	static final String CONNECTION_LOST = "Transport.ConnectionLost";

	private TransportErrors() {
	}

	static MqttSendTransportException toException(IOException ex, String endpoint) {
		if (beforeRequestSent(ex)) {
			return new MqttSendTransportException("SendMessage could not connect to " + endpoint + ": " + describe(ex)
					+ ". The message was not sent.", CONNECT_FAILED, false, ex);
		}
		if (ex instanceof SocketTimeoutException) {
			return new MqttSendTransportException("SendMessage timed out waiting for an answer from " + endpoint
					+ ". Delivery is unknown: the service may have stored the message.", READ_TIMEOUT, true, ex);
		}
		return new MqttSendTransportException("SendMessage lost the connection to " + endpoint + " before an answer ("
				+ describe(ex) + "). Delivery is unknown: the service may have stored the message.", CONNECTION_LOST,
				true, ex);
	}

	private static boolean beforeRequestSent(IOException ex) {
		// by type where the JDK names it, by name for clients this module does not depend on
		// (Apache HttpClient's ConnectTimeoutException, the JDK client's HttpConnectTimeoutException)
		return ex instanceof ConnectException || ex instanceof UnknownHostException
				|| ex instanceof NoRouteToHostException || ex.getClass().getSimpleName().contains("ConnectTimeout");
	}

	private static String describe(IOException ex) {
		return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
	}

}
