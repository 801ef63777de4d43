package io.github.mqttsend;

/**
 * What the service answered to an accepted message.
 *
 * @param msgId the message ID the service assigned
 * @param requestId the service's request ID, to quote to Alibaba Cloud support
 */
public record SendResult(String msgId, String requestId) {

}
