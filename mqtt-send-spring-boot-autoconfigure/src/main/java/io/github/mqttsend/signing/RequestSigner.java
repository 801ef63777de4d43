package io.github.mqttsend.signing;

import java.time.Instant;

import io.github.mqttsend.credentials.Credentials;

/**
 * Signs an {@link OpenApiRequest}. Implementations are stateless and thread-safe: every call gets its own
 * timestamp and nonce, so that no two HTTP requests, retries included, ever share a nonce.
 *
 * @see Acs3HmacSha256Signer
 * @see RpcHmacSha1Signer
 */
public interface RequestSigner {

	/**
	 * Signs {@code request}.
	 * @param request the request to sign
	 * @param credentials the credentials to sign with
	 * @param timestamp the request time, sent truncated to seconds in UTC
	 * @param nonce a value never used before within 15 minutes
	 * @return the request with its signature, ready to send
	 */
	SignedRequest sign(OpenApiRequest request, Credentials credentials, Instant timestamp, String nonce);

	/** The signature version this signer implements. */
	SignatureVersion version();

}
