using System.Collections;
using System.Net;
using System.Text;
using ChainPay.Http;
using ChainPay.Tests.Fixtures;
using Flurl.Http;

namespace ChainPay.Tests.Http;

/// <summary>A platform key installed by a download between the verifier's look-up and its decision.</summary>
public class ResponseVerifierRaceTests
{
    [Test]
    public async Task AKeyInstalledAfterTheLookUp_IsUsed_NotReportedMissing()
    {
        var keys = new InstalledAfterTheFirstLook(TestKeys.PublicKeyId, FakeWeChatPay.PlatformKey);
        var verifier = new ResponseVerifier(keys, () => FakeWeChatPay.Now, replayProtection: false);
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.mch.weixin.qq.com/v3/pay/transactions/id/1");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"ok\":true}", Encoding.UTF8, "application/json"), RequestMessage = request };
        FakeWeChatPay.Sign(response, "{\"ok\":true}", FakeWeChatPay.Now);
        var call = new FlurlCall { HttpRequestMessage = request, HttpResponseMessage = response };
        call.Response = new FlurlResponse(call);

        await verifier.VerifyAsync(call); // threw "Cannot found the serial(…)… your's PUB_KEY_ID_…" before
        Assert.That(keys.Looks, Is.GreaterThanOrEqualTo(2), "it looked again");
    }

    /// <summary>Holds the key, but answers the first look-up as if the download installing it had not finished yet.</summary>
    private sealed class InstalledAfterTheFirstLook(string serial, object key) : IReadOnlyDictionary<string, object>
    {
        public int Looks { get; private set; }

        public object this[string k] => TryGetValue(k, out var v) ? v : throw new KeyNotFoundException(k);

        public IEnumerable<string> Keys => new[] { serial };

        public IEnumerable<object> Values => new[] { key };

        public int Count => 1;

        public bool ContainsKey(string k) => k == serial;

        public bool TryGetValue(string k, out object value)
        {
            Looks++;
            value = key;
            return k == serial && Looks > 1;
        }

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => new[] { new KeyValuePair<string, object>(serial, key) }.AsEnumerable().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
