using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using ChainPay.V2;

namespace ChainPay.Tests.V2;

[NonParallelizable]
public class MerchantCertificateTests
{
    private const string Secret = "192006250b4c09247ec02edce69f6a2d";

    [TearDown]
    public void TearDown() => V2Client.ConfigureMutualTlsHandler = null;

    private static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    [Test]
    public async Task Security_PresentsTheMerchantCertificate_ToALoopbackServerThatRequiresOne()
    {
        var answer = Transformer.ToXml(ResponseTransformerTests.Signed(Hash.AlgoMd5, ("return_code", "SUCCESS"), ("result_code", "SUCCESS")));
        using var server = new LoopbackTlsServer(answer);
        TrustOnly(server.ServerCertificate);
        using var key = RSA.Create(2048);
        var client = LoopbackTlsServer.MakeCertificate("CN=10000100, O=WeChat Pay Merchant", serverAuth: false, key);
        var merchant = MerchantCertificate.FromPem(Pem(client), key.ExportPkcs8PrivateKeyPem());

        var instance = Create(server.Port, merchant);
        var res = await instance.Chain("v2/secapi/pay/refund").PostAsync(new { xml = new { mch_id = "10000100", out_refund_no = "R1" }, security = true });

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(server.ClientThumbprint, Is.EqualTo(client.Thumbprint));
        Assert.That(server.RequestHead, Does.StartWith("POST /secapi/pay/refund HTTP/1.1"));
    }

    [Test]
    public void WithoutSecurity_TheServerSeesNoCertificate_AndTheCallFails()
    {
        using var server = new LoopbackTlsServer("<xml/>");
        using var key = RSA.Create(2048);
        var merchant = MerchantCertificate.FromPem(Pem(LoopbackTlsServer.MakeCertificate("CN=10000100", false, key)), key.ExportPkcs8PrivateKeyPem());

        // The plain client trusts this server, so the handshake gets as far as the server asking for a client
        // certificate: what the client offers then is what is checked (not a handshake the client aborted first).
        var trusting = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = Trusts(server.ServerCertificate) } });
        var instance = Create(server.Port, merchant, trusting);

        Assert.That(() => instance.Chain("v2/secapi/pay/refund").PostAsync(new { xml = new { mch_id = "10000100" } }), Throws.InstanceOf<Flurl.Http.FlurlHttpException>());
        Assert.That(server.ClientCertificateChecks, Is.EqualTo(1), "the server reached the client-certificate check");
        Assert.That(server.ClientCertificateOffered, Is.False, "no client certificate without `security`");
        Assert.That(server.ClientThumbprint, Is.Null);
    }

    [Test]
    public void ServerValidation_StaysOn_ForTheMutualTlsHandler()
    {
        var answer = Transformer.ToXml(ResponseTransformerTests.Signed(Hash.AlgoMd5, ("return_code", "SUCCESS")));
        using var server = new LoopbackTlsServer(answer);
        using var key = RSA.Create(2048);
        var merchant = MerchantCertificate.FromPem(Pem(LoopbackTlsServer.MakeCertificate("CN=10000100", false, key)), key.ExportPkcs8PrivateKeyPem());
        var instance = Create(server.Port, merchant);
        Assert.That(() => instance.Chain("v2/secapi/pay/refund").PostAsync(new { xml = new { mch_id = "10000100" }, security = true }), Throws.InstanceOf<Flurl.Http.FlurlHttpException>());
    }

    [Test]
    public void FromPkcs12_RoundTrips_AndAWrongPasswordIsClear()
    {
        using var key = RSA.Create(2048);
        var certificate = LoopbackTlsServer.MakeCertificate("CN=10000100", false, key);
        var pfx = certificate.Export(X509ContentType.Pkcs12, "10000100");
        Assert.That(MerchantCertificate.FromPkcs12(pfx, "10000100").Certificate.Thumbprint, Is.EqualTo(certificate.Thumbprint));
        var e = Assert.Throws<InvalidArgumentException>(() => MerchantCertificate.FromPkcs12(pfx, "wrong"));
        Assert.That(e!.ParamName, Is.EqualTo("pkcs12"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => MerchantCertificate.FromPkcs12("/no/such/file.p12", "x"))!.ParamName, Is.EqualTo("path"));
    }

    [Test]
    public void FromPkcs12_ReadsAPlainOrFileUriPath_AndSaysWhatWentWrong()
    {
        using var key = RSA.Create(2048);
        var certificate = LoopbackTlsServer.MakeCertificate("CN=10000100", false, key);
        var path = Path.Combine(Path.GetTempPath(), $"chainpay-{Guid.NewGuid():N}.p12");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "10000100"));
        try
        {
            Assert.That(MerchantCertificate.FromPkcs12(path, "10000100").Certificate.Thumbprint, Is.EqualTo(certificate.Thumbprint));
            Assert.That(MerchantCertificate.FromPkcs12("file://" + path, "10000100").Certificate.Thumbprint, Is.EqualTo(certificate.Thumbprint));
            var missing = Assert.Throws<InvalidArgumentException>(() => MerchantCertificate.FromPkcs12("file:///no/such/dir/apiclient_cert.p12", "x"));
            Assert.That(missing!.Message, Does.StartWith("Cannot read the PKCS#12 file `/no/such/dir/apiclient_cert.p12`."));
            var wrong = Assert.Throws<InvalidArgumentException>(() => MerchantCertificate.FromPkcs12(path, "wrong"));
            Assert.That(wrong!.Message, Does.StartWith("The PKCS#12 content cannot be opened (wrong password, or not PKCS#12)."));
            Assert.That(wrong.Message, Does.Not.Contain("10000100"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ACertificateWithoutItsKey_IsRefused_AndToStringShowsNoKey()
    {
        using var key = RSA.Create(2048);
        var certificate = LoopbackTlsServer.MakeCertificate("CN=10000100", false, key);
        var e = Assert.Throws<InvalidArgumentException>(() => new MerchantCertificate(X509CertificateLoader.LoadCertificate(certificate.RawData)));
        Assert.That(e!.Message, Does.StartWith("The merchant certificate must carry its private key."));
        Assert.That(e.ParamName, Is.EqualTo("certificate"));
        var merchant = new MerchantCertificate(certificate);
        Assert.That(merchant.ToString(), Does.Contain("CN=10000100").And.Not.Contain("PRIVATE"));
    }

    private static BuilderChain Create(int port, MerchantCertificate merchant, HttpClient? http = null) => Builder.Factory(new BuilderOptions
    {
        HttpClient = http,
        Mchid = "10000100",
        Serial = TestKeys.MerchantSerial,
        PrivateKey = TestKeys.Pkcs8PrivateKey,
        Certs = { [TestKeys.PublicKeyId] = TestKeys.SpkiPublicKey },
        Secret = Secret,
        Merchant = merchant,
        BaseUri = $"https://127.0.0.1:{port}/",
    });

    private static void TrustOnly(X509Certificate2 serverCertificate) =>
        V2Client.ConfigureMutualTlsHandler = handler => ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback = Trusts(serverCertificate);

    private static RemoteCertificateValidationCallback Trusts(X509Certificate2 serverCertificate) =>
        (_, certificate, _, errors) => certificate is not null && new X509Certificate2(certificate).Thumbprint == serverCertificate.Thumbprint
            && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
}
