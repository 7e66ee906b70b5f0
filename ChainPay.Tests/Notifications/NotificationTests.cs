using ChainPay.Notifications;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using AesGcm = ChainPay.Crypto.AesGcm;

namespace ChainPay.Tests.Notifications;

public class NotificationTests
{
    private sealed class Transaction
    {
        [JsonProperty("out_trade_no")]
        public string? OutTradeNo { get; set; }

        [JsonProperty("amount")]
        public JObject? Amount { get; set; }
    }

    [Test]
    public void DecryptResource_IntoTheCallersType()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        var transaction = NotificationVerifierTests.Verifier().Verify(headers, body).DecryptResource<Transaction>();
        Assert.That(transaction.OutTradeNo, Is.EqualTo("1217752501201407033233368018"));
        Assert.That((int)transaction.Amount!["total"]!, Is.EqualTo(100));
    }

    [Test]
    public void DecryptResource_WithAnotherApiV3Key_Fails()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        var verifier = new NotificationVerifier(new NotificationOptions
        {
            Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
            ApiV3Key = "fedcba9876543210fedcba9876543210",
            Clock = () => NotificationVerifierTests.Now,
        });
        var notification = verifier.Verify(headers, body);
        Assert.Throws<NotificationVerificationException>(() => notification.DecryptResourceText());
    }

    [Test]
    public void DecryptResource_WithoutAnApiV3Key_SaysSo()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        var verifier = new NotificationVerifier(new NotificationOptions { Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey }, Clock = () => NotificationVerifierTests.Now });
        var e = Assert.Throws<NotificationVerificationException>(() => verifier.Verify(headers, body).DecryptResource());
        Assert.That(e!.Message, Does.Contain("ApiV3Key"));
    }

    private static readonly string[] Fields = { "id", "event_type", "resource_type", "summary", "create_time" };
    private static readonly string[] NotStrings = { "{\"a\":\"b\"}", "[\"EV-1\"]", "[]", "123", "-1.5", "1e400", "true", "false" };

    private static string? Read(Notification notification, string field) => field switch
    {
        "id" => notification.Id,
        "event_type" => notification.EventType,
        "resource_type" => notification.ResourceType,
        "summary" => notification.Summary,
        "create_time" => notification.CreateTime,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static IEnumerable<TestCaseData> FieldsOfOtherTypes() =>
        Fields.SelectMany(f => NotStrings.Select(v => new TestCaseData(f, v)));

    [TestCaseSource(nameof(FieldsOfOtherTypes))]
    public void Accessor_OfAFieldThatIsNotAString_RaisesTheVerificationException_NamingIt(string field, string value)
    {
        var notification = NotificationVerifierTests.VerifySigned($"{{\"{field}\":{value}}}");
        var e = Assert.Throws<NotificationVerificationException>(() => Read(notification, field));
        Assert.That(e!.Message, Does.StartWith($"The notification's `{field}` is ").And.EndWith(", not a string."));
    }

    [TestCase("{\"a\":\"b\"}", "an object")]
    [TestCase("[\"EV-1\"]", "an array")]
    [TestCase("123", "a number")]
    [TestCase("-1.5", "a number")]
    [TestCase("false", "a boolean")]
    public void Accessor_OfAFieldThatIsNotAString_SaysWhatItIs(string value, string what)
    {
        var notification = NotificationVerifierTests.VerifySigned($"{{\"id\":{value}}}");
        Assert.That(Assert.Throws<NotificationVerificationException>(() => _ = notification.Id)!.Message, Is.EqualTo($"The notification's `id` is {what}, not a string."));
    }

    [Test]
    public void Accessors_GiveStringsAsSent_AndNullForAbsentOrJsonNull()
    {
        var notification = NotificationVerifierTests.VerifySigned("{\"id\":\"EV-1\",\"event_type\":null,\"summary\":\"\",\"create_time\":\"2018-06-08T10:34:56+08:00\"}");
        Assert.Multiple(() =>
        {
            Assert.That(notification.Id, Is.EqualTo("EV-1"));
            Assert.That(notification.EventType, Is.Null);
            Assert.That(notification.ResourceType, Is.Null);
            Assert.That(notification.Summary, Is.Empty);
            Assert.That(notification.CreateTime, Is.EqualTo("2018-06-08T10:34:56+08:00"));
            Assert.That(notification.Body["create_time"]!.Type, Is.EqualTo(JTokenType.String));
        });
    }

    [TestCase("[]", "an array")]
    [TestCase("\"ciphertext\"", "a string")]
    [TestCase("1", "a number")]
    [TestCase("true", "a boolean")]
    public void DecryptResource_OfAResourceThatIsNotAnObject_SaysSo(string resource, string what)
    {
        var notification = NotificationVerifierTests.VerifySigned($"{{\"id\":\"EV-1\",\"resource\":{resource}}}");
        var e = Assert.Throws<NotificationVerificationException>(() => notification.DecryptResource());
        Assert.That(e!.Message, Is.EqualTo($"The notification's `resource` is {what}, not an object."));
    }

    [TestCase("{\"id\":\"EV-1\"}")]
    [TestCase("{\"id\":\"EV-1\",\"resource\":null}")]
    public void DecryptResource_WithoutAResource_SaysSo(string body)
    {
        var e = Assert.Throws<NotificationVerificationException>(() => NotificationVerifierTests.VerifySigned(body).DecryptResourceText());
        Assert.That(e!.Message, Is.EqualTo("The notification has no `resource` to decrypt."));
    }

    private static IEnumerable<TestCaseData> ResourceFieldsOfOtherTypes() =>
        new[] { "ciphertext", "nonce", "associated_data", "algorithm" }.SelectMany(f => NotStrings.Select(v => new TestCaseData(f, v)));

    [TestCaseSource(nameof(ResourceFieldsOfOtherTypes))]
    public void DecryptResource_OfAResourceFieldThatIsNotAString_NamesIt(string field, string value)
    {
        var resource = new JObject
        {
            ["algorithm"] = "AEAD_AES_256_GCM",
            ["ciphertext"] = AesGcm.Encrypt(NotificationVerifierTests.Transaction, NotificationVerifierTests.ApiV3Key, "fdasflkja484", "transaction"),
            ["associated_data"] = "transaction",
            ["nonce"] = "fdasflkja484",
        };
        resource[field] = "VALUE";
        var body = new JObject { ["resource"] = resource }.ToString(Formatting.None).Replace("\"VALUE\"", value); // the value as spelled, e.g. 1e400
        var notification = NotificationVerifierTests.VerifySigned(body);
        foreach (var decrypt in new Action[] { () => notification.DecryptResourceText(), () => notification.DecryptResource(), () => notification.DecryptResource<Transaction>() })
        {
            var e = Assert.Throws<NotificationVerificationException>(() => decrypt());
            Assert.That(e!.Message, Does.StartWith($"The notification's `resource.{field}` is ").And.EndWith(", not a string."));
        }
    }

    [TestCase("%%%not base64%%%")]
    [TestCase("AAA=")]
    [TestCase("")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void DecryptResource_OfACiphertextThatDoesNotDecrypt_Fails(string ciphertext)
    {
        var body = new JObject { ["resource"] = new JObject { ["algorithm"] = "AEAD_AES_256_GCM", ["ciphertext"] = ciphertext, ["nonce"] = "fdasflkja484", ["associated_data"] = "transaction" } };
        var e = Assert.Throws<NotificationVerificationException>(() => NotificationVerifierTests.VerifySigned(body.ToString(Formatting.None)).DecryptResource());
        Assert.That(e!.Message, Does.Contain("does not decrypt"));
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    [TestCase("null")]
    [TestCase("")]
    [TestCase("{\"a\":1}{\"b\":2}")]
    [TestCase("{\"out_trade_no\":")]
    public void DecryptResource_OfAPlaintextThatIsNotAJsonObject_RaisesTheVerificationException(string plaintext)
    {
        var (headers, body) = NotificationVerifierTests.Notice(plaintext);
        var notification = NotificationVerifierTests.Verifier().Verify(headers, body);
        Assert.That(notification.DecryptResourceText(), Is.EqualTo(plaintext));
        Assert.That(Assert.Throws<NotificationVerificationException>(() => notification.DecryptResource())!.Message, Does.StartWith("The decrypted resource is"));
        Assert.That(Assert.Throws<NotificationVerificationException>(() => notification.DecryptResource<Transaction>())!.Message, Does.StartWith("The decrypted resource is"));
    }

    [Test]
    public void DecryptResource_OfADeeplyNestedPlaintext_RaisesTheVerificationException()
    {
        var plaintext = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 50_000)) + string.Concat(Enumerable.Repeat("]", 50_000)) + "}";
        var (headers, body) = NotificationVerifierTests.Notice(plaintext);
        var notification = NotificationVerifierTests.Verifier().Verify(headers, body);
        Assert.Throws<NotificationVerificationException>(() => notification.DecryptResource());
        Assert.Throws<NotificationVerificationException>(() => notification.DecryptResource<Transaction>());
    }

    [Test]
    public void DecryptResource_KeepsDatesAsSent()
    {
        const string plaintext = "{\"out_trade_no\":\"1217752501201407033233368018\",\"success_time\":\"2018-06-08T10:34:56+08:00\",\"amount\":{\"total\":100,\"at\":\"2018-06-08T10:34:56+08:00\"}}";
        var (headers, body) = NotificationVerifierTests.Notice(plaintext);
        var notification = NotificationVerifierTests.Verifier().Verify(headers, body);
        var resource = notification.DecryptResource();
        Assert.Multiple(() =>
        {
            Assert.That(resource["success_time"]!.Type, Is.EqualTo(JTokenType.String));
            Assert.That((string?)resource["success_time"], Is.EqualTo("2018-06-08T10:34:56+08:00"));
            Assert.That(resource.ToString(Formatting.None), Is.EqualTo(plaintext));
            Assert.That((string?)notification.DecryptResource<Transaction>().Amount!["at"], Is.EqualTo("2018-06-08T10:34:56+08:00"));
            Assert.That(notification.DecryptResource<Dictionary<string, object>>()["success_time"], Is.EqualTo("2018-06-08T10:34:56+08:00"));
        });
    }

    private sealed class Rate
    {
        [JsonProperty("rate")]
        public decimal Value { get; set; }
    }

    [Test]
    public void DecryptResource_ReadsFractionsAsDoubles_ButTypedDecimalsAndTheTextKeepThemAsSent()
    {
        var (headers, body) = NotificationVerifierTests.Notice("{\"rate\":1.10}");
        var notification = NotificationVerifierTests.Verifier().Verify(headers, body);
        Assert.Multiple(() =>
        {
            Assert.That(notification.DecryptResourceText(), Is.EqualTo("{\"rate\":1.10}"));
            Assert.That(notification.DecryptResource()["rate"]!.Type, Is.EqualTo(JTokenType.Float));
            Assert.That(notification.DecryptResource().ToString(Formatting.None), Is.EqualTo("{\"rate\":1.1}"));
            Assert.That(notification.DecryptResource<Rate>().Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("1.10"));
        });
    }

    private static Notification WithResource(JObject resource, string apiV3Key = NotificationVerifierTests.ApiV3Key)
    {
        var body = new JObject { ["id"] = "EV-1", ["resource"] = resource }.ToString(Formatting.None);
        var verifier = new NotificationVerifier(new NotificationOptions { Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey }, ApiV3Key = apiV3Key, Clock = () => NotificationVerifierTests.Now });
        return verifier.Verify(NotificationVerifierTests.SignedHeaders(System.Text.Encoding.UTF8.GetBytes(body)), body);
    }

    [Test]
    public void DecryptResource_Sm4Gcm_WechatpayJavasVector()
    {
        // wechatpay-java's shangmi test vector: key, nonce, AAD and ciphertext computed outside ChainPay.
        var notification = WithResource(new JObject { ["algorithm"] = "AEAD_SM4_GCM", ["ciphertext"] = "+lcLNfkZQQx+iQm20Apa3x9Mb/5L7PgZ7w==", ["nonce"] = "uluk4a9R25RW", ["associated_data"] = "associatedData" }, "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb");
        Assert.That(notification.DecryptResourceText(), Is.EqualTo("plaintext"));
    }

    [TestCase("AEAD_AES_128_GCM")]
    [TestCase("aead_aes_256_gcm")]
    [TestCase("")]
    public void DecryptResource_OfAnUnknownAlgorithm_SaysSo(string algorithm)
    {
        var notification = WithResource(new JObject { ["algorithm"] = algorithm, ["ciphertext"] = AesGcm.Encrypt("{}", NotificationVerifierTests.ApiV3Key, "fdasflkja484", "transaction"), ["nonce"] = "fdasflkja484", ["associated_data"] = "transaction" });
        var e = Assert.Throws<NotificationVerificationException>(() => notification.DecryptResourceText());
        Assert.That(e!.Message, Is.EqualTo($"The resource algorithm `{algorithm}` is not supported."));
    }

    [Test]
    public void DecryptResource_WithoutAnAlgorithm_SaysItIsNotSupported()
    {
        var notification = WithResource(new JObject { ["ciphertext"] = AesGcm.Encrypt("{}", NotificationVerifierTests.ApiV3Key, "fdasflkja484", "transaction"), ["nonce"] = "fdasflkja484", ["associated_data"] = "transaction" });
        Assert.That(Assert.Throws<NotificationVerificationException>(() => notification.DecryptResourceText())!.Message, Is.EqualTo("The resource algorithm `` is not supported."));
    }

    [TestCase("ciphertext")]
    [TestCase("nonce")]
    [TestCase("associated_data")]
    public void DecryptResource_WithoutOneOfItsFields_DoesNotDecrypt(string field)
    {
        var resource = new JObject { ["algorithm"] = "AEAD_AES_256_GCM", ["ciphertext"] = AesGcm.Encrypt("{}", NotificationVerifierTests.ApiV3Key, "fdasflkja484", "transaction"), ["nonce"] = "fdasflkja484", ["associated_data"] = "transaction" };
        resource.Remove(field);
        var e = Assert.Throws<NotificationVerificationException>(() => WithResource(resource).DecryptResourceText());
        Assert.That(e!.Message, Is.EqualTo("The notification's resource does not decrypt with this APIv3 key (or was tampered with)."));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void DecryptResource_AnAbsentOrNullAssociatedData_CountsAsEmpty(bool jsonNull)
    {
        var resource = new JObject { ["algorithm"] = "AEAD_AES_256_GCM", ["ciphertext"] = AesGcm.Encrypt("{\"a\":1}", NotificationVerifierTests.ApiV3Key, "fdasflkja484", string.Empty), ["nonce"] = "fdasflkja484" };
        if (jsonNull)
        {
            resource["associated_data"] = JValue.CreateNull();
        }

        Assert.That(WithResource(resource).DecryptResourceText(), Is.EqualTo("{\"a\":1}"));
    }

    [TestCase("null", "The decrypted resource is empty or JSON null, not a JSON object.", "The decrypted resource is empty or JSON null, not a JSON object.")]
    [TestCase("[1,2]", "The decrypted resource is not a JSON object.", "The decrypted resource is not JSON that reads as Transaction.")]
    [TestCase("{\"out_trade_no\":", "The decrypted resource is not a JSON object.", "The decrypted resource is not JSON that reads as Transaction.")]
    public void DecryptResource_OfAnUnreadablePlaintext_GivesTheDocumentedMessage(string plaintext, string asObject, string asType)
    {
        var (headers, body) = NotificationVerifierTests.Notice(plaintext);
        var notification = NotificationVerifierTests.Verifier().Verify(headers, body);
        Assert.That(Assert.Throws<NotificationVerificationException>(() => notification.DecryptResource())!.Message, Is.EqualTo(asObject));
        Assert.That(Assert.Throws<NotificationVerificationException>(() => notification.DecryptResource<Transaction>())!.Message, Is.EqualTo(asType));
    }

    [Test]
    public void Accessor_OfAJavaScriptDate_WhichNewtonsoftReads_IsRefusedNamingIt()
    {
        var notification = NotificationVerifierTests.VerifySigned("{\"id\":new Date(1)}");
        Assert.That(Assert.Throws<NotificationVerificationException>(() => _ = notification.Id)!.Message, Is.EqualTo("The notification's `id` is a date value, not a string."));
    }
}
