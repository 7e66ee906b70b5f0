namespace ChainPay.Tests.Fixtures;

/// <summary>
/// SM2 TEST KEYS generated with OpenSSL 3.0 for this test suite (never use outside tests):
/// <c>openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2</c>, its SEC1 form (<c>openssl ec</c>), its SPKI
/// (<c>openssl pkey -pubout</c>), a self-signed SM3-with-SM2 certificate, and an OpenSSL signature and ciphertext
/// made with them — the independent vectors the library must read.
/// </summary>
internal static class Sm2TestKeys
{
    /// <summary>PKCS#8 <c>PRIVATE KEY</c> (id-ecPublicKey, curve sm2).</summary>
    public const string Pkcs8PrivateKey =
        "-----BEGIN PRIVATE KEY-----\n"
        + "MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgqBow6DvK2boK0wSS\n"
        + "jW08V0uCbDtzy3wVa12uNT6hM0GhRANCAATX+pb/N6ULm4GOpW6fQAVaL9VHMdEE\n"
        + "OJQ4GU8/3Kcn/B3laiBgY9+EHQixxS9RtpldleXsVg0a6M/Cj6+8CR+J\n"
        + "-----END PRIVATE KEY-----\n";

    /// <summary>The same key as SEC1, with the <c>SM2 PRIVATE KEY</c> label OpenSSL 3.0 writes.</summary>
    public const string Sec1Sm2PrivateKey =
        "-----BEGIN SM2 PRIVATE KEY-----\n"
        + "MHcCAQEEIKgaMOg7ytm6CtMEko1tPFdLgmw7c8t8FWtdrjU+oTNBoAoGCCqBHM9V\n"
        + "AYItoUQDQgAE1/qW/zelC5uBjqVun0AFWi/VRzHRBDiUOBlPP9ynJ/wd5WogYGPf\n"
        + "hB0IscUvUbaZXZXl7FYNGujPwo+vvAkfiQ==\n"
        + "-----END SM2 PRIVATE KEY-----\n";

    /// <summary>The same SEC1 body under the usual <c>EC PRIVATE KEY</c> label.</summary>
    public const string Sec1EcPrivateKey =
        "-----BEGIN EC PRIVATE KEY-----\n"
        + "MHcCAQEEIKgaMOg7ytm6CtMEko1tPFdLgmw7c8t8FWtdrjU+oTNBoAoGCCqBHM9V\n"
        + "AYItoUQDQgAE1/qW/zelC5uBjqVun0AFWi/VRzHRBDiUOBlPP9ynJ/wd5WogYGPf\n"
        + "hB0IscUvUbaZXZXl7FYNGujPwo+vvAkfiQ==\n"
        + "-----END EC PRIVATE KEY-----\n";

    /// <summary>The SPKI <c>PUBLIC KEY</c> of the key.</summary>
    public const string SpkiPublicKey =
        "-----BEGIN PUBLIC KEY-----\n"
        + "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE1/qW/zelC5uBjqVun0AFWi/VRzHR\n"
        + "BDiUOBlPP9ynJ/wd5WogYGPfhB0IscUvUbaZXZXl7FYNGujPwo+vvAkfiQ==\n"
        + "-----END PUBLIC KEY-----\n";

