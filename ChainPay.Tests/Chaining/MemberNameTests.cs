using ChainPay.Chaining;

namespace ChainPay.Tests.Chaining;

public class MemberNameTests
{
    // Every vector of spec §2.2 (input ⇒ segment), as run against wechatpay-php.
    [TestCase("v3", "v3")]
    [TestCase("V3", "v3")]
    [TestCase("merchantService", "merchant-service")]
    [TestCase("MerchantService", "merchant-service")]
    [TestCase("ComplaintNotifications", "complaint-notifications")]
    [TestCase("complaintsV2", "complaints-v2")]
    [TestCase("outTradeNo", "out-trade-no")]
    [TestCase("addInstitutionsub", "add-institutionsub")]
    [TestCase("_transaction_id_", "{transaction_id}")]
    [TestCase("_out_trade_no_", "{out_trade_no}")]
    [TestCase("_outTradeNo_", "{out-trade-no}")]
    [TestCase("_X_", "{-x}")]
    [TestCase("__", "{}")]
    [TestCase("_", "_")]
    [TestCase("_a", "_a")]
    [TestCase("a_", "a_")]
    [TestCase("a_b", "a_b")]
    [TestCase("__init__", "{_init_}")]
    [TestCase("_a_b_", "{a_b}")]
    [TestCase("_foo_/bar_", "{foo_/bar}")]
    [TestCase("pay_bank", "pay_bank")]
    [TestCase("get_wxpayface_authinfo", "get_wxpayface_authinfo")]
    [TestCase("h5", "h5")]
    [TestCase("123", "123")]
    [TestCase("x-y", "x-y")]
    [TestCase("Abc-Def", "abc--def")]
    [TestCase("OpenID", "open-i-d")]
    [TestCase("AbcdEF12345", "abcd-e-f12345")]
    [TestCase("ABC", "a-b-c")]
    [TestCase("aBC", "a-b-c")]
    [TestCase("a1B2", "a1-b2")]
    [TestCase("{openid}", "{openid}")]
    [TestCase("{+myurl}", "{+myurl}")]
    [TestCase("{openId}", "{open-id}")]
    [TestCase("{+URL}", "{+-u-r-l}")]
    [TestCase("v3/merchantService/complaintsV2", "v3/merchant-service/complaints-v2")]
    [TestCase("V3/Pay", "v3/-pay")]
    [TestCase("v3/MerchantService", "v3/-merchant-service")]
    [TestCase("Ä", "Ä")]
    [TestCase("éA", "é-a")]
    [TestCase("Z", "z")]
    [TestCase("zoneZ", "zone-z")]
    [TestCase("a@b[c`d{e", "a@b[c`d{e")] // the characters either side of A-Z and a-z are no capitals
    public void Normalize_FollowsThePhpRules(string input, string expected)
    {
        Assert.That(MemberName.Normalize(input), Is.EqualTo(expected));
    }

    [Test]
    public void Normalize_RuleThreeDoesNotCrossALineBreak()
    {
        Assert.That(MemberName.Normalize("_a\nb_"), Is.EqualTo("_a\nb_"));
    }

    [Test]
    public void Normalize_Null_IsRefusedByName()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => MemberName.Normalize(null!));
        Assert.That(e!.ParamName, Is.EqualTo("name"));
        Assert.That(e.Message, Does.StartWith("A member name is required."));
    }
}
