namespace ChainPay.Testing;

/// <summary>How the sandbox identifies the key it signs answers with.</summary>
public enum SandboxKeyMode
{
    /// <summary>A WeChat Pay public key id, <c>PUB_KEY_ID_…</c> (the mode of merchants onboarded since 2024); <c>/v3/certificates</c> answers 404.</summary>
    PublicKeyId,

    /// <summary>A platform certificate serial (40 hex digits); <c>/v3/certificates</c> serves the certificate, encrypted with the APIv3 key.</summary>
    CertificateSerial,

    /// <summary>
    /// The gray switch (灰度切换) from platform certificate to WeChat Pay public key: answers and notifications are signed
    /// by either (every other one by each, or as <see cref="WeChatPaySandbox.SignNextWith"/> says), and
    /// <c>Wechatpay-Serial</c> tells which; <c>/v3/certificates</c> still serves the certificate. The public key is a
    /// key pair other than the certificate's.
    /// </summary>
    Gray,
}
