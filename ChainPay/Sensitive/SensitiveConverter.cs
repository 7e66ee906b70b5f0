using Newtonsoft.Json;

namespace ChainPay;

/// <summary>
/// Writes <see cref="SensitiveField"/> values encrypted with the key of the serialisation in progress on this thread
/// (JSON serialisation is synchronous, so a thread-static scope is exact).
/// </summary>
internal sealed class SensitiveConverter : JsonConverter
{
    [ThreadStatic]
    private static Scope? current;

    public static readonly SensitiveConverter Instance = new();

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <summary>Serialises <paramref name="write"/> with <paramref name="key"/> as the encryption key; tells whether any field used it.</summary>
    public static T Serialize<T>(Func<T> write, Func<(string Serial, object Key)> key, out string? usedSerial)
    {
        var scope = new Scope(key);
        var previous = current;
        current = scope;
        try
        {
            var text = write();
            usedSerial = scope.Chosen?.Serial;
            return text;
        }
        finally
        {
            current = previous;
        }
    }

    /// <inheritdoc />
    public override bool CanConvert(Type objectType) => objectType == typeof(SensitiveField);

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        var scope = current ?? throw new InvalidOperationException("A SensitiveField is encrypted by ChainPay when it sends the request; it cannot be serialised elsewhere.");
        scope.Chosen ??= scope.Resolve();
        writer.WriteValue(((SensitiveField)value!).EncryptFor(scope.Chosen.Value.Key));
    }

    /// <inheritdoc />
    public override object ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        throw new NotSupportedException("SensitiveField is write-only; use SensitiveField.Decrypt for answers.");

    private sealed class Scope
    {
        public Scope(Func<(string Serial, object Key)> resolve) => Resolve = resolve;

        public Func<(string Serial, object Key)> Resolve { get; }

        public (string Serial, object Key)? Chosen { get; set; }
    }
}
