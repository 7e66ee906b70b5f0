namespace ChainPay.Crypto.Internal;

/// <summary>
/// Tells, in words, what a key input that failed to load holds — a public key where a private one belongs, a
/// certificate, a PKCS#12 bundle, an encrypted key without passphrase, an SM2 key in the RSA scheme… — as a
/// <c>(Found, Hint)</c> pair of phrases. It looks at PEM labels, DER structure and algorithm identifiers only, and
/// never returns any part of the input except a relative path or an unknown scheme name; it never throws.
/// </summary>
internal static class KeyDiagnosis
{
    private const string Csr = DerShape.CertificateRequest;
    private const string CertsHint = "Certs wants the WeChat Pay public key (pub_key.pem) under its `PUB_KEY_ID_…`, or a platform certificate under its serial.";

    private static readonly string[] PrivateLabels = { "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY", "ENCRYPTED PRIVATE KEY" };
    private static readonly string[] PublicLabels = { "PUBLIC KEY", "RSA PUBLIC KEY" };
    private static readonly string[] KnownLabels =
    {
        "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY",
        "RSA PUBLIC KEY", "CERTIFICATE", Csr, "NEW CERTIFICATE REQUEST", "PKCS7", "X509 CRL", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY",
    };

    /// <summary>Whether <paramref name="bytes"/> start like binary DER (a SEQUENCE with a long-form or exact length), not PEM text.</summary>
    public static bool IsDer(byte[] bytes) =>
        bytes.Length >= 2 && bytes[0] == 0x30 && (bytes[1] >= 0x80 || bytes[1] + 2 == bytes.Length);

    /// <summary>What a text holds that did not load as <paramref name="want"/>.</summary>
    public static (string Found, string? Hint) OfText(string text, KeyExpectation want, bool hasPassphrase)
    {
        try
        {
            return Text(text, want, hasPassphrase);
        }
        catch (Exception)
        {
            return ("input that is not a key ChainPay can read", null);
        }
    }

    /// <summary>What DER bytes hold; <paramref name="form"/> is <c>"binary DER "</c> or <c>"bare base64 "</c>.</summary>
    public static (string Found, string? Hint) OfDer(byte[] der, KeyExpectation want, string form)
    {
        try
        {
            string? label = DerShape.Classify(der);
            if (label is null)
            {
                return ($"{form}data that is not a key, a certificate nor a PKCS#12 bundle", PemHint(want));
            }

            if (label == DerShape.Pkcs12)
            {
                return (form == "bare base64 " ? "a base64-encoded PKCS#12 bundle (.p12/.pfx)" : "a PKCS#12 bundle (.p12/.pfx)", Pkcs12Hint(want));
            }

            var (found, hint) = Labelled(label, der, want, false);
            if (hint is null && Role(label) == Role(want))
            {
                hint = form == "bare base64 " ? BodyHint(want) : "ChainPay reads PEM text: convert it with `openssl pkey -inform DER -in key.der -out key.pem` (a certificate: `openssl x509 -inform DER -in cert.der -out cert.pem`).";
            }

            return ($"{form}{found}", hint);
        }
        catch (Exception)
        {
            return ($"{form}data that ChainPay cannot read", PemHint(want));
        }
    }

    private static (string Found, string? Hint) Text(string text, KeyExpectation want, bool hasPassphrase)
    {
        if (text.Trim().Length == 0)
        {
            return (text.Length == 0 ? "an empty string" : "a string of white space only", null);
        }

        if (text.IndexOf("Proc-Type:", StringComparison.Ordinal) >= 0 && text.IndexOf("ENCRYPTED", StringComparison.Ordinal) >= 0)
        {
            return ("a legacy OpenSSL-encrypted PEM key (`Proc-Type: 4,ENCRYPTED`), which ChainPay does not read",
                "Convert it to PKCS#8: `openssl pkcs8 -topk8 -in old_key.pem -out apiclient_key.pem` (add `-nocrypt` for an unencrypted key; otherwise pass `(pem, passphrase)`).");
        }

        List<string> labels = PemBlock.Labels(text);
        if (labels.Count == 0)
        {
            return Unlabelled(text, want);
        }

        string label = Pick(labels, want);
        if (label == "ENCRYPTED PRIVATE KEY" && !want.IsPublic)
        {
            return hasPassphrase
                ? ("an encrypted private key (`ENCRYPTED PRIVATE KEY`) that the passphrase does not decrypt (a wrong passphrase, or an unsupported cipher)", null)
                : ("an encrypted private key (`ENCRYPTED PRIVATE KEY`) but no passphrase", "Pass it with its passphrase: `Rsa.From((pem, passphrase))` or `Rsa.From(new[] { pem, passphrase })`.");
        }

        byte[] der;
        try
        {
            der = PemBlock.Find(text, label)!.Der;
        }
        catch (FormatException)
        {
            return ($"{Quote(label)} block whose body is not base64 (damaged or edited?)", null);
        }

        return Labelled(label, der, want, hasPassphrase);
    }

    private static (string Found, string? Hint) Unlabelled(string text, KeyExpectation want)
    {
        if (text.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0)
        {
            return ("a PEM block without its matching `-----END …-----` line (truncated?)", null);
        }

        if (KeySource.IsRelativePath(text))
        {
            return ($"the relative path `{text}`", "Give an absolute path (or `file://` + an absolute path): relative paths are not resolved, so that the key read does not depend on the working directory.");
        }

        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && scheme <= 32 && text.Substring(0, scheme).All(c => char.IsLetterOrDigit(c) || c is '.' or '+' or '-'))
        {
            return ($"the unknown scheme `{text.Substring(0, scheme)}://`", "The schemes are `file://`, `private.pkcs1://`, `private.pkcs8://`, `public.pkcs1://` and `public.spki://`.");
        }

