package io.github.mqttsend.credentials;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What the credentials chain reads from the machine it runs on: environment variables, system properties and
 * the user's home directory. {@link #system()} is the real process; tests pass their own, so that they never
 * change the process environment.
 */
public final class HostEnvironment {

	private final Function<String, @Nullable String> environmentVariables;

	private final Function<String, @Nullable String> systemProperties;

	private final Path userHome;

	/**
	 * @param environmentVariables looks up an environment variable, {@code null} when unset
	 * @param systemProperties looks up a system property, {@code null} when unset
	 * @param userHome the directory {@code ~} stands for
	 */
	public HostEnvironment(Function<String, @Nullable String> environmentVariables,
			Function<String, @Nullable String> systemProperties, Path userHome) {
		this.environmentVariables = environmentVariables;
		this.systemProperties = systemProperties;
		this.userHome = userHome;
	}

	/** The running process: {@link System#getenv(String)}, {@link System#getProperty(String)}, {@code user.home}. */
	public static HostEnvironment system() {
		return new HostEnvironment(System::getenv, System::getProperty, Path.of(System.getProperty("user.home", ".")));
	}

	/** A fixed environment, for tests and for applications that resolve credentials for someone else. */
	public static HostEnvironment of(Map<String, String> environmentVariables, Map<String, String> systemProperties,
			Path userHome) {
		Map<String, String> env = Map.copyOf(environmentVariables);
		Map<String, String> properties = Map.copyOf(systemProperties);
		return new HostEnvironment(env::get, properties::get, userHome);
	}

	/** The environment variable {@code name}, or {@code null} when it is unset or blank. */
	public @Nullable String environmentVariable(String name) {
		return blankToNull(this.environmentVariables.apply(name));
	}

	/** The system property {@code name}, or {@code null} when it is unset or blank. */
	public @Nullable String systemProperty(String name) {
		return blankToNull(this.systemProperties.apply(name));
	}

	/** The user's home directory. */
	public Path userHome() {
		return this.userHome;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	@Override
	public String toString() {
		// never the values: some of them are secrets
		return "HostEnvironment[user.home=" + this.userHome + "]";
	}

}
