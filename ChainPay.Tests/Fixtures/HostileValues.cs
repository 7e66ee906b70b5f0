using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Fixtures;

/// <summary>Values an options bag or a JSON body must refuse: deep JSON, self-referring objects, throwing getters.</summary>
internal static class HostileValues
{
    /// <summary>A JSON object nested <paramref name="levels"/> deep: <c>{"k":{"k":…"leaf"}}</c>.</summary>
    public static JToken NestedJson(int levels)
    {
        JToken value = new JValue("leaf");
        for (var i = 0; i < levels; i++)
        {
            value = new JObject { ["k"] = value };
        }

        return value;
    }

    /// <summary>A node that can point at another (or itself), to build cycles.</summary>
    public sealed class Node
    {
        public Node? Next { get; set; }
    }

    /// <summary>An object whose only property getter throws.</summary>
    public sealed class Throwing
    {
        public string Value => throw new InvalidOperationException("boom");
    }
}
