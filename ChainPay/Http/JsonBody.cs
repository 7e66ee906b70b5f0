using System.Buffers;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace ChainPay.Http;

/// <summary>
/// The UTF-8 bytes of <c>JsonConvert.SerializeObject(value, settings)</c>, written into pooled character buffers
/// instead of a growing <see cref="StringBuilder"/> and an intermediate string: the same serializer, settings and
/// writer options, the same bytes, a fraction of the garbage. The pooled buffers are cleared when returned.
/// </summary>
internal static class JsonBody
{
    /// <summary>Serialises <paramref name="value"/> as <c>Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, settings))</c> would.</summary>
    public static byte[] Serialize(object? value, JsonSerializerSettings settings)
    {
        var serializer = JsonSerializer.CreateDefault(settings); // as JsonConvert does: JsonConvert.DefaultSettings, then these
        using var text = new PooledTextWriter();
        using (var writer = new JsonTextWriter(text) { ArrayPool = CharPool.Instance, CloseOutput = false })
        {
            writer.Formatting = serializer.Formatting;
            serializer.Serialize(writer, value, null);
        }

        return text.ToUtf8();
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
