package io.github.mqttsend;

/**
 * How a {@code String} payload travels. {@code byte[]} payloads always travel Base64-encoded.
 * <p>
 * The service hands subscribers the {@code Payload} text exactly as it was sent: it does not decode Base64.
 */
public enum PayloadEncoding {

	/** The text travels exactly as given; subscribers receive its UTF-8 bytes. */
	RAW,

	/**
	 * The text's UTF-8 bytes travel Base64-encoded, as the API documentation recommends against non-printable
	 * characters; subscribers receive the Base64 text and decode it themselves.
	 */
	BASE64

}
