using System.Security.Cryptography;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// Turns DER-encoded RSA key structures into <see cref="RSA"/> instances. Two implementations exist:
/// <see cref="BouncyKeyLoader"/> (every target; the default on netstandard2.0) and <c>BclKeyLoader</c>
/// (net8.0 and later; the default there). Implementations throw on any malformed or non-RSA input;
/// the caller (<see cref="Rsa"/>) turns every failure into one message that carries no key material.
/// </summary>
internal interface IKeyLoader
{
    /// <summary>A short name for diagnostics and tests ("bcl" or "bouncy").</summary>
    string Name { get; }

    /// <summary>PKCS#8 <c>PrivateKeyInfo</c> (<c>-----BEGIN PRIVATE KEY-----</c>).</summary>
    RSA ImportPkcs8PrivateKey(byte[] der);

    /// <summary>PKCS#8 <c>EncryptedPrivateKeyInfo</c> (<c>-----BEGIN ENCRYPTED PRIVATE KEY-----</c>).</summary>
    RSA ImportEncryptedPkcs8PrivateKey(byte[] der, string passphrase);

    /// <summary>PKCS#1 <c>RSAPrivateKey</c> (<c>-----BEGIN RSA PRIVATE KEY-----</c>).</summary>
    RSA ImportRsaPrivateKey(byte[] der);

    /// <summary>X.509 <c>SubjectPublicKeyInfo</c> (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    RSA ImportSubjectPublicKeyInfo(byte[] der);

    /// <summary>PKCS#1 <c>RSAPublicKey</c> (<c>-----BEGIN RSA PUBLIC KEY-----</c>).</summary>
    RSA ImportRsaPublicKey(byte[] der);

    /// <summary>The public key of an X.509 certificate (<c>-----BEGIN CERTIFICATE-----</c>).</summary>
    RSA ImportCertificatePublicKey(byte[] der);
}
