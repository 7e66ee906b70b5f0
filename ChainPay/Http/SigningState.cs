namespace ChainPay.Http;

/// <summary>
/// What a <see cref="SigningHandler"/> needs to sign an attempt again, carried in the request message's options: the
/// signer, the signed wire target, and how many times a <see cref="SigningHandler"/> has seen the message go out.
/// </summary>
internal sealed class SigningState
{
    private const string Key = "ChainPay.SigningState";
#if !NETSTANDARD2_0
    private static readonly HttpRequestOptionsKey<SigningState> OptionsKey = new(Key);
#endif
    private int sends;

    private SigningState(RequestSigner signer, Uri target)
    {
        Signer = signer;
        Target = target;
    }

    /// <summary>The signer of the call's first attempt.</summary>
    public RequestSigner Signer { get; }

    /// <summary>The URI the first attempt was signed for (the verbatim wire target).</summary>
    public Uri Target { get; }

    /// <summary>Counts one more send and returns the count (1 for the first attempt).</summary>
    public int CountSend() => Interlocked.Increment(ref sends);

    /// <summary>Attaches a fresh state to <paramref name="request"/>, signed (or about to be) by <paramref name="signer"/>.</summary>
    public static void Attach(HttpRequestMessage request, RequestSigner signer) => Set(request, new SigningState(signer, request.RequestUri!));

    /// <summary>The state of <paramref name="request"/>, or <c>null</c> when ChainPay did not sign it.</summary>
    public static SigningState? Of(HttpRequestMessage request)
    {
#if NETSTANDARD2_0
        return request.Properties.TryGetValue(Key, out var value) ? value as SigningState : null;
#else
        return request.Options.TryGetValue(OptionsKey, out var value) ? value : null;
#endif
    }

    /// <summary>Gives <paramref name="copy"/> (the message sent through a caller's client) the state of <paramref name="original"/>, sends counted apart.</summary>
    public static void CopyTo(HttpRequestMessage original, HttpRequestMessage copy)
    {
        if (Of(original) is { } state)
        {
            Set(copy, new SigningState(state.Signer, state.Target));
        }
    }

    private static void Set(HttpRequestMessage request, SigningState state)
    {
#if NETSTANDARD2_0
        request.Properties[Key] = state;
#else
        request.Options.Set(OptionsKey, state);
#endif
    }
}
