package io.github.mqttsend.emulator;

import java.util.SortedMap;

/**
 * A request whose signature, clock, nonce and token checked out.
 *
 * @param accessKeyId the AccessKeyId it was signed with
 * @param signatureVersion how it was signed
 * @param parameters every parameter, query string and form body together, decoded
 */
record VerifiedCall(String accessKeyId, SignatureVersion signatureVersion, SortedMap<String, String> parameters) {

}
