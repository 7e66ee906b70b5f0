using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Util;

/// <summary>The JSON settings ChainPay reads WeChat Pay's text with: dates stay text (RFC 3339 strings are not rewritten).</summary>
internal static class JsonText
{
    /// <summary>Newtonsoft's defaults, with <see cref="DateParseHandling.None"/>.</summary>
    public static readonly JsonSerializerSettings Settings = new() { DateParseHandling = DateParseHandling.None };

    /// <summary>Parses <paramref name="text"/> as a JSON object; <c>null</c> for empty text or a JSON null.</summary>
    /// <exception cref="JsonException">The text is not JSON, or not an object.</exception>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ChainPay.Util.Trimming.JsonTreeJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = ChainPay.Util.Trimming.JsonTreeJustification)]
    public static JObject? ParseObject(string text) => JsonConvert.DeserializeObject<JObject>(text, Settings);
}
