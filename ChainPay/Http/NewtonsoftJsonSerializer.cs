using Flurl.Http.Configuration;
using Newtonsoft.Json;

namespace ChainPay.Http;

/// <summary>
/// Flurl's <see cref="ISerializer"/> over Newtonsoft.Json, so that <c>response.GetJsonAsync&lt;T&gt;()</c> reads
/// WeChat's snake_case JSON into <c>JObject</c> or the caller's types.
/// </summary>
internal sealed class NewtonsoftJsonSerializer : ISerializer
{
    private readonly JsonSerializerSettings settings;

    /// <summary>Creates the serializer with the given settings (or Newtonsoft's defaults).</summary>
    public NewtonsoftJsonSerializer(JsonSerializerSettings? settings = null)
    {
        this.settings = settings ?? Util.JsonText.Settings;
    }

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ChainPay.Util.Trimming.ApplicationTypesJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = ChainPay.Util.Trimming.ApplicationTypesJustification)]
    public string Serialize(object? obj) => JsonConvert.SerializeObject(obj, settings);

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ChainPay.Util.Trimming.ApplicationTypesJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = ChainPay.Util.Trimming.ApplicationTypesJustification)]
    public T Deserialize<T>(string s) => JsonConvert.DeserializeObject<T>(s, settings)!;

    /// <inheritdoc />
    public T Deserialize<T>(Stream stream)
    {
        using var reader = new StreamReader(stream);
        return Deserialize<T>(reader.ReadToEnd());
    }
}
