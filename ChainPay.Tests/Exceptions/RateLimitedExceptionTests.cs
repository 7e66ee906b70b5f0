namespace ChainPay.Tests.Exceptions;

public class RateLimitedExceptionTests
{
    [Test]
    public void CarriesTheMerchantTheApiAndTheWait()
    {
        var e = new RateLimitedException("refused", "1900000001", "POST v3/x", TimeSpan.FromMilliseconds(11));
        Assert.That((e.Message, e.Merchant, e.Api, e.RetryAfter), Is.EqualTo(("refused", "1900000001", "POST v3/x", (TimeSpan?)TimeSpan.FromMilliseconds(11))));
    }
}
