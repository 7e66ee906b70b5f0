using System.Collections.Concurrent;
using System.Dynamic;
using ChainPay.Chaining;
using ChainPay.Http;
using ChainPay.Util;
using Flurl.Http;

namespace ChainPay;

/// <summary>
/// A node of the chain: a URI template plus the client shared by every node of one
/// <see cref="Builder.Factory(BuilderOptions)"/> instance. Members (as <c>dynamic</c>), the indexer and
/// <see cref="Chain(string)"/> each append one segment; the verbs send the request.
/// </summary>
/// <remarks>
/// A member name is normalised (<c>outTradeNo</c> ⇒ <c>out-trade-no</c>, <c>_out_trade_no_</c> ⇒ <c>{out_trade_no}</c>,
/// see <see cref="MemberName"/>); a string given to the indexer or to <see cref="Chain(string)"/> is taken literally.
/// Nodes are immutable and cached, so chains are cheap to rebuild and safe to share across threads.
/// </remarks>
/// <example>
/// <code>
/// dynamic wxpay = Builder.Factory(options);
/// var r1 = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse.PostAsync(new { out_trade_no = "1217752501201407033233368018", json = new { appid, mchid } });
/// var r2 = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new { out_trade_no = "1217752501201407033233368018", json = new { appid, mchid } });
/// var r3 = instance["v3/pay/transactions/out-trade-no/{out_trade_no}/reverse"].Post(new { out_trade_no = "1217752501201407033233368018", json = new { appid, mchid } });
/// </code>
/// </example>
public sealed class BuilderChain : DynamicObject
{
    private readonly ApiClient client;
    private readonly string template;
    private readonly bool isRoot;
    private readonly ConcurrentDictionary<string, BuilderChain> children = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BuilderChain> members = new(StringComparer.Ordinal); // by member name as written
    private UriTemplate? parsed;

    private BuilderChain(ApiClient client, string template, bool isRoot)
    {
        this.client = client;
        this.template = template;
        this.isRoot = isRoot;
    }

    /// <summary>The node with <paramref name="segment"/> appended, taken literally (no case folding).</summary>
    /// <param name="segment">One or more segments, e.g. <c>"v3/pay/transactions"</c> or <c>"{out_trade_no}"</c>.</param>
    public BuilderChain this[string segment] => Child(segment);

    /// <summary>The node with <paramref name="segment"/> appended, taken literally; the same as the indexer.</summary>
    /// <param name="segment">One or more segments, e.g. <c>"v3/marketing/favor/users/AbcdEF12345/coupons"</c>.</param>
    /// <example><code>var node = instance.Chain("v3/pay/transactions").Chain("native");</code></example>
    public BuilderChain Chain(string segment) => Child(segment);

    /// <summary>The URI template of this node, e.g. <c>v3/pay/transactions/out-trade-no/{out_trade_no}/reverse</c>.</summary>
    public override string ToString() => template;

    /// <summary>Sends a GET and returns the verified response.</summary>
    /// <param name="options">The options bag: placeholders and <c>query</c>, <c>headers</c>, <c>json</c>, <c>body</c>, <c>base_uri</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IFlurlResponse> GetAsync(object? options = null, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Get, options, cancellationToken);

    /// <summary>Sends a PUT and returns the verified response.</summary>
    /// <param name="options">The options bag.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IFlurlResponse> PutAsync(object? options = null, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Put, options, cancellationToken);

    /// <summary>Sends a POST and returns the verified response.</summary>
    /// <param name="options">The options bag.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IFlurlResponse> PostAsync(object? options = null, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, options, cancellationToken);

    /// <summary>Sends a PATCH and returns the verified response.</summary>
    /// <param name="options">The options bag.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IFlurlResponse> PatchAsync(object? options = null, CancellationToken cancellationToken = default) => SendAsync(ApiClient.MethodOf("PATCH")!, options, cancellationToken);

    /// <summary>Sends a DELETE and returns the verified response.</summary>
    /// <param name="options">The options bag.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IFlurlResponse> DeleteAsync(object? options = null, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, options, cancellationToken);

    /// <summary>Sends a GET and waits for the verified response (safe under any <c>SynchronizationContext</c>).</summary>
    /// <param name="options">The options bag.</param>
    public IFlurlResponse Get(object? options = null) => Wait(HttpMethod.Get, options);

