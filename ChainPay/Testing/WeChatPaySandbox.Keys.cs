using System.Security.Cryptography;
using ChainPay.Crypto;
using ChainPay.Testing.Internal;

namespace ChainPay.Testing;

// The platform's keys: a certificate, a WeChat Pay public key, or both during the gray switch (SandboxKeyMode.Gray).
public sealed partial class WeChatPaySandbox
{
    // The key of the identity the sandbox was not created with (made once per process, when a switch first needs it).
    private static readonly Lazy<RSA> SecondPlatformKey = new(MakeKey);

    private readonly object keyLock = new();
    private readonly Queue<string> signNext = new();
    private PlatformIdentity? certificate;
    private PlatformIdentity? publicKey;
    private SandboxKeyMode keyMode;
    private long grayAnswers;

    /// <summary>How answers are signed now: by public key, by platform certificate, or by either during the gray switch (<see cref="SwitchKeyMode"/>).</summary>
    public SandboxKeyMode KeyMode
    {
        get
        {
            lock (keyLock)
            {
                return keyMode;
            }
        }
    }

    /// <summary>
    /// The id answers carry in <c>Wechatpay-Serial</c>: a <c>PUB_KEY_ID_…</c> in <see cref="SandboxKeyMode.PublicKeyId"/>
    /// mode, the platform certificate's serial in <see cref="SandboxKeyMode.CertificateSerial"/> and
    /// <see cref="SandboxKeyMode.Gray"/> mode (in gray, some answers carry <see cref="PublicKeyId"/> instead).
    /// </summary>
    public string PlatformKeyId => Primary().Id;

    /// <summary>The public key of <see cref="PlatformKeyId"/>, to configure in <c>Certs[PlatformKeyId]</c>.</summary>
    public RSA PlatformPublicKey => Primary().PublicKey;

    /// <summary>The platform certificate (PEM) in <see cref="SandboxKeyMode.CertificateSerial"/> and <see cref="SandboxKeyMode.Gray"/> mode, which <c>/v3/certificates</c> serves; otherwise <c>null</c>.</summary>
    public string? PlatformCertificatePem
    {
        get
        {
            lock (keyLock)
            {
                return keyMode == SandboxKeyMode.PublicKeyId ? null : certificate!.CertificatePem;
            }
        }
    }

    /// <summary>The WeChat Pay public key id (<c>PUB_KEY_ID_…</c>) in <see cref="SandboxKeyMode.PublicKeyId"/> and <see cref="SandboxKeyMode.Gray"/> mode; <c>null</c> in certificate mode.</summary>
    public string? PublicKeyId => InUse(SandboxKeyMode.CertificateSerial)?.Id;

    /// <summary>The WeChat Pay public key of <see cref="PublicKeyId"/> (a key pair other than the certificate's); <c>null</c> in certificate mode.</summary>
    public RSA? PublicKey => InUse(SandboxKeyMode.CertificateSerial)?.PublicKey;

    /// <summary>
    /// Moves the sandbox to <paramref name="mode"/>, as WeChat Pay moves a merchant from platform certificates to a
    /// public key: <see cref="SandboxKeyMode.CertificateSerial"/> ⇒ <see cref="SandboxKeyMode.Gray"/> (answers signed
    /// by either, every other answer by each unless <see cref="SignNextWith"/> says) ⇒
    /// <see cref="SandboxKeyMode.PublicKeyId"/>. The sandbox keeps the keys it has: a switch back finds the same ones.
    /// The key the sandbox was created with (<see cref="SandboxOptions.PlatformPrivateKey"/>) stays its mode's; the
    /// other identity gets a second test key made once per process. A switch forgets what <see cref="SignNextWith"/> queued.
    /// </summary>
    /// <param name="mode">The new mode.</param>
    /// <example>
    /// <code>
    /// var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial });
    /// sandbox.SwitchKeyMode(SandboxKeyMode.Gray);        // answers now carry the certificate serial or the PUB_KEY_ID_…
    /// sandbox.SwitchKeyMode(SandboxKeyMode.PublicKeyId); // the switch is done
    /// </code>
    /// </example>
    /// <exception cref="InvalidArgumentException"><paramref name="mode"/> is not a <see cref="SandboxKeyMode"/>.</exception>
    public void SwitchKeyMode(SandboxKeyMode mode)
    {
        lock (keyLock)
        {
            SetKeyMode(mode, null);
            signNext.Clear();
        }
    }

