package io.github.mqttsend.credentials;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Credentials from the first of several sources that has them, in the order Alibaba Cloud's own SDKs look:
 * system properties, environment variables, OIDC (RRSA on ACK), the credentials file, the ECS instance's RAM
 * role. The sources are asked once, by {@link #resolve(List)}; the chain then keeps to the source it found and
 * reports it at INFO, once, with the AccessKeyId shortened to its first and last characters.
 * <p>
 * Build one from settings with {@link #builder()}.
 */
public final class CredentialsChain implements CredentialsProvider {

	private static final Log logger = LogFactory.getLog(CredentialsChain.class);

	private final String sourceName;

	private final CredentialsProvider provider;

	private CredentialsChain(String sourceName, CredentialsProvider provider) {
		this.sourceName = sourceName;
		this.provider = provider;
	}

	/** A builder of the chain Alibaba Cloud's SDKs use, from a few settings. */
	public static CredentialsChainBuilder builder() {
		return new CredentialsChainBuilder();
	}

	/**
	 * Asks each source in turn and returns a chain backed by the first that has credentials.
	 * @throws NoCredentialsFoundException listing every source and why it had none
	 */
	public static CredentialsChain resolve(List<? extends CredentialsSource> sources) {
		List<NoCredentialsFoundException.Attempt> attempts = new ArrayList<>();
		for (CredentialsSource source : sources) {
			try {
				CredentialsProvider provider = source.resolve();
				Credentials credentials = provider.getCredentials();
				if (logger.isInfoEnabled()) {
					logger.info("ApsaraMQ for MQTT credentials come from " + source.name() + " (AccessKeyId "
							+ credentials.maskedAccessKeyId() + ")");
				}
				return new CredentialsChain(source.name(), provider);
			}
			catch (CredentialsUnavailableException ex) {
				attempts.add(new NoCredentialsFoundException.Attempt(source.name(), String.valueOf(ex.getMessage())));
				if (logger.isDebugEnabled()) {
					logger.debug("No credentials from " + source.name() + ": " + ex.getMessage());
				}
			}
		}
		throw new NoCredentialsFoundException(attempts);
	}

	@Override
	public Credentials getCredentials() {
		return this.provider.getCredentials();
	}

	/** The name of the source the chain found credentials in. */
	public String getSourceName() {
		return this.sourceName;
	}

	/** The provider of that source. */
	public CredentialsProvider getProvider() {
		return this.provider;
	}

	@Override
	public String toString() {
		return "CredentialsChain[source=" + this.sourceName + ", " + this.provider + "]";
	}

}
