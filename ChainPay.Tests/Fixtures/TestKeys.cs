namespace ChainPay.Tests.Fixtures;

/// <summary>
/// The TEST key and certificate of the spec's section 11.4 (generated for the spec; never use outside tests),
/// with the literal vectors that go with them.
/// </summary>
internal static class TestKeys
{
    /// <summary>PKCS#8 private key (2048-bit).</summary>
    public const string Pkcs8PrivateKey = """
-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQC3SANBgNdhdlxs
k+W3NVpKIxRLo1fZYMX4UQhzckNSckY4LIJxiMVVK+O9qbKalLOh/JybLbxue9Ia
xWR2egvpX4p402CWCz7kGDf+nO+PAxyanq1+mtIB2CES4Ld/z3JsWgpparPqHOg6
fkiOkGSbbdARTorBcE6RU8XpDDft2QBexzdjfgotxzaYKJwImg1z0sSQpLSz4cwv
p4jIt9fHJQ6JQRbkrjxmTldclrQe4g7r9rzNdzykiwKypuoMGIHXy9Fs68bXYwP3
tWn6oIFuv/OXm+AtwxAWxA98w/MwY2CdRsLrzTtGjh4rxresy6XBIN8zLIFerKwW
UtR4yKl1AgMBAAECggEADEWmuiiw9m/hCZm8xIMVBzVif+hxbGokN1etrWIJC48z
qahvsr+jfuvczu+uHtc2g/H3LOJnsi1Ze/A1pUOcyPgo76T8daK0VLxUzrHRZ8EG
L30EEh/ptrSzDW5W7ku31kHdKpvTbVyY8oaCjNEyrozJ/shEicx5GXzQTQxDyzzv
lyiojdBQdLxmQY6bcRCaooNgeYuSnY2CU6p9U2mcqWA74ptqhfMRr+UV1npavd3N
ZpFbvnHnhbZEOchbwbyFXVuyeIA2pot1XCGayrairB9AncDem+wpO8pKykvcFBPz
PWDpMgMc3oG3Avq0xzRtCqZiJZ1FesVzZ3sj/lEnTQKBgQDomaJB+jTJEq6SK5JT
DDgm15iqeEdDrZpntZRnfttDMLDfXV63lPmQ17Cp5yR/iKMlNAFe78q6Nni/0OTw
iQYpXcFktN4FrGJ2kx9mbsjQk/99Q4bmtfPKROgHTvEVhI6Ve9I8KD5RCFnO1rjf
xR2T06gUOpw+IlXbdBT4oVDzVwKBgQDJuDm1dOc0+u/dQoV+0/COL5m1F8RmMIsk
VF0pajg8uCT7DLPPjmKEHGEpUCUjsN/mO1C3xtNmUlaFSpG1h9zO+v/sD1Knpzuk
k7+r/zjuDcdifjtu6kJpZbRl5+t8csNX7a1QfY7FL3UU8RohxDXGGFlZRRE4QQKf
Y3kOW/f2EwKBgAYAaNJg/Vmu1LhKzYS9DPnbmEHVxqj1YsWIRuMAv/GU4QtyYk5E
Vsgo+JL5ttRfly4PkHV9pHJ3k1gHsNCQCIuqsqHBlPT6hLPgie/frejL2MzHoER1
r2upqX7+x3OxrugmgL8ynqECoSaYHb8QW/oDfRPAi2WDB0oZTa04pFkTAoGACyhW
gNPzifmrVNi+G5LLhoHZhavH4EMlHyBPet/2Nl2VJhHAzGU6y8XqFefp9fxtlgWH
5HJp9Qnu4TaLsrfOHeDCUSNT1hQo92R4wKHAW2KFucvzq6HnhH7sqIpYeyy5414x
LPeU8xE576uaX23D764fGxH37t2hsIFHC+VIZOMCgYBFkCrthULVh38XTJjLU21c
Io76nOkH2nmGlnShzCM3dXoPsIDdFgKrhEgBAQFUeFPV/zvg6fT47QFxgkmWJbIV
jLfngmkw3wA6slPc5nchD8zWFJoRmwE+iZ0ddqStMXMsxVLl26rTyFBKsnf/4slV
dXME7AOT+VJtiEn0bl7+wQ==
-----END PRIVATE KEY-----
""";

    /// <summary>The matching PKCS#1 public key.</summary>
    public const string Pkcs1PublicKey = """
-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAt0gDQYDXYXZcbJPltzVaSiMUS6NX2WDF+FEIc3JDUnJGOCyCcYjF
VSvjvamympSzofycmy28bnvSGsVkdnoL6V+KeNNglgs+5Bg3/pzvjwMcmp6tfprS
AdghEuC3f89ybFoKaWqz6hzoOn5IjpBkm23QEU6KwXBOkVPF6Qw37dkAXsc3Y34K
Lcc2mCicCJoNc9LEkKS0s+HML6eIyLfXxyUOiUEW5K48Zk5XXJa0HuIO6/a8zXc8
pIsCsqbqDBiB18vRbOvG12MD97Vp+qCBbr/zl5vgLcMQFsQPfMPzMGNgnUbC6807
Ro4eK8a3rMulwSDfMyyBXqysFlLUeMipdQIDAQAB
-----END RSA PUBLIC KEY-----
""";

