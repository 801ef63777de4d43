package io.github.mqttsend.signing;

/** The two signature schemes that Alibaba Cloud's RPC-style OpenAPIs accept. */
public enum SignatureVersion {

	/** {@code ACS3-HMAC-SHA256}, in an {@code Authorization} header: what current official SDKs send. */
	V3,

	/** HMAC-SHA1 over the sorted parameters ({@code SignatureVersion=1.0}), in a {@code Signature} parameter. */
	V1;

	/** A new signer for this version. */
	public RequestSigner newSigner() {
		return (this == V3) ? new Acs3HmacSha256Signer() : new RpcHmacSha1Signer();
	}

}
