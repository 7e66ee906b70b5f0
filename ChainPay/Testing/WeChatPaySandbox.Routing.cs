using System.Net;
using System.Text;
using ChainPay.Testing.Internal;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing;

// Answering one request: APIv2 by path, APIv3 authenticated, rate-limited, then faults, bill files or the routes.
public sealed partial class WeChatPaySandbox
{
    /// <summary>Answers one request as WeChat Pay would.</summary>
    internal async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        var requestId = Interlocked.Increment(ref requestIds);
        var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (!request.RequestUri!.AbsolutePath.StartsWith("/v3/", StringComparison.Ordinal))
        {
            string xml;
            lock (merchantIds)
            {
                xml = apiV2.Handle(request.RequestUri.AbsolutePath, Encoding.UTF8.GetString(body), merchantIds);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
        }

        HttpStatusCode status;
        JObject? answer;
        try
        {
            var authorization = request.Headers.TryGetValues("Authorization", out var values) ? values.FirstOrDefault() : null;
            var now = clock().ToUnixTimeSeconds();
            var meta = MultipartMeta.Find(request.Content?.Headers.ContentType?.ToString(), body);
            var mchid = authenticator.Authenticate(request.Method.Method, request.RequestUri!.PathAndQuery, authorization, meta ?? body, now);
            if (!limiter.TryAcquire(mchid, request.Method.Method, request.RequestUri.AbsolutePath, now))
            {
                throw new SandboxError((HttpStatusCode)429, "FREQUENCY_LIMITED", "请求频率超限，请降低频率后重试");
            }

            lock (faults)
            {
                if (faults.Count > 0)
                {
                    throw faults.Dequeue();
                }
            }

            var serial = request.Headers.TryGetValues("Wechatpay-Serial", out var serials) ? serials.FirstOrDefault() : null;
            var sandboxRequest = new SandboxRequest(request.Method.Method, request.RequestUri.AbsolutePath, ParseQuery(request.RequestUri.Query), ParseJson(meta ?? body), mchid, serial);
            if (sandboxRequest.Method == "GET" && sandboxRequest.Path == "/v3/billdownload/file")
            {
                // WeChat Pay does not sign bill files.
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(billFiles.Get(sandboxRequest.QueryField("token"))) };
            }

            answer = sandboxRequest.Method == "GET" && sandboxRequest.Path == "/v3/bill/tradebill"
                ? billFiles.Issue(sandboxRequest, request.RequestUri.GetLeftPart(UriPartial.Authority) + "/")
                : routes.Dispatch(sandboxRequest);
            status = answer is null ? HttpStatusCode.NoContent : HttpStatusCode.OK;
        }
        catch (SandboxError e)
        {
            status = e.Status;
            answer = new JObject { ["code"] = e.Code, ["message"] = e.Message };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            status = HttpStatusCode.InternalServerError;
            answer = new JObject { ["code"] = "SYSTEM_ERROR", ["message"] = "系统异常，请稍后重试" };
        }

        var response = Answer(status, answer is null ? string.Empty : answer.ToString(Formatting.None), requestId);
        if ((int)status == 429)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", "1");
        }

        return response;
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ChainPay.Util.Trimming.JsonTreeJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = ChainPay.Util.Trimming.JsonTreeJustification)]
    private static JObject? ParseJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonConvert.DeserializeObject<JToken>(Encoding.UTF8.GetString(body), Util.JsonText.Settings) as JObject
                ?? throw SandboxError.Param("请求体必须是JSON对象");
        }
        catch (JsonException)
        {
            throw SandboxError.Invalid("请求体不是合法的JSON");
        }
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair.Substring(0, eq));
            result[name] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1));
        }

        return result;
    }
}
