using System.Reflection;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.Replay;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChainPay.Tests.Extensions.DependencyInjection;

public class ChainPayFactoryTests
{
    [Test]
    public void Copy_CarriesEveryOption_ButTheHttpClient()
    {
        var source = new BuilderOptions
        {
            Mchid = "1900000001",
            Serial = "SERIAL",
            PrivateKey = "key",
            Signer = new KeySigner(ChainPay.Crypto.Rsa.From(TestKeys.Pkcs8PrivateKey)),
            Certs = { ["PUB_KEY_ID_1"] = "pem" },
            SigningScheme = BuilderOptions.SchemeSm2,
            Secret = "v2",
            Merchant = ChainPay.V2.MerchantCertificate.FromPem(TestKeys.Certificate, TestKeys.Pkcs8PrivateKey),
            BaseUri = "https://api2.mch.weixin.qq.com/",
            Headers = { ["X-Tenant"] = "a" },
            Timeout = TimeSpan.FromSeconds(3),
            HttpClient = new HttpClient(),
            ResponseReplayProtection = false,
            NonceStore = new MemoryNonceStore(),
            RateLimiting = new ChainPay.RateLimiting.RateLimitOptions(),
            SendPlatformSerial = false,
            MaxResponseSize = 4096,
            Retry = new ChainPay.Resilience.RetryOptions(),
            LoggerFactory = new LoggerFactory(),
            Clock = () => DateTimeOffset.UnixEpoch,
            Nonce = () => "n",
        };
        var injected = new HttpClient();
        var copy = ChainPayFactory.Copy(source, injected);
        var defaults = new BuilderOptions();

        foreach (var property in typeof(BuilderOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var (original, copied) = (property.GetValue(source), property.GetValue(copy));
            Assert.That(original, Is.Not.EqualTo(property.GetValue(defaults)), $"the test sets {property.Name}");
            if (property.Name == nameof(BuilderOptions.HttpClient))
            {
                Assert.That(copied, Is.SameAs(injected));
            }
            else
            {
                Assert.That(copied, Is.EqualTo(original), property.Name);
            }
        }

        Assert.That(copy.Certs, Is.Not.SameAs(source.Certs), "the dictionaries are copies");
        Assert.That(copy.Headers, Is.Not.SameAs(source.Headers));
    }

    [Test]
    public async Task TheContainersLoggerFactory_ReachesEachInstance()
    {
        var sandbox = new WeChatPaySandbox();
        var capture = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(capture));
        services.AddChainPay(o =>
        {
            var s = sandbox.CreateOptions();
            (o.Mchid, o.Serial, o.PrivateKey, o.Certs) = (s.Mchid, s.Serial, s.PrivateKey, s.Certs);
        }).HttpClient.ConfigurePrimaryHttpMessageHandler(() => sandbox.CreateHandler());
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<BuilderChain>().Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });

        var completed = capture.Entries.Single(e => e.Event == "CallCompleted");
        Assert.That(completed.Category, Is.EqualTo("ChainPay"));
        Assert.That(completed.Message, Does.Contain("answered 200"));
    }
}
