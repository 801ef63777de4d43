package io.github.mqttsend.emulator;

/** The two signature schemes SendMessage accepts. */
public enum SignatureVersion {

	/** {@code ACS3-HMAC-SHA256}: an {@code Authorization} header over the canonical request. */
	V3,

	/** The RPC scheme, HMAC-SHA1 with {@code SignatureVersion=1.0}: a {@code Signature} parameter. */
	V1

}
