using System.Security.Cryptography;
using ChainPay.Crypto;
using ChainPay.Tests.Xml;
using ChainPay.V2;

namespace ChainPay.Tests.V2;

public class RefundNotificationTests
{
    // Spec §11.5: AesEcb.encrypt('<root><out_refund_no>1</out_refund_no></root>', Hash.md5('192006250b4c09247ec02edce69f6a2d')).
    private const string ReqInfo = "WBzGpzQuNpcFxIlFjUUD9E4Y0DBIc5UMWqrO1JXheTbkaBSpaWzN7BflhbDSKiFE";

    [Test]
    public void DecryptReqInfo_WithMd5OfTheApiV2Key()
    {
        var info = RefundNotification.DecryptReqInfo(ReqInfo, "192006250b4c09247ec02edce69f6a2d");
        Assert.That(info["out_refund_no"], Is.EqualTo("1"));
        Assert.That(info, Has.Count.EqualTo(1));
    }

    [Test]
    public void DecryptReqInfo_WithAnotherKey_Fails()
    {
        Assert.That(() => RefundNotification.DecryptReqInfo(ReqInfo, "another-key"), Throws.InstanceOf<CryptographicException>());
        var e = Assert.Throws<InvalidArgumentException>(() => RefundNotification.DecryptReqInfo(ReqInfo, ""));
        Assert.That(e!.ParamName, Is.EqualTo("secret"));
        Assert.That(e.Message, Does.StartWith("The APIv2 key is required to decrypt req_info."));
    }

    [Test]
    public void DecryptReqInfo_TooDeepXml_RaisesInvalidArgument_NamingReqInfo()
    {
        var reqInfo = AesEcb.Encrypt(XmlArrayReaderTests.Nested(140_000), Hash.Md5("192006250b4c09247ec02edce69f6a2d"));
        var e = Assert.Throws<InvalidArgumentException>(() => RefundNotification.DecryptReqInfo(reqInfo, "192006250b4c09247ec02edce69f6a2d"));
        Assert.That(e!.ParamName, Is.EqualTo("reqInfo"));
        Assert.That(e.Message, Does.Contain("256"));
    }
}