    /// <summary>The matching SPKI public key (Rsa.Pkcs1ToSpki of the PKCS#1 body).</summary>
    public const string SpkiPublicKey = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAt0gDQYDXYXZcbJPltzVa
SiMUS6NX2WDF+FEIc3JDUnJGOCyCcYjFVSvjvamympSzofycmy28bnvSGsVkdnoL
6V+KeNNglgs+5Bg3/pzvjwMcmp6tfprSAdghEuC3f89ybFoKaWqz6hzoOn5IjpBk
m23QEU6KwXBOkVPF6Qw37dkAXsc3Y34KLcc2mCicCJoNc9LEkKS0s+HML6eIyLfX
xyUOiUEW5K48Zk5XXJa0HuIO6/a8zXc8pIsCsqbqDBiB18vRbOvG12MD97Vp+qCB
br/zl5vgLcMQFsQPfMPzMGNgnUbC6807Ro4eK8a3rMulwSDfMyyBXqysFlLUeMip
dQIDAQAB
-----END PUBLIC KEY-----
""";

    /// <summary>Self-signed certificate over the same key.</summary>
    public const string Certificate = """
-----BEGIN CERTIFICATE-----
MIIDbzCCAlegAwIBAgIUUVfwnv3Alt4V6+gaRwV6cjL0sPkwDQYJKoZIhvcNAQEL
BQAwRjELMAkGA1UEBhMCQ04xHDAaBgNVBAoME1dlQ2hhdFBheSBDb21tdW5pdHkx
GTAXBgNVBAMMEFBvcnQgVGVzdCBWZWN0b3IwIBcNMjYxMTIzMTczNzEyWhgPMjEy
NjEwMzAxNzM3MTJaMEYxCzAJBgNVBAYTAkNOMRwwGgYDVQQKDBNXZUNoYXRQYXkg
Q29tbXVuaXR5MRkwFwYDVQQDDBBQb3J0IFRlc3QgVmVjdG9yMIIBIjANBgkqhkiG
9w0BAQEFAAOCAQ8AMIIBCgKCAQEAt0gDQYDXYXZcbJPltzVaSiMUS6NX2WDF+FEI
c3JDUnJGOCyCcYjFVSvjvamympSzofycmy28bnvSGsVkdnoL6V+KeNNglgs+5Bg3
/pzvjwMcmp6tfprSAdghEuC3f89ybFoKaWqz6hzoOn5IjpBkm23QEU6KwXBOkVPF
6Qw37dkAXsc3Y34KLcc2mCicCJoNc9LEkKS0s+HML6eIyLfXxyUOiUEW5K48Zk5X
XJa0HuIO6/a8zXc8pIsCsqbqDBiB18vRbOvG12MD97Vp+qCBbr/zl5vgLcMQFsQP
fMPzMGNgnUbC6807Ro4eK8a3rMulwSDfMyyBXqysFlLUeMipdQIDAQABo1MwUTAd
BgNVHQ4EFgQU6wg3cgplGUQOXnmE905sIEuAUqYwHwYDVR0jBBgwFoAU6wg3cgpl
GUQOXnmE905sIEuAUqYwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOC
AQEAgo7w9mO7bNmB+UIhpk+hegL8bFsmTR50khAFip3pjKiILp0p4d1FdUHoEcS1
tl4CZJFP5lorhWG4u+krZ+FsAqU0lQpMDQ+WEJVmXkmAVsjtUfd2LT0NxN2+I5rr
AxUc8gVzAGVZGWzDV+Nj7UX5UDHHXlc9ynVWngvnJke6QskgacN/fshUOXO/mIy+
/ZSLfRCuPDr3geu7whWgzMDIlYH4PIVBrHjn9zGctMwqga0WOMf8O+3/nbfT+Hd3
oK8TyfpdEYQ4jxKMwzxc6hvmlZs155z/bihho9Ws7WgY8Dp3vL3TIondOiDabT0n
Iwb89/49/Erxlp9SbZxqkN7Odg==
-----END CERTIFICATE-----
""";

    /// <summary>Serial of <see cref="Certificate"/> as PemUtil.ParseCertificateSerialNo returns it.</summary>
    public const string CertificateSerial = "5157F09EFDC096DE15EBE81A47057A7232F4B0F9";

    /// <summary>A WeChat Pay public key id used as the platform key id in tests.</summary>
    public const string PublicKeyId = "PUB_KEY_ID_0114232134912410000000000000";

    /// <summary>The merchant certificate serial of the spec's authorization vector.</summary>
    public const string MerchantSerial = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C";

    /// <summary>Spec §11.4's signed answer: the signature of <c>1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n{"data":[]}\n</c> with this key.</summary>
    public const string SpecAnswerSignature = "nk7ZDENARVvGF0nAotOAlrWhV7oDevJeHu/CNQo8nP5w0RRymNjCJgiEQoHsvScTAO3H87ira6XP0aklr9xvp3CPfWOVdlztww/rsYc2f1IMH59fcYj1s6WOwaZ1ZRHCX4AlAVb195jTNM1yU2R0gx18HJVYOZUGTE1byDHBuGnkgcC4I9dcFBtWUSJzOX6HwRA5hSrmJfWJSS2W5I6oiGweTswAN+8mPxqHp/nooVHUiGCQITmDoJIW8ciT5uyTfrPp0VNQOXmUgH4GDGHLsXSBdbqU8oe7x7pQgIj6ADdGy7aBNv6XzZtVDlFiB3t2kchgUx0/G1086xmpM2aTQg==";
}
