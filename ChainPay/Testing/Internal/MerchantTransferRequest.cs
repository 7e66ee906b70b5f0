using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>What the sandbox keeps of a 2025 merchant transfer's create request: its content (to tell a retry from another bill), notify_url and package_info.</summary>
internal sealed class MerchantTransferRequest
{
    public MerchantTransferRequest(JObject content, string? notifyUrl, string package)
    {
        Content = content;
        NotifyUrl = notifyUrl;
        Package = package;
    }

    public JObject Content { get; }

    public string? NotifyUrl { get; }

    public string Package { get; }
}
