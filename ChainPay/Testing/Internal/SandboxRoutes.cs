using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>The sandbox's API table: method + path pattern ⇒ handler returning the JSON answer (or <c>null</c> for 204).</summary>
internal sealed class SandboxRoutes
{
    private readonly List<(string Method, Regex Pattern, Func<SandboxRequest, Match, JObject?> Handle)> routes = new();
    private readonly Func<JObject> certificates;

    public SandboxRoutes(TransferBills bills, PaymentOrders orders, Func<JObject> certificates)
    {
        this.certificates = certificates;

        Add("GET", "/v3/certificates", (_, _) => this.certificates());

        // Media upload (signed over the meta JSON): the media id is derived from the file's sha256.
        Add("POST", "/v3/merchant/media/upload", (r, _) => new JObject { ["media_id"] = "V1_" + r.Field("sha256").Substring(0, 32).ToUpperInvariant() + "." + Path.GetExtension(r.Field("filename")).TrimStart('.') });

        TransferRoutes.Register(Add, bills);
        PaymentRoutes.Register(orders, Add);
    }

    /// <summary>Finds the route; a known path with another method, or an unknown path, is <c>NOT_FOUND</c>.</summary>
    public JObject? Dispatch(SandboxRequest request)
    {
        foreach (var (method, pattern, handle) in routes)
        {
            var match = pattern.Match(request.Path);
            if (match.Success && method == request.Method)
            {
                return handle(request, match);
            }
        }

        throw SandboxError.NotFound($"{request.Method} {request.Path} 不是本沙箱支持的接口");
    }

    private void Add(string method, string pattern, Func<SandboxRequest, Match, JObject?> handle) =>
        routes.Add((method, new Regex("^" + pattern + "$", RegexOptions.CultureInvariant), handle));
}
