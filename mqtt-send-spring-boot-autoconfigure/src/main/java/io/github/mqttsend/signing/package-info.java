/**
 * Where the signature is computed: Alibaba Cloud's V3 ({@code ACS3-HMAC-SHA256}) and V1 (HMAC-SHA1 RPC)
 * request signing, with no Spring dependency.
 */
@NullMarked
package io.github.mqttsend.signing;

import org.jspecify.annotations.NullMarked;