        byte[] der;
        try
        {
            der = PemBlock.DecodeBase64(text);
        }
        catch (FormatException)
        {
            return ("text that holds no PEM block (no `-----BEGIN …-----` line)", null);
        }

        return IsDer(der) ? OfDer(der, want, "bare base64 ") : ("base64 text that is not a key", null);
    }

    /// <summary>The label to explain: the first of the wanted role, else the first known, else the first.</summary>
    private static string Pick(List<string> labels, KeyExpectation want)
    {
        string[] preferred = want.IsPublic ? new[] { "CERTIFICATE", "PUBLIC KEY", "RSA PUBLIC KEY" } : PrivateLabels;
        return labels.FirstOrDefault(l => Array.IndexOf(preferred, l) >= 0)
            ?? labels.FirstOrDefault(l => Array.IndexOf(KnownLabels, l) >= 0)
            ?? labels[0];
    }

    private static (string Found, string? Hint) Labelled(string label, byte[] der, KeyExpectation want, bool hasPassphrase)
    {
        string role = Role(label);
        string quoted = $"(`{label}`)";
        if (role == "csr")
        {
            return ($"a certificate signing request {quoted}, which holds no usable key", want.IsPublic ? CertsHint : "The private key is the apiclient_key.pem generated together with the request.");
        }

        if (role == "other")
        {
            return (Array.IndexOf(KnownLabels, label) >= 0 || (label.Length <= 40 && label.All(c => c is (>= 'A' and <= 'Z') or ' ' or (>= '0' and <= '9')))
                ? $"a PEM block labelled `{label}`"
                : "a PEM block with an unexpected label", null);
        }

        if (want.IsPublic && role == "private")
        {
            return ($"a private key {quoted}", "This is a private key: Certs wants the platform public key (pub_key.pem, `-----BEGIN PUBLIC KEY-----`, under its `PUB_KEY_ID_…`) or a platform certificate; never put the merchant private key there.");
        }

        if (!want.IsPublic && role == "public")
        {
            return ($"a public key {quoted}, not a private key", "PrivateKey wants your merchant API private key (apiclient_key.pem); the WeChat Pay public key (pub_key.pem) belongs in Certs.");
        }

        if (!want.IsPublic && role == "certificate")
        {
            return ($"a certificate {quoted}, which holds no private key", "apiclient_cert.pem is your merchant certificate; the private key is apiclient_key.pem, issued with it.");
        }

        if (label == "ENCRYPTED PRIVATE KEY")
        {
            return ($"an encrypted private key {quoted}", hasPassphrase ? null : "Pass it with its passphrase: `(pem, passphrase)`.");
        }

        string thing = role == "certificate" ? "certificate" : role == "private" ? "private key" : "public key";
        string? algorithm = DerShape.AlgorithmOf(label, der);
        if (algorithm is null)
        {
            return ($"a {thing} {quoted} that does not parse (damaged or truncated?)", null);
        }

        if (algorithm != want.Algorithm)
        {
            string hint = want.Algorithm == "RSA"
                ? (algorithm == "SM2" ? "SM2 keys go with `SigningScheme = BuilderOptions.SchemeSm2` (Sm2.PrivateKeyFrom / Sm2.PublicKeyFrom); the RSA scheme needs RSA keys." : "WeChat Pay's RSA scheme needs RSA 2048 keys.")
                : "`SigningScheme = BuilderOptions.SchemeSm2` needs SM2 keys; RSA keys go with `BuilderOptions.SchemeRsa` (the default).";
            string article = algorithm == "DSA" ? "a" : "an";
            return ($"{article} {algorithm} {thing} {quoted}, not {want.Algorithm}", hint);
        }

        return ($"{(algorithm == "DSA" ? "a" : "an")} {algorithm} {thing} {quoted} that does not load (damaged or truncated?)", null);
    }

    private static string Role(string label) => label switch
    {
        "CERTIFICATE" => "certificate",
        Csr or "NEW CERTIFICATE REQUEST" => "csr",
        _ when Array.IndexOf(PrivateLabels, label) >= 0 => "private",
        _ when Array.IndexOf(PublicLabels, label) >= 0 => "public",
        _ => "other",
    };

    private static string Role(KeyExpectation want) => want.IsPublic ? "public" : "private";

    private static string PemHint(KeyExpectation want) => want.IsPublic ? CertsHint : "Give the PEM text of the key (`-----BEGIN …-----`).";

    private static string BodyHint(KeyExpectation want) => want.Algorithm == "SM2"
        ? "Keep the `-----BEGIN …-----` and `-----END …-----` lines around it."
        : want.IsPublic
            ? "Prefix it with `public.spki://` (a PUBLIC KEY body) or `public.pkcs1://` (an RSA PUBLIC KEY body), or keep the `-----BEGIN …-----` lines."
            : "Prefix it with `private.pkcs8://` (a PRIVATE KEY body) or `private.pkcs1://` (an RSA PRIVATE KEY body), or keep the `-----BEGIN …-----` lines.";

    private static string Pkcs12Hint(KeyExpectation want) => want.IsPublic
        ? "A PKCS#12 bundle holds your merchant certificate and private key. " + CertsHint
        : "ChainPay reads PEM keys: export one with `openssl pkcs12 -in apiclient_cert.p12 -nocerts -nodes -out apiclient_key.pem` (the password is usually your merchant id; OpenSSL 3 may need `-legacy`), or load the bundle into an X509Certificate2 and pass that: it carries the private key.";

    private static string Quote(string label) => Array.IndexOf(KnownLabels, label) >= 0 ? $"a `{label}`" : "a PEM";
}
