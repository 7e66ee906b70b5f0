using ChainPay.Crypto.Internal;
using Org.BouncyCastle.Crypto.Parameters;

namespace ChainPay.Crypto;

/// <summary>
/// An SM2 public key (curve <c>sm2p256v1</c>): a thin, immutable wrapper over BouncyCastle's
/// <see cref="ECPublicKeyParameters"/>, which <see cref="Parameters"/> exposes for direct use.
/// </summary>
/// <remarks>Obtain one from <see cref="Sm2.PublicKeyFrom"/>, <see cref="Sm2PrivateKey.PublicKey"/> or
/// <see cref="Sm2.GenerateKeyPair"/>. Two instances are equal when they hold the same point.</remarks>
/// <example>
/// <code>
/// Sm2PublicKey platform = Sm2.PublicKeyFrom("file:///path/to/wechatpay_sm2_cert.pem");
/// bool ok = Sm2.Verify(message, signature, platform);
/// </code>
/// </example>
public sealed class Sm2PublicKey : IEquatable<Sm2PublicKey>
{
    /// <summary>Wraps BouncyCastle key parameters, which must be on the SM2 curve.</summary>
    /// <param name="parameters">The public key parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="InvalidArgumentException">The key is not on the SM2 curve (ParamName <c>parameters</c>).</exception>
    /// <example>
    /// <code>
    /// var key = new Sm2PublicKey(bouncyCastlePublicKeyParameters);
    /// </code>
    /// </example>
    public Sm2PublicKey(ECPublicKeyParameters parameters)
    {
        if (parameters is null)
        {
            throw new ArgumentNullException(nameof(parameters));
        }

        if (!Sm2KeyReader.IsSm2(parameters.Parameters))
        {
            throw new InvalidArgumentException("The public key is not on the SM2 curve (sm2p256v1).", nameof(parameters));
        }

        Parameters = new ECPublicKeyParameters(parameters.Q.Normalize(), Sm2KeyReader.Domain);
    }

    /// <summary>The BouncyCastle parameters, on the named <c>sm2p256v1</c> domain.</summary>
    /// <example><code>var verifier = new SM2Signer(); verifier.Init(false, key.Parameters);</code></example>
    public ECPublicKeyParameters Parameters { get; }

    /// <summary>The uncompressed point encoding <c>04 || x || y</c> (65 bytes).</summary>
    /// <returns>A new array.</returns>
    /// <example><code>string hex = Convert.ToHexString(key.GetEncoded()); // "04…"</code></example>
    public byte[] GetEncoded() => Parameters.Q.GetEncoded(false);

    /// <summary>The key as a <c>-----BEGIN PUBLIC KEY-----</c> (SPKI) PEM block, as OpenSSL writes it.</summary>
    /// <returns>The PEM text, lines of 64 characters, ending with a line feed.</returns>
    /// <example><code>File.WriteAllText("sm2_pub.pem", key.ToPem());</code></example>
    public string ToPem() => Sm2.Pem("PUBLIC KEY", Sm2KeyReader.ToSpki(Parameters));

    /// <summary>Whether <paramref name="other"/> holds the same point.</summary>
    /// <param name="other">The other key.</param>
    /// <returns>True for the same public key.</returns>
    /// <example><code>bool same = certificateKey.Equals(privateKey.PublicKey);</code></example>
    public bool Equals(Sm2PublicKey? other) => other is not null && Parameters.Q.Equals(other.Parameters.Q);

    /// <summary>Whether <paramref name="obj"/> is an <see cref="Sm2PublicKey"/> holding the same point.</summary>
    /// <param name="obj">The other object.</param>
    /// <returns>True for the same public key.</returns>
    /// <example><code>bool known = trustedKeys.Contains(Sm2.PublicKeyFrom(certificatePem));</code></example>
    public override bool Equals(object? obj) => Equals(obj as Sm2PublicKey);

    /// <summary>A hash of the point, consistent with <see cref="Equals(Sm2PublicKey)"/>.</summary>
    /// <returns>The hash code.</returns>
    /// <example><code>var byKey = new Dictionary&lt;Sm2PublicKey, string&gt;(); // keys compare by point</code></example>
    public override int GetHashCode() => Parameters.Q.GetHashCode();

    /// <summary>The SPKI PEM (a public key is not secret).</summary>
    /// <returns>The same text as <see cref="ToPem"/>.</returns>
    /// <example><code>Console.WriteLine(publicKey); // -----BEGIN PUBLIC KEY-----…</code></example>
    public override string ToString() => ToPem();
}
