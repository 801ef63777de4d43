package io.github.mqttsend.signing;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link PercentEncoding} against an independent reference, {@link URLEncoder} made RFC 3986: space as
 * {@code %20}, {@code *} as {@code %2A}, {@code ~} kept.
 */
class PercentEncodingProperties {

	/** Characters that signing code gets wrong: URL delimiters, Base64's, the ones URLEncoder treats apart. */
	private static final String TRICKY = "+/=*~%&?# \r\n\t\0.-_!'()@:;,$[]\"<>\\^`{|}";

	@Property(tries = 2000)
	void encodesLikeRfc3986OverUtf8(@ForAll("unicode") String value) {
		assertThat(PercentEncoding.encode(value)).isEqualTo(reference(value));
	}

	@Property(tries = 2000)
	void decodesBackToTheSameText(@ForAll("unicode") String value) {
		String encoded = PercentEncoding.encode(value);
		assertThat(encoded).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
		assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(value);
	}

	@Property(tries = 500, edgeCases = EdgeCasesMode.MIXIN)
	void appendsToWhatIsAlreadyThere(@ForAll("unicode") String prefix, @ForAll("unicode") String value) {
		StringBuilder out = new StringBuilder(prefix);
		PercentEncoding.encode(value, out);
		assertThat(out.toString()).isEqualTo(prefix + reference(value));
	}

	@Property(tries = 2000)
	void utf8LengthIsTheEncodedLength(@ForAll("unicode") String value) {
		assertThat(PercentEncoding.utf8Length(value)).isEqualTo(value.getBytes(StandardCharsets.UTF_8).length);
	}

	@Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
	void refusesALoneSurrogate(@ForAll("unicode") String prefix, @ForAll("loneSurrogate") char surrogate,
			@ForAll("unicode") String suffix) {
		// a high surrogate followed by a low one would be a pair, not a lone surrogate
		String after = (Character.isHighSurrogate(surrogate) && !suffix.isEmpty()
				&& Character.isLowSurrogate(suffix.charAt(0))) ? "x" + suffix : suffix;
		String value = prefix + surrogate + after;

		assertThatIllegalArgumentException().isThrownBy(() -> PercentEncoding.encode(value));
		assertThatIllegalArgumentException().isThrownBy(() -> PercentEncoding.encode(value, new StringBuilder()));
		assertThat(PercentEncoding.utf8Length(value)).isEqualTo(-1);
	}

	@Example
	void encodesTheCharactersThatBreakSignatures() {
		assertThat(PercentEncoding.encode("a b+c/d=e*f~g%h&i?j#k")).isEqualTo("a%20b%2Bc%2Fd%3De%2Af~g%25h%26i%3Fj%23k");
		assertThat(PercentEncoding.encode("\r\n\0")).isEqualTo("%0D%0A%00");
		assertThat(PercentEncoding.encode("你好，世界")).isEqualTo("%E4%BD%A0%E5%A5%BD%EF%BC%8C%E4%B8%96%E7%95%8C");
		assertThat(PercentEncoding.encode("🚀é")).isEqualTo("%F0%9F%9A%80%C3%A9");
		assertThat(PercentEncoding.encode("AZaz09-_.~")).isEqualTo("AZaz09-_.~");
	}

	@Example
	void refusesSurrogatesAtTheEdges() {
		for (String value : List.of("\uD83D", "\uDE80", "a\uD83D", "\uDE80\uD83D", "\uD83D\uD83D\uDE80")) {
			assertThatIllegalArgumentException().isThrownBy(() -> PercentEncoding.encode(value));
			assertThat(PercentEncoding.utf8Length(value)).isEqualTo(-1);
		}
	}

	@Provide
	Arbitrary<String> unicode() {
		Arbitrary<Integer> tricky = Arbitraries.of(TRICKY.chars().boxed().toList());
		Arbitrary<Integer> ascii = Arbitraries.integers().between(0, 0x7F);
		Arbitrary<Integer> twoBytes = Arbitraries.integers().between(0x80, 0x7FF);
		Arbitrary<Integer> cjk = Arbitraries.integers().between(0x4E00, 0x9FFF);
		Arbitrary<Integer> threeBytes = Arbitraries.integers()
			.between(0x800, 0xFFFF)
			.filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE);
		Arbitrary<Integer> emoji = Arbitraries.integers().between(0x1F300, 0x1FAFF);
		Arbitrary<Integer> supplementary = Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT);
		Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(Tuple.of(4, tricky), Tuple.of(3, ascii),
				Tuple.of(1, twoBytes), Tuple.of(2, cjk), Tuple.of(1, threeBytes), Tuple.of(2, emoji),
				Tuple.of(1, supplementary));
		return codePoint.list().ofMaxSize(40).map(codePoints -> {
			StringBuilder text = new StringBuilder();
			codePoints.forEach(text::appendCodePoint);
			return text.toString();
		});
	}

	@Provide
	Arbitrary<Character> loneSurrogate() {
		return Arbitraries.chars().range(Character.MIN_SURROGATE, Character.MAX_SURROGATE);
	}

	/** RFC 3986 percent-encoding by way of {@link URLEncoder}, which is HTML-form encoding. */
	static String reference(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("%7E", "~");
	}

}
