namespace ChainPay.Crypto.Internal;

/// <summary>
/// The kind of key a loader wants (RSA or SM2, private or public) and how its failures read: wechatpay-php's sentence
/// (<c>Cannot load privateKey from(String), please take care about the \$thing input.</c>), then what was found, what
/// was expected and, when known, how to fix it. <c>ParamName</c> is <c>thing</c>; <c>Builder.Factory</c> wraps the
/// exception naming its option (<c>PrivateKey</c>, <c>Certs[id]</c>).
/// </summary>
internal sealed class KeyExpectation
{
    /// <summary>The merchant private key of the RSA scheme.</summary>
    public static readonly KeyExpectation RsaPrivate = new(
        "RSA",
        false,
        "an RSA private key in PEM, `-----BEGIN PRIVATE KEY-----` (PKCS#8) or `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1), such as apiclient_key.pem: the PEM text, an absolute path or `file://` + path, or `private.pkcs8://` / `private.pkcs1://` + the base64 body");

    /// <summary>A platform key of the RSA scheme.</summary>
    public static readonly KeyExpectation RsaPublic = new(
        "RSA",
        true,
        "an RSA public key: the WeChat Pay public key `-----BEGIN PUBLIC KEY-----` (pub_key.pem), an `-----BEGIN RSA PUBLIC KEY-----` or a platform certificate `-----BEGIN CERTIFICATE-----`: the PEM text, an absolute path or `file://` + path, or `public.spki://` / `public.pkcs1://` + the base64 body");

    /// <summary>The merchant private key of the SM2 scheme.</summary>
    public static readonly KeyExpectation Sm2Private = new(
        "SM2",
        false,
        "an SM2 private key in PEM, `-----BEGIN PRIVATE KEY-----` (PKCS#8) or `-----BEGIN EC PRIVATE KEY-----` / `-----BEGIN SM2 PRIVATE KEY-----` (SEC1): the PEM text, an absolute path or `file://` + path");

    /// <summary>A platform key of the SM2 scheme.</summary>
    public static readonly KeyExpectation Sm2Public = new(
        "SM2",
        true,
        "an SM2 public key, `-----BEGIN PUBLIC KEY-----`, or an SM2 platform certificate `-----BEGIN CERTIFICATE-----`: the PEM text, an absolute path or `file://` + path");

    private KeyExpectation(string algorithm, bool isPublic, string expected)
    {
        Algorithm = algorithm;
        IsPublic = isPublic;
        Expected = expected;
    }

    /// <summary><c>RSA</c> or <c>SM2</c>.</summary>
    public string Algorithm { get; }

    /// <summary>Whether a public key is wanted.</summary>
    public bool IsPublic { get; }

    /// <summary>What the input should be, as a phrase.</summary>
    public string Expected { get; }

    /// <summary>The exception for <paramref name="problem"/>, met while loading <paramref name="thing"/>.</summary>
    public InvalidArgumentException Error(object? thing, KeyProblem problem)
    {
        string hint = problem.Hint is null ? "" : " " + problem.Hint;
        return new InvalidArgumentException(
            $"{PhpSentence(thing)} {problem.Message} Expected {Expected}.{hint}", "thing", problem.InnerException);
    }

    /// <summary>The exception for an input that is not a string (or is malformed as a pair).</summary>
    public InvalidArgumentException Error(object? thing, string found, string? hint = null)
    {
        return Error(thing, new KeyProblem(found, hint));
    }

    /// <summary>wechatpay-php's message, with its literal backslash (the PHP source is a single-quoted string).</summary>
    private string PhpSentence(object? thing)
    {
        string kind = thing is null ? "null" : thing.GetType().Name;
        return $"Cannot load {(IsPublic ? "publicKey" : "privateKey")} from({kind}), please take care about the \\$thing input.";
    }
}
