package io.github.mqttsend.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The service's JSON answer: {@code {"MsgId","RequestId"}} on success, {@code {"RequestId","HostId","Code",
 * "Message"}} on failure.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ServiceAnswer(@JsonProperty("MsgId") @Nullable String msgId,
		@JsonProperty("RequestId") @Nullable String requestId, @JsonProperty("Code") @Nullable String code,
		@JsonProperty("Message") @Nullable String message) {

}
