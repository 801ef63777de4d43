package io.github.mqttsend.client;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Where SendMessage may be sent: TLS everywhere except to the loopback interface, and nothing but scheme and
 * authority, since the call is always {@code POST /}.
 */
class EndpointsTests {

	@ParameterizedTest
	@CsvSource({ "https://onsmqtt.cn-hangzhou.aliyuncs.com, https://onsmqtt.cn-hangzhou.aliyuncs.com",
			"https://onsmqtt.cn-hangzhou.aliyuncs.com/, https://onsmqtt.cn-hangzhou.aliyuncs.com",
			"https://onsmqtt-vpc.ap-southeast-1.aliyuncs.com:443, https://onsmqtt-vpc.ap-southeast-1.aliyuncs.com:443",
			"HTTPS://onsmqtt.cn-beijing.aliyuncs.com, https://onsmqtt.cn-beijing.aliyuncs.com",
			"https://10.0.0.7:8443, https://10.0.0.7:8443", "https://mqtt-proxy.internal, https://mqtt-proxy.internal" })
	void acceptsHttpsToAnyHost(String given, String expected) {
		assertThat(Endpoints.check(URI.create(given))).isEqualTo(URI.create(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost", "http://localhost:8080", "http://LOCALHOST:8080",
			"http://127.0.0.1:1234", "http://127.0.0.1", "http://127.1.2.3:80", "http://127.255.255.255",
			"http://[::1]:8080", "http://[::1]", "http://[0:0:0:0:0:0:0:1]:9000" })
	void acceptsPlainHttpOnlyToLoopback(String given) {
		URI checked = Endpoints.check(URI.create(given));
		assertThat(checked.getScheme()).isEqualTo("http");
		assertThat(checked.getRawAuthority()).isEqualTo(URI.create(given).getRawAuthority());
		assertThat(checked.getRawPath()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://onsmqtt.cn-hangzhou.aliyuncs.com", "http://8.8.8.8", "http://10.0.0.1:8080",
			"http://192.168.1.20", "http://172.16.0.1", "http://0.0.0.0:8080", "http://[::2]:8080", "http://[::]:8080",
			"http://[fe80::1]", "http://localhost.example.com", "http://127.0.0.1.nip.io", "http://128.0.0.1",
			"http://my-local-emulator:8080", "http://127.0.0.1@evil.example.com" })
	void refusesPlainHttpToAnythingButLoopback(String given) {
		assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.check(URI.create(given)))
			.withMessageContaining("https://")
			.withMessageContaining("loopback");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://onsmqtt.cn-hangzhou.aliyuncs.com/api",
			"https://onsmqtt.cn-hangzhou.aliyuncs.com/?Action=SendMessage", "https://onsmqtt.cn-hangzhou.aliyuncs.com?x=1",
			"https://onsmqtt.cn-hangzhou.aliyuncs.com#frag", "https://user:pass@onsmqtt.cn-hangzhou.aliyuncs.com",
			"http://user@localhost:8080", "http://localhost:8080/v1/" })
	void refusesAPathQueryFragmentOrUserInfo(String given) {
		assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.check(URI.create(given)))
			.withMessageContaining("scheme and host")
			.withMessageNotContaining("pass");
	}

	@Test
	void refusingPlainHttpNeverEchoesAPassword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Endpoints.check(URI.create("http://ops:hunter2@10.0.0.1:8080")))
			.withMessageContaining("****@10.0.0.1:8080")
			.withMessageNotContaining("hunter2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "onsmqtt.cn-hangzhou.aliyuncs.com", "/relative", "ftp://onsmqtt.cn-hangzhou.aliyuncs.com",
			"mailto:ops@example.com", "ws://localhost:8080" })
	void refusesWhatIsNotAnHttpUri(String given) {
		assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.check(URI.create(given)))
			.withMessageContaining("https://");
	}

	@Test
	void forRegionNamesThePublicAndTheVpcEndpoint() {
		assertThat(Endpoints.forRegion("cn-hangzhou", false))
			.isEqualTo(URI.create("https://onsmqtt.cn-hangzhou.aliyuncs.com"));
		assertThat(Endpoints.forRegion("cn-hangzhou", true))
			.isEqualTo(URI.create("https://onsmqtt-vpc.cn-hangzhou.aliyuncs.com"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu",
			"cn-hangzhou", "cn-shanghai", "cn-shenzhen", "cn-guangzhou", "cn-chengdu", "cn-hongkong", "ap-northeast-1",
			"ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6" })
	void everyDocumentedRegionGivesAnEndpointThatPassesTheCheck(String region) {
		for (boolean vpc : new boolean[] { false, true }) {
			URI endpoint = Endpoints.forRegion(region, vpc);
			assertThat(endpoint.getHost()).isEqualTo((vpc ? "onsmqtt-vpc." : "onsmqtt.") + region + ".aliyuncs.com");
			assertThat(Endpoints.check(endpoint)).isEqualTo(endpoint);
		}
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "hangzhou", "CN-HANGZHOU", "cn_hangzhou", "cn-hangzhou.evil.com", "cn-hangzhou/x",
			"cn-hangzhou ", " cn-hangzhou", "evil.com#", "cn-", "c-hangzhou", "cn-hang zhou", "cn-hangzhou:443" })
	void refusesWhatIsNotARegionId(String region) {
		assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.forRegion(region, false))
			.withMessageContaining("region");
	}

}
