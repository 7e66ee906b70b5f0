using ChainPay.Http;

namespace ChainPay.Tests.Http;

/// <summary><see cref="AnswerHeader"/> reads a header as <c>HttpHeaders.TryGetValues</c> returns it.</summary>
public class AnswerHeaderTests
{
    [TestCase(new string[0], null, false)]
    [TestCase(new[] { "abc" }, "abc", false)]
    [TestCase(new[] { "" }, "", false)]
    [TestCase(new[] { " padded " }, " padded ", false)]
    [TestCase(new[] { "a, b" }, "a, b", false)]
    [TestCase(new[] { "first", "second" }, "first", true)]
    [TestCase(new[] { "line\nbreak" }, "line\nbreak", false)]
    public void Single_GivesTheFirstValueAndFlagsADuplicate(string[] values, string? expected, bool duplicate)
    {
        using var response = new HttpResponseMessage();
        foreach (var value in values)
        {
            response.Headers.TryAddWithoutValidation("Wechatpay-Nonce", value);
        }

        string? duplicated = null;
        var first = AnswerHeader.Single(response, "Wechatpay-Nonce", ref duplicated);
        var validated = response.Headers.TryGetValues("Wechatpay-Nonce", out var all) ? all.ToList() : null;

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(expected));
            Assert.That(first, Is.EqualTo(validated?.FirstOrDefault()), "the same value as the validated view");
            Assert.That(duplicated, Is.EqualTo(duplicate ? "Wechatpay-Nonce" : null));
        });
    }

    [Test]
    public void Single_KeepsTheFirstDuplicatedName()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Wechatpay-Serial", new[] { "a", "b" });
        response.Headers.TryAddWithoutValidation("Wechatpay-Nonce", new[] { "c", "d" });
        string? duplicated = null;

        AnswerHeader.Single(response, "Wechatpay-Serial", ref duplicated);
        AnswerHeader.Single(response, "Wechatpay-Nonce", ref duplicated);

        Assert.That(duplicated, Is.EqualTo("Wechatpay-Serial"));
    }
}
