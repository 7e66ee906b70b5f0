using System.Security.Cryptography.X509Certificates;
using ChainPay.Chaining;
using ChainPay.Http;
using Flurl.Http;

namespace ChainPay.V2;

/// <summary>
/// The APIv2 (XML) client the chain routes <c>v2/…</c> calls to: one Flurl client over the shared
/// <see cref="HttpClient"/>, and one over a handler with the merchant's client certificate for <c>security = true</c>.
/// </summary>
internal sealed class V2Client
{
    /// <summary>The <c>Accept</c> header of APIv2 requests.</summary>
    public const string Accept = "text/xml, text/plain, application/x-gzip";

    private readonly IFlurlClient plain;
    private readonly Lazy<IFlurlClient>? secure;
    private readonly MerchantCertificate? merchant;

    public V2Client(string mchid, string secret, MerchantCertificate? merchant, Func<string> nonce, Func<HttpClient, IFlurlClient> configure, HttpClient http)
    {
        this.merchant = merchant;
        var request = new RequestTransformer(mchid, secret, nonce);
        var response = new ResponseTransformer(secret);
        IFlurlClient Setup(HttpClient client)
        {
            var flurl = configure(client);
            flurl.WithHeader("Accept", Accept);
            flurl.BeforeCall(request.Transform);
            flurl.AfterCall(response.VerifyAsync);
            return flurl;
        }

        plain = Setup(http);
        if (merchant is not null)
        {
            secure = new Lazy<IFlurlClient>(() => Setup(new HttpClient(CreateMutualTlsHandler(merchant.Certificate)) { Timeout = Timeout.InfiniteTimeSpan }));
        }
    }

    /// <summary>A test seam: adjusts the mTLS handler (e.g. to trust a test CA). Server validation stays on otherwise.</summary>
    internal static Action<HttpMessageHandler>? ConfigureMutualTlsHandler { get; set; }

    /// <summary>Builds and sends one APIv2 request; <paramref name="path"/> is without its <c>v2/</c> prefix.</summary>
    public Task<IFlurlResponse> SendAsync(HttpMethod method, string path, RequestOptions options, string baseUri, CancellationToken cancellationToken)
    {
        if (options.Json is not null)
        {
            throw new InvalidArgumentException("APIv2 calls take their data in `xml` (or `query` for GET), not `json`.", "json");
        }

        if (options.Body is not null && options.Xml is not null)
        {
            throw new InvalidArgumentException("Give `xml` (signed by ChainPay) or `body` (sent as it is, e.g. secapi/mch/uploadmedia's multipart), not both.", "body");
        }

        var security = options.Security is true;
        if (options.Security is not null and not bool)
        {
            throw new InvalidArgumentException("The `security` option must be true or false.", "security");
        }

        if (security && secure is null)
        {
            throw new InvalidArgumentException("`security = true` sends the merchant API client certificate: set BuilderOptions.Merchant.", "security");
        }

        var data = options.Xml is null
            ? new List<KeyValuePair<string, object?>>()
            : PropertyBag.Read(options.Xml) ?? throw new InvalidArgumentException("The `xml` option must be a map of element names to values.", "xml");
        var nonceless = options.Nonceless is not null and not false;
        var client = security ? secure!.Value : plain;
        var request = client.Request(ApiClient.Resolve(options.BaseUri ?? baseUri, path, options.Query));
        // A raw `body` (the non-XML APIv2 calls, which wechatpay-php makes by removing transform_request) is sent as
        // given — the caller signs its fields — and the answer is still checked.
        HttpContent content = options.Body is null ? new XmlRequestContent(data, nonceless) : RawBody(options.Body);
        var headers = HeaderRules.ToSend(options.Headers, out var contentType);
        foreach (var header in headers)
        {
            request.WithHeader(header.Key, header.Value);
        }

        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request.SendAsync(method, content, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    private static HttpContent RawBody(object body) => body switch
    {
        HttpContent content => content,
        byte[] bytes => new ByteArrayContent(bytes),
        string text => new StringContent(text, System.Text.Encoding.UTF8, "text/xml"),
        _ => throw new InvalidArgumentException($"An APIv2 `body` must be an HttpContent (e.g. MultipartFormDataContent), a byte[] or a string, not {body.GetType().Name}.", "body"),
    };

    /// <summary>A handler that presents <paramref name="certificate"/> and validates the server as usual.</summary>
    internal static HttpMessageHandler CreateMutualTlsHandler(X509Certificate2 certificate)
    {
#if NETSTANDARD2_0
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, ClientCertificateOptions = ClientCertificateOption.Manual };
        handler.ClientCertificates.Add(certificate);
#else
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
#endif
        ConfigureMutualTlsHandler?.Invoke(handler);
        return handler;
    }
}
