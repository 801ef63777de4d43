package io.github.mqttsend.signing;

import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The V1 string to sign, built in one pass for canonical strings, is exactly
 * {@code method + "&%2F&" + percentEncode(canonical)} for every string, canonical or not.
 */
class RpcStringToSignProperties {

	@Property(tries = 2000)
	void equalsTheGeneralEncodingOfACanonicalString(@ForAll("parameters") Map<String, String> parameters) {
		String canonical = Acs3HmacSha256Signer.encodeSorted(new TreeMap<>(parameters));
		assertThat(RpcHmacSha1Signer.stringToSign("POST", canonical))
			.isEqualTo("POST&%2F&" + PercentEncoding.encode(canonical));
	}

	@Property(tries = 2000)
	void equalsTheGeneralEncodingOfAnyString(@ForAll("anything") String text) {
		assertThat(RpcHmacSha1Signer.stringToSign("GET", text)).isEqualTo("GET&%2F&" + PercentEncoding.encode(text));
	}

	@Provide
	Arbitrary<Map<String, String>> parameters() {
		Arbitrary<String> names = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
		Arbitrary<String> values = Arbitraries.strings()
			.withCharRange(' ', '~')
			.withChars("中文é\u00a0")
			.ofMaxLength(40);
		return Arbitraries.maps(names, values).ofMaxSize(12);
	}

	@Provide
	Arbitrary<String> anything() {
		return Arbitraries.strings().withCharRange(' ', '~').withChars("%=&中é").ofMaxLength(60);
	}

}