    /// <summary>A self-signed certificate of the key (<c>openssl req -x509 -sm3 -sigopt distid:1234567812345678</c>).</summary>
    public const string Certificate =
        "-----BEGIN CERTIFICATE-----\n"
        + "MIIBzjCCAXWgAwIBAgIUYEKCNkrZwPAiYADms6F8fT5jq/gwCgYIKoEcz1UBg3Uw\n"
        + "PDELMAkGA1UEBhMCQ04xETAPBgNVBAoMCENoYWluUGF5MRowGAYDVQQDDBFDaGFp\n"
        + "blBheSBTTTIgVGVzdDAgFw0yNjExMjMxODIzMTdaGA8yMTI2MTAzMDE4MjMxN1ow\n"
        + "PDELMAkGA1UEBhMCQ04xETAPBgNVBAoMCENoYWluUGF5MRowGAYDVQQDDBFDaGFp\n"
        + "blBheSBTTTIgVGVzdDBZMBMGByqGSM49AgEGCCqBHM9VAYItA0IABNf6lv83pQub\n"
        + "gY6lbp9ABVov1Ucx0QQ4lDgZTz/cpyf8HeVqIGBj34QdCLHFL1G2mV2V5exWDRro\n"
        + "z8KPr7wJH4mjUzBRMB0GA1UdDgQWBBQ5M1Kf8Lbel7wnOkX8UuU2g/c+QzAfBgNV\n"
        + "HSMEGDAWgBQ5M1Kf8Lbel7wnOkX8UuU2g/c+QzAPBgNVHRMBAf8EBTADAQH/MAoG\n"
        + "CCqBHM9VAYN1A0cAMEQCIGJ20s0oxgBnHTI3HlCmx5WiagRGlTzBFcv/X1BQZjX6\n"
        + "AiAYVd6JJEG4mjJ8g5BtjYNcVYYhyktoXwwHanoluqRogg==\n"
        + "-----END CERTIFICATE-----\n";

    /// <summary>Another SM2 key, as <c>openssl ecparam -name SM2 -genkey -noout</c> writes it.</summary>
    public const string OtherPkcs8PrivateKey =
        "-----BEGIN PRIVATE KEY-----\n"
        + "MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgg2GGbVSqude0sdFZ\n"
        + "VtEdSBPcqLP7VRIYigZKgVqCsa+hRANCAASTIXXB5cWoJmQF4L01TVBx6X+zhW3p\n"
        + "ENyIZJhO5lW3KVLjBbwFnjuymiE2MCB8IE82WHQuZ44+o3kNGUd0vDFT\n"
        + "-----END PRIVATE KEY-----\n";

    /// <summary>A NIST P-256 key: an EC key that is not SM2.</summary>
    public const string P256PrivateKey =
        "-----BEGIN PRIVATE KEY-----\n"
        + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghqQXyFGpDRqSeB4A\n"
        + "rRwBDoym9wo88oEDYoflGd7cIBmhRANCAARfZ0ed8EsXuO9rVS/zh8M3Z+xXOJsz\n"
        + "clbLWJU6hyWDs0lQSJPU9sBPIeN8yu5WqVLgvCb17DwkHEQBiJVJvQ5l\n"
        + "-----END PRIVATE KEY-----\n";

    /// <summary>The public point of the key, uncompressed.</summary>
    public const string PublicPointHex = "04d7fa96ff37a50b9b818ea56e9f40055a2fd54731d104389438194f3fdca727fc1de56a206063df841d08b1c52f51b6995d95e5ec560d1ae8cfc28fafbc091f89";

    /// <summary>The message OpenSSL signed.</summary>
    public const string SignedMessage = "POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{\"mchid\":\"1900000001\"}\n";

    /// <summary><c>openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678</c> of <see cref="SignedMessage"/>, base64.</summary>
    public const string OpensslSignature = "MEUCIQDMc83c4s5jbEN/TkkafFCByh7hG/5oWynvTJqlRx+ARgIgVXK4QGHrFH8fr5VNNBszvv/qe9ruT7LJbsAaDmX/Qvc=";

    /// <summary>The plaintext OpenSSL encrypted.</summary>
    public const string EncryptedPlaintext = "hello 国密";

    /// <summary><c>openssl pkeyutl -encrypt -pubin -inkey spki.pem</c> of <see cref="EncryptedPlaintext"/>: ASN.1 C1C3C2, base64.</summary>
    public const string OpensslCiphertext = "MHUCIAu+NT8YvBmLG/gkTrBwa+D15Ti64onB5fo8zHPf0KNVAiEA4citpPT1v5MQwPv9aWs1npr/DENZ4vXBD0tjepGzo8UEICdTqobivOypGkxiItJRZ7VXqY6Gh+LII/w5zEth3L6nBAxUD2z1wu9VfajZbpE=";
}
