using System.Buffers;
using System.Globalization;
using System.Text;
using System.Reflection;
using ChainPay.Chaining;
using ChainPay.Util;
using Newtonsoft.Json;

namespace ChainPay.Http;

/// <summary>
/// The UTF-8 bytes of <c>JsonConvert.SerializeObject(value, settings)</c>, written into pooled character buffers
/// instead of a growing <see cref="StringBuilder"/> and an intermediate string: the same serializer, settings and
/// writer options, the same bytes, a fraction of the garbage. The pooled buffers are cleared when returned.
/// Two differences, as PHP's <c>json_encode</c> and Node's <c>JSON.stringify</c> write numbers: floating-point and
/// decimal numbers are written in their shortest form (<c>100.0</c> ⇒ <c>100</c>, <c>1.50m</c> ⇒ <c>1.5</c>); and a
/// value that cannot be sent — a cycle, more than <see cref="PropertyBag.MaxDepth"/> levels of nesting, NaN, a
/// delegate, a type, a stream, a getter that throws — is refused with an <see cref="InvalidArgumentException"/>
/// naming <c>json</c>.
/// </summary>
internal static class JsonBody
{
    private const string Option = "json";

    // The reused serializer with the settings it was made from, swapped as one reference.
    private static Tuple<JsonSerializerSettings, JsonSerializer>? cache;

    /// <summary>Serialises <paramref name="value"/> as <c>Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, settings))</c> would.</summary>
    /// <exception cref="InvalidArgumentException">The value cannot be serialised.</exception>
    public static byte[] Serialize(object? value, JsonSerializerSettings settings)
    {
        var serializer = SerializerFor(settings);
        using var text = new PooledTextWriter();
        try
        {
            using var writer = new GuardedWriter(text) { ArrayPool = CharPool.Instance, CloseOutput = false, AutoCompleteOnClose = false };
            writer.Formatting = serializer.Formatting;
            serializer.Serialize(writer, value, null);
        }
        catch (JsonSerializationException e) when (e.Message.StartsWith("Self referencing loop", StringComparison.Ordinal))
        {
            throw new InvalidArgumentException($"The `json` option refers to itself (a cycle), which cannot be sent: {e.Message}", Option, e);
        }
        catch (JsonSerializationException e) when (e.Message.StartsWith("Error getting value", StringComparison.Ordinal) && e.InnerException is not null)
        {
            var inner = e.InnerException is TargetInvocationException { InnerException: { } cause } ? cause : e.InnerException;
            throw new InvalidArgumentException($"The `json` option cannot be serialised: {e.Message} It threw {inner.GetType().Name}.", Option, inner);
        }
        catch (JsonException e)
        {
            throw new InvalidArgumentException($"The `json` option cannot be serialised: {e.Message}", Option, e);
        }

        return text.ToUtf8();
    }

    /// <summary>
    /// The serializer <c>JsonConvert</c> would use: <see cref="JsonSerializer.CreateDefault(JsonSerializerSettings)"/>
    /// (<see cref="JsonConvert.DefaultSettings"/>, then <paramref name="settings"/>). Without default settings, which
    /// is the usual case, that is always the same serializer, so one is made per settings object and reused (a
    /// <see cref="JsonSerializer"/> is safe to share once configured); with them, a new one per call as before, so a
    /// change of <see cref="JsonConvert.DefaultSettings"/> still applies to the next body.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ChainPay.Util.Trimming.ApplicationTypesJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = ChainPay.Util.Trimming.ApplicationTypesJustification)]
    private static JsonSerializer SerializerFor(JsonSerializerSettings settings)
    {
        if (JsonConvert.DefaultSettings is null && Volatile.Read(ref cache) is { } cached && ReferenceEquals(cached.Item1, settings))
        {
            return cached.Item2;
        }

        var serializer = JsonSerializer.CreateDefault(settings); // as JsonConvert does: JsonConvert.DefaultSettings, then these
        serializer.Converters.Add(UnsupportedConverter.Instance);
        if (JsonConvert.DefaultSettings is null)
        {
            Volatile.Write(ref cache, Tuple.Create(settings, serializer));
        }

        return serializer;
    }

    /// <summary>Writes numbers in their shortest form and refuses NaN, infinities and nesting deeper than <see cref="PropertyBag.MaxDepth"/>.</summary>
    private sealed class GuardedWriter : JsonTextWriter
    {
        public GuardedWriter(TextWriter writer)
            : base(writer)
        {
        }

        public override void WriteStartObject()
        {
            CheckDepth();
            base.WriteStartObject();
        }

        public override void WriteStartArray()
        {
            CheckDepth();
            base.WriteStartArray();
        }

