package io.github.mqttsend.emulator;

/**
 * The service's JSON answers: {@code {"RequestId","MsgId"}} on success, and on failure
 * {@code {"RequestId","HostId","Code","Message","Recommend"}}.
 */
final class JsonAnswers {

	private JsonAnswers() {
	}

	static String success(String requestId, String msgId) {
		return "{\"RequestId\":" + quote(requestId) + ",\"MsgId\":" + quote(msgId) + "}";
	}

	static String error(String requestId, String hostId, String code, String message) {
		return "{\"RequestId\":" + quote(requestId) + ",\"HostId\":" + quote(hostId) + ",\"Code\":" + quote(code)
				+ ",\"Message\":" + quote(message) + ",\"Recommend\":"
				+ quote("https://api.aliyun.com/troubleshoot?q=" + code + "&product=OnsMqtt&requestId=" + requestId) + "}";
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
