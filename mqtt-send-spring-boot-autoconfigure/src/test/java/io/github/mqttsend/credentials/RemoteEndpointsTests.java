package io.github.mqttsend.credentials;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * TLS stays on for the credentials sources too: STS over https only (plain http to loopback for tests), the
 * metadata service at exactly http://100.100.100.200 or loopback, nothing else in plain text.
 */
class RemoteEndpointsTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://sts.aliyuncs.com", "https://sts-vpc.cn-hangzhou.aliyuncs.com/",
			"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9" })
	void stsEndpointsAccepted(String endpoint) {
		assertThat(RemoteEndpoints.checkSts(URI.create(endpoint)).toString()).doesNotEndWith("/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://sts.aliyuncs.com", "http://100.100.100.200", "http://10.0.0.1",
			"ftp://sts.aliyuncs.com", "sts.aliyuncs.com", "https://user:pw@sts.aliyuncs.com",
			"https://sts.aliyuncs.com/path", "https://sts.aliyuncs.com/?Action=x" })
	void stsEndpointsRefused(String endpoint) {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteEndpoints.checkSts(URI.create(endpoint)))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("pw"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://100.100.100.200", "http://127.0.0.1:1234", "https://metadata.example" })
	void metadataEndpointsAccepted(String endpoint) {
		assertThat(RemoteEndpoints.checkMetadata(URI.create(endpoint))).hasToString(endpoint);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://169.254.169.254", "http://100.100.100.201", "http://metadata.example",
			"http://100.100.100.200.evil.example" })
	void metadataEndpointsRefused(String endpoint) {
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteEndpoints.checkMetadata(URI.create(endpoint)))
			.withMessageContaining("must use https://");
	}

}
