package io.github.mqttsend.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Alibaba Cloud's INI credentials file ({@code ~/.alibabacloud/credentials.ini}): {@code [profile]} sections of
 * {@code key = value} lines, {@code #} and {@code ;} comments. Never printed.
 */
final class CredentialsFile {

	private final Path path;

	private final Map<String, Map<String, String>> profiles;

	private CredentialsFile(Path path, Map<String, Map<String, String>> profiles) {
		this.path = path;
		this.profiles = profiles;
	}

	/**
	 * Reads the file at {@code path}.
	 * @throws CredentialsUnavailableException if there is none or it cannot be read
	 */
	static CredentialsFile read(Path path) {
		if (!Files.isRegularFile(path)) {
			throw new CredentialsUnavailableException("no credentials file at " + path);
		}
		try {
			return new CredentialsFile(path, parse(Files.readAllLines(path, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new CredentialsUnavailableException("credentials file " + path + " cannot be read ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	static Map<String, Map<String, String>> parse(List<String> lines) {
		Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
		Map<String, String> section = null;
		for (String raw : lines) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
				continue;
			}
			if (line.startsWith("[") && line.endsWith("]")) {
				section = profiles.computeIfAbsent(line.substring(1, line.length() - 1).strip(), (name) -> new LinkedHashMap<>());
				continue;
			}
			int eq = line.indexOf('=');
			if (section != null && eq > 0) {
				section.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
			}
		}
		return profiles;
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && ((value.startsWith("\"") && value.endsWith("\""))
				|| (value.startsWith("'") && value.endsWith("'")))) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

	Path path() {
		return this.path;
	}

	/** The profile {@code name}'s settings, or {@code null} when the file has no such section. */
	@Nullable Map<String, String> profile(String name) {
		return this.profiles.get(name);
	}

	@Override
	public String toString() {
		return "CredentialsFile[" + this.path + ", profiles " + this.profiles.keySet() + "]";
	}

}