    /// <summary>Sends a PUT and waits for the verified response.</summary>
    /// <param name="options">The options bag.</param>
    public IFlurlResponse Put(object? options = null) => Wait(HttpMethod.Put, options);

    /// <summary>Sends a POST and waits for the verified response.</summary>
    /// <param name="options">The options bag.</param>
    public IFlurlResponse Post(object? options = null) => Wait(HttpMethod.Post, options);

    /// <summary>Sends a PATCH and waits for the verified response.</summary>
    /// <param name="options">The options bag.</param>
    public IFlurlResponse Patch(object? options = null) => Wait(ApiClient.MethodOf("PATCH")!, options);

    /// <summary>Sends a DELETE and waits for the verified response.</summary>
    /// <param name="options">The options bag.</param>
    public IFlurlResponse Delete(object? options = null) => Wait(HttpMethod.Delete, options);

    /// <summary>A member access appends the member name, normalised (<see cref="MemberName.Normalize"/>).</summary>
    /// <param name="binder">The member.</param>
    /// <param name="result">The child node.</param>
    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        // Cached by the name as written too, so a chain rebuilt on every call does not normalise (and allocate) again.
        var name = binder.Name;
        result = members.TryGetValue(name, out var cached) ? cached : members.GetOrAdd(name, n => Child(MemberName.Normalize(n)));
        return true;
    }

    /// <summary>An index of any scalar type appends its text, literally.</summary>
    /// <param name="binder">The index operation.</param>
    /// <param name="indexes">One index.</param>
    /// <param name="result">The child node.</param>
    public override bool TryGetIndex(GetIndexBinder binder, object[] indexes, out object? result)
    {
        result = indexes.Length == 1 && indexes[0] is not null && Scalar.IsScalar(indexes[0]) ? Child(Scalar.ToText(indexes[0])) : null;
        return result is not null;
    }

    /// <summary>The wechatpay-php spellings <c>get post … postAsync … chain</c> when called through <c>dynamic</c>.</summary>
    /// <param name="binder">The call.</param>
    /// <param name="args">Options bag, then optionally a <see cref="CancellationToken"/> (for async verbs); for <c>chain</c>, the segment.</param>
    /// <param name="result">The response, the task, or the child node.</param>
    public override bool TryInvokeMember(InvokeMemberBinder binder, object?[]? args, out object? result)
    {
        args ??= Array.Empty<object?>();
        var name = binder.Name;
        if (name == "chain" && args.Length == 1 && args[0] is string segment)
        {
            result = Child(segment);
            return true;
        }

        var isAsync = name.EndsWith("Async", StringComparison.Ordinal);
        var method = ApiClient.MethodOf(isAsync ? name.Substring(0, name.Length - 5) : name);
        if (method is null || !char.IsLower(name[0]) || args.Length > (isAsync ? 2 : 1))
        {
            result = null;
            return false;
        }

        var options = args.Length > 0 ? args[0] : null;
        var token = args.Length > 1 && args[1] is CancellationToken ct ? ct : default;
        result = isAsync ? SendAsync(method, options, token) : Wait(method, options);
        return true;
    }

    /// <summary>The root node of a new instance.</summary>
    internal static BuilderChain Root(ApiClient client) => new(client, string.Empty, isRoot: true);

    /// <summary>The client this instance's nodes share.</summary>
    internal ApiClient Client => client;

    /// <summary>The parsed template, parsed on first use.</summary>
    internal UriTemplate Template => parsed ??= UriTemplate.Parse(template);

    private BuilderChain Child(string segment)
    {
        if (segment is null)
        {
            throw new InvalidArgumentException("A chain segment cannot be null.", nameof(segment));
        }

        return children.TryGetValue(segment, out var existing)
            ? existing
            : children.GetOrAdd(segment, s => new BuilderChain(client, isRoot ? s : template + "/" + s, isRoot: false));
    }

    private Task<IFlurlResponse> SendAsync(HttpMethod method, object? options, CancellationToken cancellationToken) =>
        client.SendAsync(method, Template, options, cancellationToken);

    private IFlurlResponse Wait(HttpMethod method, object? options) =>
        Task.Run(() => client.SendAsync(method, Template, options, CancellationToken.None)).GetAwaiter().GetResult();
}
