using ChainPay.Util;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Util;

public class ScalarTests
{
    [Test]
    public void ToText_CastsAsPhp()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Scalar.ToText(null), Is.EqualTo(string.Empty));
            Assert.That(Scalar.ToText(true), Is.EqualTo("1"));
            Assert.That(Scalar.ToText(false), Is.EqualTo(string.Empty));
            Assert.That(Scalar.ToText(2.5), Is.EqualTo("2.5"));
            Assert.That(Scalar.ToText(1234567L), Is.EqualTo("1234567"));
            Assert.That(Scalar.ToText(new JValue("j")), Is.EqualTo("j"));
            Assert.That(Scalar.ToQueryText(false), Is.EqualTo("0"));
            Assert.That(Scalar.ToQueryText(new JValue(false)), Is.EqualTo("0"));
        });
    }

    [Test]
    public void ToText_IgnoresTheCurrentCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.That(Scalar.ToText(2.5), Is.EqualTo("2.5"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