    /// <summary>
    /// The next answer or notification is signed with the key <paramref name="keyId"/> names (calls queue up): in
    /// <see cref="SandboxKeyMode.Gray"/> mode <see cref="PlatformKeyId"/> or <see cref="PublicKeyId"/>, otherwise the
    /// one key in use.
    /// </summary>
    /// <param name="keyId">A certificate serial or a <c>PUB_KEY_ID_…</c> the sandbox signs with now.</param>
    /// <example>
    /// <code>
    /// sandbox.SignNextWith(sandbox.PublicKeyId!); // the next answer carries Wechatpay-Serial: PUB_KEY_ID_…
    /// </code>
    /// </example>
    /// <exception cref="InvalidArgumentException">The sandbox does not sign with that key in its mode.</exception>
    public void SignNextWith(string keyId)
    {
        lock (keyLock)
        {
            if (Find(keyId) is null)
            {
                throw new InvalidArgumentException($"The sandbox signs with {string.Join(" or ", InUseIds())} in {keyMode} mode, not `{keyId}`.", nameof(keyId));
            }

            signNext.Enqueue(keyId);
        }
    }

    private static RSA MakeKey()
    {
        var key = RSA.Create();
        key.KeySize = 2048;
        key.ExportParameters(false);
        return key;
    }

    private void SetKeyMode(SandboxKeyMode mode, RSA? initialKey)
    {
        if (mode is not (SandboxKeyMode.PublicKeyId or SandboxKeyMode.CertificateSerial or SandboxKeyMode.Gray))
        {
            throw new InvalidArgumentException($"The key mode `{mode}` is not one of PublicKeyId, CertificateSerial, Gray.", nameof(mode));
        }

        if (mode != SandboxKeyMode.PublicKeyId && certificate is null)
        {
            certificate = PlatformIdentity.Certificate(publicKey is null ? initialKey! : SecondPlatformKey.Value, clock());
        }

        if (mode != SandboxKeyMode.CertificateSerial && publicKey is null)
        {
            publicKey = PlatformIdentity.PublicKeyOf(certificate is null ? initialKey! : SecondPlatformKey.Value);
        }

        keyMode = mode;
    }

    private PlatformIdentity Primary()
    {
        lock (keyLock)
        {
            return keyMode == SandboxKeyMode.PublicKeyId ? publicKey! : certificate!;
        }
    }

    private PlatformIdentity? InUse(SandboxKeyMode without)
    {
        lock (keyLock)
        {
            return keyMode == without ? null : without == SandboxKeyMode.CertificateSerial ? publicKey : certificate;
        }
    }

    /// <summary>The keys answers are signed with now, the primary first (call under <see cref="keyLock"/>).</summary>
    private IEnumerable<PlatformIdentity> InUseKeys() => keyMode switch
    {
        SandboxKeyMode.PublicKeyId => new[] { publicKey! },
        SandboxKeyMode.CertificateSerial => new[] { certificate! },
        _ => new[] { certificate!, publicKey! },
    };

    private IEnumerable<string> InUseIds() => InUseKeys().Select(k => k.Id);

    private PlatformIdentity? Find(string? keyId) => InUseKeys().FirstOrDefault(k => k.Id == keyId);

    /// <summary>The key the next answer or notification is signed with.</summary>
    private PlatformIdentity NextSigner()
    {
        lock (keyLock)
        {
            while (signNext.Count > 0)
            {
                if (Find(signNext.Dequeue()) is { } asked)
                {
                    return asked;
                }
            }

            return keyMode == SandboxKeyMode.Gray && grayAnswers++ % 2 == 1 ? publicKey! : Primary();
        }
    }

    /// <summary>Decrypts a sensitive field sent with <c>Wechatpay-Serial</c> <paramref name="serial"/>, as WeChat Pay does, or refuses it with PARAM_ERROR.</summary>
    internal string DecryptSensitive(string? serial, string field, string ciphertext)
    {
        PlatformIdentity? key;
        lock (keyLock)
        {
            if (string.IsNullOrEmpty(serial))
            {
                throw SandboxError.Param($"请求中含有加密的敏感信息{field}时，必须在HTTP头Wechatpay-Serial中传入加密所用的微信支付公钥ID或平台证书序列号（本沙箱：{string.Join(" 或 ", InUseIds())}）");
            }

            key = Find(serial);
            if (key is null)
            {
                throw SandboxError.Param($"HTTP头Wechatpay-Serial（{serial}）不是可用的微信支付公钥ID或平台证书序列号，请使用{string.Join(" 或 ", InUseIds())}");
            }
        }

        try
        {
            return Rsa.Decrypt(ciphertext, key.PrivateKey);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or InvalidArgumentException)
        {
            throw SandboxError.Param($"敏感信息字段{field}解密失败：它须用Wechatpay-Serial（{serial}）对应的公钥以RSA-OAEP加密后BASE64编码，不能是明文");
        }
    }
}
