using System.Security.Cryptography;
using System.Text;
using ChainPay.Certificates;
using ChainPay.Crypto.Internal;
using ChainPay.Util;
using Flurl.Http;

namespace ChainPay.Http;

/// <summary>
/// Verifies every APIv3 answer before the caller sees it (spec §5): the four <c>Wechatpay-*</c> headers,
/// a timestamp within ±300 s, the serial looked up in <c>Certs</c>, the RSA signature over
/// <c>TIMESTAMP\nNONCE\nBODY\n</c>. Non-2xx answers become <see cref="ApiException"/>.
/// </summary>
internal sealed class ResponseVerifier
{
    private const string StatementSha1Header = "Wechatpay-Statement-Sha1";

    private readonly IReadOnlyDictionary<string, object> certs;
    private readonly Func<DateTimeOffset> clock;
    private volatile IKeyResolver? resolver;
    private readonly NonceCache? replays;
    private readonly Replay.SharedReplayGuard? shared;

    /// <summary>Creates the verifier over the platform keys by serial (or <c>PUB_KEY_ID_…</c>).</summary>
    /// <param name="certs">The platform keys.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="replayProtection">Refuse an answer whose <c>Wechatpay-Nonce</c> was already seen within 10 minutes.</param>
    /// <param name="shared">Where the nonces are remembered, shared with other instances; <c>null</c> for this instance's memory.</param>
    public ResponseVerifier(IReadOnlyDictionary<string, object> certs, Func<DateTimeOffset> clock, bool replayProtection = true, Replay.SharedReplayGuard? shared = null)
    {
        this.certs = certs;
        this.clock = clock;
        this.shared = replayProtection ? shared : null;
        replays = replayProtection && shared is null ? new NonceCache(2 * SignatureHeaders.MaxSkewSeconds) : null;
    }

    /// <summary>Finds keys for serials not in <c>Certs</c> (the <see cref="CertificateManager"/>); <c>null</c> for none.</summary>
    internal IKeyResolver? Resolver
    {
        get => resolver;
        set => resolver = value;
    }

    /// <summary>The Flurl <c>AfterCall</c> step: throws unless the answer is a verified success.</summary>
    public async Task VerifyAsync(FlurlCall call)
    {
        var response = call.HttpResponseMessage;
        if (response is null || call.Response is null)
        {
            return; // the transport failed; Flurl raises its own exception
        }

        var path = PathOf(call.HttpRequestMessage.RequestUri!);
        var status = (int)response.StatusCode;
        var success = status >= 200 && status <= 299;
        if (success && IsUnsigned(path))
        {
            return; // bill files and images: not signed by WeChat Pay, and possibly large: left unread for streaming
        }

        var body = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (!success)
        {
            var verified = Check(response, path, body, certs, out _, out _) is null;
            throw new ApiException(call.Response, Encoding.UTF8.GetString(body), verified);
        }

        var failure = Check(response, path, body, certs, out var headers, out var inner);
        if (failure is not null && headers is not null)
        {
            if (!certs.ContainsKey(headers.Serial))
            {
                if (resolver is { } r && await r.ResolveAsync(headers.Serial, path, body).ConfigureAwait(false) is { } key)
                {
                    failure = Check(response, path, body, new Dictionary<string, object>(StringComparer.Ordinal) { [headers.Serial] = key }, out _, out inner);
                }
            }
            else if (failure.StartsWith(SignatureHeaders.UnknownSerial, StringComparison.Ordinal))
            {
                // A download installed the key between the look-up and now: check again with the keys as they are.
                failure = Check(response, path, body, certs, out _, out inner);
            }
        }

        if (failure is not null)
        {
            throw new ResponseVerificationException(failure, call.Response, inner);
        }

        var fresh = shared is not null ? await shared.TryAddAsync(headers!.Nonce, clock().ToUnixTimeSeconds()).ConfigureAwait(false)
            : replays is null || replays.TryAdd(headers!.Nonce, clock().ToUnixTimeSeconds());
        if (!fresh)
        {
            throw new ResponseVerificationException($"The answer's Wechatpay-Nonce `{headers!.Nonce}` was already seen within 10 minutes: a replayed answer.", call.Response);
        }
    }

    /// <summary>
    /// <see cref="Uri.AbsolutePath"/>, read from <see cref="Uri.PathAndQuery"/>, which the signer and the transport
    /// have already made (and the <see cref="Uri"/> keeps): no new string unless the target has a query.
    /// </summary>
    internal static string PathOf(Uri uri)
    {
        var target = uri.PathAndQuery;
        var query = target.IndexOf('?');
        return query < 0 ? target : target.Substring(0, query);
    }

    /// <summary>The paths WeChat Pay answers without a signature (bill files, complaint images).</summary>
    internal static bool IsUnsigned(string path) =>
        string.Equals(path, "/v3/billdownload/file", StringComparison.OrdinalIgnoreCase)
        || (path.StartsWith("/v3/merchant-service/images/", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(path, "/v3/merchant-service/images/upload", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Runs the checks; returns the failure message, or <c>null</c> when the answer verifies. <paramref name="headers"/>
    /// holds the signature headers whenever all four were present, each exactly once and none empty.
    /// </summary>
    internal string? Check(HttpResponseMessage response, string path, byte[] body, IReadOnlyDictionary<string, object> keys, out SignatureHeaders? headers, out Exception? inner)
    {
        inner = null;
        string? duplicated = null;
        var nonce = AnswerHeader.Single(response, "Wechatpay-Nonce", ref duplicated);
        var serial = AnswerHeader.Single(response, "Wechatpay-Serial", ref duplicated);
        var signature = AnswerHeader.Single(response, "Wechatpay-Signature", ref duplicated);
        var timestamp = AnswerHeader.Single(response, "Wechatpay-Timestamp", ref duplicated);
        headers = SignatureHeaders.Of(nonce, serial, signature, timestamp);
        var statementSha1 = AnswerHeader.Single(response, StatementSha1Header, ref duplicated);
        if (duplicated is not null)
        {
            headers = null;
            return $"The response's `{duplicated}` header appears more than once; WeChat Pay sends each once.";
        }

        if (headers is null)
        {
            return SignatureHeaders.Incomplete;
        }

        var failure = headers.CheckFilled("response");
        if (failure is not null)
        {
            headers = null;
            return failure;
        }

        failure = headers.CheckTime(clock().ToUnixTimeSeconds());
        if (failure is not null)
        {
            return failure;
        }

        var signedBody = body;
        if (statementSha1 is not null && IsStatement(path))
        {
            var actual = Sha1Hex(body);
            if (!string.Equals(actual, statementSha1, StringComparison.OrdinalIgnoreCase))
            {
                return $"The statement's body SHA-1 is {actual}, but the response(header:Wechatpay-Statement-Sha1) says {statementSha1}.";
            }

            signedBody = Encoding.UTF8.GetBytes("{\"sha1\":\"" + statementSha1 + "\"}");
        }

        return headers.Verify(keys, signedBody, out inner);
    }

    private static bool IsStatement(string path) =>
        string.Equals(path, "/hk/v3/statements", StringComparison.OrdinalIgnoreCase)
        || string.Equals(path, "/v3/global/statements", StringComparison.OrdinalIgnoreCase);

    private static string Sha1Hex(byte[] body)
    {
        using var sha1 = SHA1.Create();
        return Hex.Upper(sha1.ComputeHash(body));
    }
}
