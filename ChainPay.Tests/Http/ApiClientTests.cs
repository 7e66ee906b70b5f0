using ChainPay.Http;

namespace ChainPay.Tests.Http;

public class ApiClientTests
{
    [TestCase("get", "GET")]
    [TestCase("Post", "POST")]
    [TestCase("PATCH", "PATCH")]
    [TestCase("head", null)]
    public void MethodOf_KnowsTheFiveVerbs(string verb, string? method)
    {
        Assert.That(ApiClient.MethodOf(verb)?.Method, Is.EqualTo(method));
    }
}
