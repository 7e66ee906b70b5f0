using ChainPay.Crypto.Internal;
using Org.BouncyCastle.Crypto.Parameters;

namespace ChainPay.Crypto;

/// <summary>
/// An SM2 private key (curve <c>sm2p256v1</c>): a thin, immutable wrapper over BouncyCastle's
/// <see cref="ECPrivateKeyParameters"/>, which <see cref="Parameters"/> exposes for direct use.
/// </summary>
/// <remarks><see cref="ToString"/> never shows the key; only <see cref="ToPem"/> exports it.</remarks>
/// <example>
/// <code>
/// Sm2PrivateKey merchant = Sm2.PrivateKeyFrom("file:///path/to/apiclient_sm2_key.pem");
/// string signature = Sm2.Sign(message, merchant);
/// </code>
/// </example>
public sealed class Sm2PrivateKey
{
    private readonly Lazy<Sm2PublicKey> publicKey;

    /// <summary>Wraps BouncyCastle key parameters, which must be on the SM2 curve with 1 ≤ d ≤ n − 2.</summary>
    /// <param name="parameters">The private key parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="InvalidArgumentException">The key is not a valid SM2 key (ParamName <c>parameters</c>).</exception>
    /// <example>
    /// <code>
    /// var key = new Sm2PrivateKey(bouncyCastlePrivateKeyParameters);
    /// </code>
    /// </example>
    public Sm2PrivateKey(ECPrivateKeyParameters parameters)
    {
        if (parameters is null)
        {
            throw new ArgumentNullException(nameof(parameters));
        }

        if (!Sm2KeyReader.IsSm2(parameters.Parameters))
        {
            throw new InvalidArgumentException("The private key is not on the SM2 curve (sm2p256v1).", nameof(parameters));
        }

        try
        {
            Parameters = Sm2KeyReader.Private(parameters.D);
        }
        catch (FormatException e)
        {
            throw new InvalidArgumentException(e.Message, nameof(parameters), e);
        }

        publicKey = new Lazy<Sm2PublicKey>(() => new Sm2PublicKey(Sm2KeyReader.PublicOf(Parameters)));
    }

    /// <summary>The BouncyCastle parameters, on the named <c>sm2p256v1</c> domain.</summary>
    /// <example><code>var signer = new SM2Signer(); signer.Init(true, key.Parameters);</code></example>
    public ECPrivateKeyParameters Parameters { get; }

    /// <summary>The matching public key, d·G.</summary>
    /// <example><code>string pem = merchant.PublicKey.ToPem();</code></example>
    public Sm2PublicKey PublicKey => publicKey.Value;

    /// <summary>Exports the key as a <c>-----BEGIN PRIVATE KEY-----</c> (PKCS#8) PEM block, as OpenSSL writes it.</summary>
    /// <returns>The PEM text; it is the secret key — store it like one.</returns>
    /// <example><code>File.WriteAllText("sm2_key.pem", Sm2.GenerateKeyPair().PrivateKey.ToPem());</code></example>
    public string ToPem() => Sm2.Pem("PRIVATE KEY", Sm2KeyReader.ToPkcs8(Parameters));

    /// <summary>A fixed description; the key is never shown.</summary>
    /// <returns><c>Sm2PrivateKey(sm2p256v1)</c>.</returns>
    /// <example><code>logger.LogInformation("Loaded {Key}", key); // Loaded Sm2PrivateKey(sm2p256v1)</code></example>
    public override string ToString() => "Sm2PrivateKey(sm2p256v1)";
}
