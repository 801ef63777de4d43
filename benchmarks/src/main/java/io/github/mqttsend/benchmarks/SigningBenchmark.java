package io.github.mqttsend.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.aliyun.tea.TeaConverter;
import com.aliyun.tea.TeaPair;
import com.aliyun.tea.TeaRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.Signer;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.regions.ProductDomain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.github.mqttsend.client.BenchmarkAccess;
import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.credentials.StaticCredentialsProvider;
import io.github.mqttsend.signing.Acs3HmacSha256Signer;
import io.github.mqttsend.signing.OpenApiRequest;
import io.github.mqttsend.signing.RequestSigner;
import io.github.mqttsend.signing.RpcHmacSha1Signer;
import io.github.mqttsend.signing.SignedRequest;

/**
 * Item 1: signing alone, no I/O. Each benchmark goes from the same SendMessage inputs (instance, topic, payload,
 * key pair) to a request ready for the transport: the parameters put in the library's request object, a fresh
 * timestamp and nonce, the signature, and the parsed URL. Ours is what {@code SendMessageClient} does per attempt
 * (its {@code sign} returns a {@link java.net.URI}); the official SDKs' rows are the exact sequence of their own
 * routines that tea-openapi's {@code doRequest} (V3) / {@code doRPCRequest} (V1) and aliyun-java-sdk-core's
 * {@code DefaultAcsClient} run before the HTTP call, ending with the URL parse each does first with the string it
 * built ({@code new URL} in tea's {@code Tea.doAction}, {@code URI.create} in sdk-core's {@code ApacheHttpClient}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// 10 s of warm-up: after 3 s, the JIT was still at work in the measured iterations (ours falling from 6.4 to 4.2 µs,
// sdk-core's first iteration 6× its last), and the errors were as large as the scores
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class SigningBenchmark {

	static final String HOST = "onsmqtt." + Fixture.REGION_ID + ".aliyuncs.com";

	static final URI ENDPOINT = URI.create("https://" + HOST);

	/** tea's private URL builder, the last step before its HTTP call ({@code Tea.composeUrl}). */
	static final MethodHandle TEA_COMPOSE_URL;

	static {
		try {
			var method = com.aliyun.tea.Tea.class.getDeclaredMethod("composeUrl", TeaRequest.class, Map.class);
			method.setAccessible(true);
			TEA_COMPOSE_URL = MethodHandles.lookup()
				.unreflect(method)
				.asType(java.lang.invoke.MethodType.methodType(String.class, TeaRequest.class, Map.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final RequestSigner v3 = new Acs3HmacSha256Signer();

	private final RequestSigner v1 = new RpcHmacSha1Signer();

	private final CredentialsProvider credentialsProvider = new StaticCredentialsProvider(Fixture.CREDENTIALS);

	private final Clock clock = Clock.systemUTC();

	private com.aliyun.teaopenapi.Client tea;

	private final Map<String, Object> teaRuntime = new HashMap<>();

	private final AlibabaCloudCredentials coreCredentials = new BasicCredentials(Fixture.ACCESS_KEY_ID,
			Fixture.ACCESS_KEY_SECRET);

	private final ProductDomain coreDomain = new ProductDomain("OnsMqtt", HOST);

	@Setup
	public void setUp() throws Exception {
		this.tea = new com.aliyun.teaopenapi.Client(new Config().setAccessKeyId(Fixture.ACCESS_KEY_ID)
			.setAccessKeySecret(Fixture.ACCESS_KEY_SECRET)
			.setRegionId(Fixture.REGION_ID)
			.setEndpoint(HOST));
	}

	// ---- ours: SendMessageClient.request(...) then, per attempt, sign(...) ----

	private SignedRequest ours(RequestSigner signer) {
		TreeMap<String, String> parameters = new TreeMap<>();
		parameters.put("InstanceId", Fixture.INSTANCE_ID);
		parameters.put("MqttTopic", Fixture.TOPIC);
		parameters.put("Payload", Fixture.PAYLOAD);
		OpenApiRequest request = new OpenApiRequest(ENDPOINT, Fixture.ACTION, Fixture.VERSION, parameters,
				OpenApiRequest.ParameterPlacement.QUERY);
		return signer.sign(request, this.credentialsProvider.getCredentials(), this.clock.instant(),
				BenchmarkAccess.nonce());
	}

	@Benchmark
	public SignedRequest oursV3() {
		return ours(this.v3);
	}

	@Benchmark
	public SignedRequest oursV1() {
		return ours(this.v1);
	}

	// ---- tea-openapi 0.3.15 ----

	/** doRequest's steps for an RPC call with the default ACS3-HMAC-SHA256, up to the parsed URL. */
	@Benchmark
	public URL teaOpenApiV3() throws Throwable {
		com.aliyun.teaopenapi.models.OpenApiRequest request = new com.aliyun.teaopenapi.models.OpenApiRequest()
			.setQuery(com.aliyun.openapiutil.Client.query(Fixture.businessParameters()));
		TeaRequest request_ = new TeaRequest();
		request_.protocol = "HTTPS";
		request_.method = "POST";
		request_.pathname = "/";
		Map<String, String> globalQueries = new HashMap<>();
		Map<String, String> globalHeaders = new HashMap<>();
		Map<String, String> extendsHeaders = new HashMap<>();
		Map<String, String> extendsQueries = new HashMap<>();
		request_.query = TeaConverter.merge(String.class, globalQueries, extendsQueries, request.query);
		request_.headers = TeaConverter.merge(String.class,
				TeaConverter.buildMap(new TeaPair("host", HOST), new TeaPair("x-acs-version", Fixture.VERSION),
						new TeaPair("x-acs-action", Fixture.ACTION), new TeaPair("user-agent", this.tea.getUserAgent()),
						new TeaPair("x-acs-date", com.aliyun.openapiutil.Client.getTimestamp()),
						new TeaPair("x-acs-signature-nonce", com.aliyun.teautil.Common.getNonce()),
						new TeaPair("accept", "application/json")),
				globalHeaders, extendsHeaders, request.headers);
		String signatureAlgorithm = com.aliyun.teautil.Common.defaultString(this.tea._signatureAlgorithm,
				"ACS3-HMAC-SHA256");
		String hashedRequestPayload = com.aliyun.openapiutil.Client.hexEncode(
				com.aliyun.openapiutil.Client.hash(com.aliyun.teautil.Common.toBytes(""), signatureAlgorithm));
		request_.headers.put("x-acs-content-sha256", hashedRequestPayload);
		com.aliyun.credentials.models.CredentialModel credential = this.tea._credential.getCredential();
		if (!com.aliyun.teautil.Common.empty(credential.providerName)) {
			request_.headers.put("x-acs-credentials-provider", credential.providerName);
		}
		request_.headers.put("Authorization", com.aliyun.openapiutil.Client.getAuthorization(request_,
				signatureAlgorithm, hashedRequestPayload, credential.accessKeyId, credential.accessKeySecret));
		// Tea.doAction's first steps: composeUrl, then new URL(...) for the transport
		return new URL((String) TEA_COMPOSE_URL.invokeExact(request_, this.teaRuntime));
	}

	/** doRPCRequest's steps (Config.signatureAlgorithm "v2": HMAC-SHA1), up to the parsed URL. */
	@Benchmark
	public URL teaOpenApiV1() throws Throwable {
		com.aliyun.teaopenapi.models.OpenApiRequest request = new com.aliyun.teaopenapi.models.OpenApiRequest()
			.setQuery(com.aliyun.openapiutil.Client.query(Fixture.businessParameters()));
		TeaRequest request_ = new TeaRequest();
		request_.protocol = "HTTPS";
		request_.method = "POST";
		request_.pathname = "/";
		Map<String, String> globalQueries = new HashMap<>();
		Map<String, String> globalHeaders = new HashMap<>();
		Map<String, String> extendsHeaders = new HashMap<>();
		Map<String, String> extendsQueries = new HashMap<>();
		request_.query = TeaConverter.merge(String.class,
				TeaConverter.buildMap(new TeaPair("Action", Fixture.ACTION), new TeaPair("Format", "json"),
						new TeaPair("Version", Fixture.VERSION),
						new TeaPair("Timestamp", com.aliyun.openapiutil.Client.getTimestamp()),
						new TeaPair("SignatureNonce", com.aliyun.teautil.Common.getNonce())),
				globalQueries, extendsQueries, request.query);
		request_.headers = TeaConverter.merge(String.class,
				TeaConverter.buildMap(new TeaPair("host", HOST), new TeaPair("x-acs-version", Fixture.VERSION),
						new TeaPair("x-acs-action", Fixture.ACTION), new TeaPair("user-agent", this.tea.getUserAgent())),
				globalHeaders, extendsHeaders, request.headers);
		com.aliyun.credentials.models.CredentialModel credential = this.tea._credential.getCredential();
		if (!com.aliyun.teautil.Common.empty(credential.providerName)) {
			request_.headers.put("x-acs-credentials-provider", credential.providerName);
		}
		request_.query.put("SignatureMethod", "HMAC-SHA1");
		request_.query.put("SignatureVersion", "1.0");
		request_.query.put("AccessKeyId", credential.accessKeyId);
		Map<String, String> signedParam = TeaConverter.merge(String.class, request_.query,
				com.aliyun.openapiutil.Client.query(null));
		request_.query.put("Signature",
				com.aliyun.openapiutil.Client.getRPCSignature(signedParam, request_.method, credential.accessKeySecret));
		// Tea.doAction's first steps: composeUrl, then new URL(...) for the transport
		return new URL((String) TEA_COMPOSE_URL.invokeExact(request_, this.teaRuntime));
	}

	// ---- aliyun-java-sdk-core 4.7.10 ----

	private URI core(com.aliyuncs.auth.SignatureVersion version) throws Exception {
		CommonRequest request = new CommonRequest();
		request.setSysMethod(MethodType.POST);
		request.setSysProtocol(ProtocolType.HTTPS);
		request.setSysDomain(HOST);
		request.setSysProduct("OnsMqtt");
		request.setSysVersion(Fixture.VERSION);
		request.setSysAction(Fixture.ACTION);
		if (version == com.aliyuncs.auth.SignatureVersion.V3) {
			request.setSysSignatureVersion(version);
			request.setSysSignatureAlgorithm(com.aliyuncs.auth.signers.SignatureAlgorithm.ACS3_HMAC_SHA256);
		}
		request.putQueryParameter("InstanceId", Fixture.INSTANCE_ID);
		request.putQueryParameter("MqttTopic", Fixture.TOPIC);
		request.putQueryParameter("Payload", Fixture.PAYLOAD);
		AcsRequest<?> acsRequest = request.buildRequest();
		// DefaultAcsClient fills in its defaults (V1, with ACS3-HMAC-SHA256 for V3) where the request has none
		if (acsRequest.getSysSignatureVersion() == null) {
			acsRequest.setSysSignatureVersion(com.aliyuncs.auth.SignatureVersion.V1);
		}
		if (acsRequest.getSysSignatureAlgorithm() == null) {
			acsRequest.setSysSignatureAlgorithm(com.aliyuncs.auth.signers.SignatureAlgorithm.ACS3_HMAC_SHA256);
		}
		Signer signer = Signer.getSigner(this.coreCredentials, acsRequest.getSysSignatureVersion(),
				acsRequest.getSysSignatureAlgorithm());
		com.aliyuncs.http.HttpRequest signed = acsRequest.signRequest(signer, this.coreCredentials, FormatType.JSON,
				this.coreDomain);
		// what its ApacheHttpClient does first with it: RequestBuilder.setUri(url), i.e. URI.create(url)
		return URI.create(signed.getSysUrl());
	}

	/** CommonRequest, buildRequest, signRequest: the SDK's default V1 (HMAC-SHA1). */
	@Benchmark
	public URI aliyunSdkCoreV1() throws Exception {
		return core(com.aliyuncs.auth.SignatureVersion.V1);
	}

	/** The same with SignatureVersion.V3 and ACS3-HMAC-SHA256. */
	@Benchmark
	public URI aliyunSdkCoreV3() throws Exception {
		return core(com.aliyuncs.auth.SignatureVersion.V3);
	}

}