        public override void WriteStartConstructor(string name)
        {
            CheckDepth();
            base.WriteStartConstructor(name);
        }

        public override void WriteValue(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw NotFinite(value);
            }

            WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));
        }

        public override void WriteValue(float value)
        {
            if (float.IsNaN(value) || float.IsInfinity(value))
            {
                throw NotFinite(value);
            }

            WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));
        }

        public override void WriteValue(decimal value) => WriteRawValue(Scalar.Shortest(value).ToString(CultureInfo.InvariantCulture));

        public override void WriteValue(double? value)
        {
            if (value.HasValue)
            {
                WriteValue(value.GetValueOrDefault());
            }
            else
            {
                WriteNull();
            }
        }

        public override void WriteValue(float? value)
        {
            if (value.HasValue)
            {
                WriteValue(value.GetValueOrDefault());
            }
            else
            {
                WriteNull();
            }
        }

        public override void WriteValue(decimal? value)
        {
            if (value.HasValue)
            {
                WriteValue(value.GetValueOrDefault());
            }
            else
            {
                WriteNull();
            }
        }

        private InvalidArgumentException NotFinite(double value) =>
            new($"The `json` option holds {value.ToString(CultureInfo.InvariantCulture)} at `{Path}`, which JSON cannot express.", Option);

        private void CheckDepth()
        {
            if (Top >= PropertyBag.MaxDepth)
            {
                throw new InvalidArgumentException(
                    $"The `json` option nests objects and arrays more than {PropertyBag.MaxDepth} levels deep at `{Path}` (or refers to itself); ChainPay refuses deeper values.", Option);
            }
        }
    }

    /// <summary>
    /// Refuses the values <see cref="PropertyBag.IsUnsupported"/> names, which JSON would render as reflection graphs or
    /// not at all, and anonymous objects a trimmed application took properties from (<see cref="PropertyBag.IsTrimmed"/>),
    /// which it would send as <c>{}</c>.
    /// </summary>
    private sealed class UnsupportedConverter : JsonConverter
    {
        public static readonly UnsupportedConverter Instance = new();

        public override bool CanRead => false;

        public override bool CanConvert(Type objectType) => PropertyBag.IsRefusedInJson(objectType);

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            if (value is not null && value.GetType().IsGenericType && PropertyBag.IsTrimmed(value.GetType()))
            {
                throw PropertyBag.TrimmedOption(value.GetType(), Option);
            }

            throw new InvalidArgumentException(
                $"The `json` option holds {(value is null ? "null" : PropertyBag.Describe(value))} at `{writer.Path}`, which cannot be sent: use text, numbers, booleans, arrays and objects"
                + (value is Stream ? "; send a stream as `body`." : "."),
                Option);
        }

        public override object ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) => throw new NotSupportedException();
    }

    /// <summary>A <see cref="TextWriter"/> into rented arrays; <see cref="ToUtf8"/> encodes what was written.</summary>
    private sealed class PooledTextWriter : TextWriter
    {
        private char[] buffer = ArrayPool<char>.Shared.Rent(1024);
        private int length;

        public PooledTextWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            Reserve(1);
            buffer[length++] = value;
        }

        public override void Write(char[] chars, int index, int count)
        {
            Reserve(count);
            Array.Copy(chars, index, buffer, length, count);
            length += count;
        }

        public override void Write(string? value)
        {
            if (value is null)
            {
                return;
            }

            Reserve(value.Length);
            value.CopyTo(0, buffer, length, value.Length);
            length += value.Length;
        }

        public byte[] ToUtf8()
        {
            var bytes = new byte[Encoding.UTF8.GetByteCount(buffer, 0, length)];
            Encoding.UTF8.GetBytes(buffer, 0, length, bytes, 0);
            return bytes;
        }

        protected override void Dispose(bool disposing)
        {
            if (buffer.Length > 0)
            {
                ArrayPool<char>.Shared.Return(buffer, clearArray: true);
                buffer = Array.Empty<char>();
                length = 0;
            }

            base.Dispose(disposing);
        }

        private void Reserve(int count)
        {
            if (length + count <= buffer.Length)
            {
                return;
            }

            var next = ArrayPool<char>.Shared.Rent(Math.Max(buffer.Length * 2, length + count));
            Array.Copy(buffer, next, length);
            ArrayPool<char>.Shared.Return(buffer, clearArray: true);
            buffer = next;
        }
    }

    /// <summary>Newtonsoft's <see cref="IArrayPool{T}"/> over <see cref="ArrayPool{T}.Shared"/>, for the writer's escaping buffers.</summary>
    private sealed class CharPool : IArrayPool<char>
    {
        public static readonly CharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                ArrayPool<char>.Shared.Return(array, clearArray: true);
            }
        }
    }
}
