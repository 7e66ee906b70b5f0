using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
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
/// Nodes are immutable and safe to share across threads. A member's node is cached for as long as its parent, so a
/// member chain rebuilt on every call allocates nothing; the nodes of literal strings are kept in a bounded,
/// least-recently-used cache per instance (the last 1,024 of them), as such strings often carry ids.
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
    // Nodes of literal segments an instance keeps; older ones are rebuilt when asked for again.
    internal const int LiteralNodeCapacity = 1024;

    private static readonly Func<object, string, BuilderChain> NewLiteral = (parent, segment) => new BuilderChain((BuilderChain)parent, segment);

    private readonly ApiClient client;
    private readonly BuilderChain? parent; // null for the root
    private readonly string segment; // this node's own text, not the whole template: a long chain stays linear in size
    private readonly NodeCache<BuilderChain> literals; // one per instance
    private ConcurrentDictionary<string, BuilderChain>? members; // by member name as written
    private ConcurrentDictionary<string, BuilderChain>? named; // the nodes of members, by normalised segment
    private UriTemplate? parsed;

    // DynamicObject's constructor is marked as needing dynamic code because binding one through `dynamic` does; the
    // static forms (Chain, the indexer, the verbs) need none. Its binding reads this type's overrides by reflection,
    // so they are kept: a member chain in a NativeAOT application then reaches TryGetMember and its clear refusal.
#if NET
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only binding through dynamic needs dynamic code; that is refused with a clear message.")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(BuilderChain))]
#endif
    private BuilderChain(ApiClient client)
    {
        this.client = client;
        segment = string.Empty;
        literals = new NodeCache<BuilderChain>(LiteralNodeCapacity);
    }

#if NET
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As the root's: only binding through dynamic needs dynamic code.")]
#endif
    private BuilderChain(BuilderChain parent, string segment)
    {
        client = parent.client;
        literals = parent.literals;
        this.parent = parent;
        this.segment = segment;
    }

    /// <summary>The node with <paramref name="segment"/> appended, taken literally (no case folding).</summary>
    /// <param name="segment">One or more segments, e.g. <c>"v3/pay/transactions"</c> or <c>"{out_trade_no}"</c>.</param>
    public BuilderChain this[string segment] => Child(segment);

    /// <summary>The node with <paramref name="segment"/> appended, taken literally; the same as the indexer.</summary>
    /// <param name="segment">One or more segments, e.g. <c>"v3/marketing/favor/users/AbcdEF12345/coupons"</c>.</param>
    /// <example><code>var node = instance.Chain("v3/pay/transactions").Chain("native");</code></example>
    public BuilderChain Chain(string segment) => Child(segment);

    /// <summary>The URI template of this node, e.g. <c>v3/pay/transactions/out-trade-no/{out_trade_no}/reverse</c>.</summary>
    public override string ToString() => parsed?.Text ?? BuildText();

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
    /// <exception cref="NotSupportedException">The process has no dynamic code (NativeAOT), so a member chain cannot bind: use <see cref="Chain(string)"/>.</exception>
    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        // Cached by the name as written too, so a chain rebuilt on every call does not normalise (and allocate) again.
        var name = binder.Name;
        if (Trimming.RefuseMemberChain(Trimming.IsDynamicCodeSupported, name) is { } refused)
        {
            throw refused;
        }

        var byName = members ?? Lazy(ref members);
        result = byName.TryGetValue(name, out var cached) ? cached : byName.GetOrAdd(name, n => Named(MemberName.Normalize(n)));
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
    internal static BuilderChain Root(ApiClient client) => new(client);

    /// <summary>The client this instance's nodes share.</summary>
    internal ApiClient Client => client;

    /// <summary>The parsed template, parsed on first use.</summary>
    internal UriTemplate Template => parsed ??= UriTemplate.Parse(BuildText());

    private static ConcurrentDictionary<string, BuilderChain> Lazy(ref ConcurrentDictionary<string, BuilderChain>? field)
    {
        var created = new ConcurrentDictionary<string, BuilderChain>(StringComparer.Ordinal);
        return Interlocked.CompareExchange(ref field, created, null) ?? created;
    }

    /// <summary>A literal child: a member's node if there is one, else one from the instance's bounded cache.</summary>
    private BuilderChain Child(string segment)
    {
        if (segment is null)
        {
            throw new InvalidArgumentException("A chain segment cannot be null.", nameof(segment));
        }

        return named is { } byName && byName.TryGetValue(segment, out var existing) ? existing : literals.GetOrAdd(this, segment, NewLiteral);
    }

    /// <summary>A member's child, kept as long as this node: member names are written in code, so they are few.</summary>
    private BuilderChain Named(string segment) =>
        (named ?? Lazy(ref named)).GetOrAdd(segment, s => literals.TryRemove(this, s) ?? new BuilderChain(this, s));

    /// <summary>The template: the segments from the root down, joined by <c>/</c>, built when asked for.</summary>
    private string BuildText()
    {
        var depth = 0;
        for (var node = this; node.parent is not null; node = node.parent)
        {
            depth++;
        }

        var segments = new string[depth];
        for (var node = this; node.parent is not null; node = node.parent)
        {
            segments[--depth] = node.segment;
        }

        return string.Join("/", segments);
    }

    private Task<IFlurlResponse> SendAsync(HttpMethod method, object? options, CancellationToken cancellationToken) =>
        client.SendAsync(method, Template, options, cancellationToken);

    // A sync call blocks its thread until the answer is verified. Under a SynchronizationContext or a custom
    // TaskScheduler (a UI thread, classic ASP.NET, a test runner's) a continuation of some handler in the caller's
    // pipeline could be posted back to the blocked thread and deadlock it, so the call starts on the thread pool; with
    // neither (a console, a worker, ASP.NET Core) nothing can be posted back, and the call starts on the calling thread,
    // which signs the request itself instead of handing it to a pool thread and waiting (one thread hop fewer).
    private IFlurlResponse Wait(HttpMethod method, object? options) =>
        (SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default
            ? client.SendAsync(method, Template, options, CancellationToken.None)
            : Task.Run(() => client.SendAsync(method, Template, options, CancellationToken.None))).GetAwaiter().GetResult();
}
