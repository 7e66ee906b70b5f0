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

    [Test]
    public void ToText_Numbers_AreShortest_IntegralOnesWithoutAFraction()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Scalar.ToText(100.0), Is.EqualTo("100"));
            Assert.That(Scalar.ToText(100f), Is.EqualTo("100"));
            Assert.That(Scalar.ToText(0.1f), Is.EqualTo("0.1"));
            Assert.That(Scalar.ToText(0.30000000000000004), Is.EqualTo("0.30000000000000004"));
            Assert.That(Scalar.ToText(100m), Is.EqualTo("100"));
            Assert.That(Scalar.ToText(100.00m), Is.EqualTo("100"));
            Assert.That(Scalar.ToText(1.50m), Is.EqualTo("1.5"));
            Assert.That(Scalar.ToText(0.0000001m), Is.EqualTo("0.0000001"));
            Assert.That(Scalar.ToText(new JValue(100.00m)), Is.EqualTo("100"));
        });
    }

    [Test]
    public void ToText_Dates_AreIso8601_AsInJson()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Scalar.ToText(new DateTimeOffset(2018, 6, 8, 10, 34, 56, TimeSpan.FromHours(8))), Is.EqualTo("2018-06-08T10:34:56+08:00"));
            Assert.That(Scalar.ToText(new DateTimeOffset(2018, 6, 8, 10, 34, 56, 500, TimeSpan.Zero)), Is.EqualTo("2018-06-08T10:34:56.5+00:00"));
            Assert.That(Scalar.ToText(new DateTime(2019, 6, 11, 0, 0, 0, DateTimeKind.Unspecified)), Is.EqualTo("2019-06-11T00:00:00"));
            Assert.That(Scalar.ToText(new DateTime(2019, 6, 11, 0, 0, 0, DateTimeKind.Utc)), Is.EqualTo("2019-06-11T00:00:00Z"));
        });
    }
}
