package io.github.mqttsend.sample;

/** The sample's subscriber could not connect or subscribe; the message says why, in one line. */
final class SubscriberNotConnectedException extends Exception {

	private static final long serialVersionUID = 1L;

	SubscriberNotConnectedException(String message, Throwable cause) {
		super(message, cause);
	}

}
