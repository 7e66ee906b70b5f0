using System.Collections.Concurrent;

namespace ChainPay.Extensions.DependencyInjection;

/// <summary>The merchant names registered with <c>AddChainPay</c>.</summary>
internal sealed class ChainPayRegistry
{
    private readonly ConcurrentDictionary<string, string?> names = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => names.Keys.OrderBy(n => n, StringComparer.Ordinal);

    public void Add(string name) => names.TryAdd(name, null);

    public bool Contains(string name) => names.ContainsKey(name);

    /// <summary>The HttpClient name of merchant <paramref name="name"/>.</summary>
    public static string ClientName(string name) => "ChainPay:" + name;

    public bool IsClient(string? clientName) =>
        clientName is not null && clientName.StartsWith("ChainPay:", StringComparison.Ordinal) && names.ContainsKey(clientName.Substring(9));
}
