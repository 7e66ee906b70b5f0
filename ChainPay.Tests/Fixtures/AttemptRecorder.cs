using System.Security.Cryptography;
using System.Text;

namespace ChainPay.Tests.Fixtures;

/// <summary>Records every attempt that reaches the network side (method, target, body, Authorization), then passes it on.</summary>
internal sealed class AttemptRecorder : DelegatingHandler
{
    public AttemptRecorder(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public AttemptRecorder()
    {
    }

    public List<(string Method, string Target, byte[] Body, string Authorization, string? Serial)> Attempts { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var authorization = request.Headers.TryGetValues("Authorization", out var a) ? a.Single() : string.Empty;
        var serial = request.Headers.TryGetValues("Wechatpay-Serial", out var s) ? s.Single() : null;
        lock (Attempts)
        {
            Attempts.Add((request.Method.Method, request.RequestUri!.PathAndQuery, body, authorization, serial));
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The Authorization's fields.</summary>
    public static Dictionary<string, string> Fields(string authorization)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in authorization.Substring(authorization.IndexOf(' ') + 1).Split(','))
        {
            var eq = part.IndexOf('=');
            map[part.Substring(0, eq)] = part.Substring(eq + 2, part.Length - eq - 3);
        }

        return map;
    }

    /// <summary>An independent check of an attempt's signature with the merchant's public key (spec §4's message).</summary>
    public static bool Verifies((string Method, string Target, byte[] Body, string Authorization, string? Serial) attempt, RSA merchantKey)
    {
        var map = Fields(attempt.Authorization);
        var message = Encoding.UTF8.GetBytes($"{attempt.Method}\n{attempt.Target}\n{map["timestamp"]}\n{map["nonce_str"]}\n")
            .Concat(attempt.Body).Concat(new[] { (byte)'\n' }).ToArray();
        using var pub = RSA.Create();
        pub.ImportParameters(merchantKey.ExportParameters(false));
        return pub.VerifyData(message, Convert.FromBase64String(map["signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
