using System.CommandLine;
using ChainPay.Cli.Sandbox;
using ChainPay.Testing;
using Newtonsoft.Json.Linq;

namespace ChainPay.Cli.Notify;

/// <summary>
/// <c>chainpay notify URL --event TRANSACTION.SUCCESS</c>: one notification, encrypted with the sandbox's APIv3 key
/// and signed with its platform key exactly as WeChat Pay sends it, POSTed to a local endpoint.
/// </summary>
internal static class NotifyCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Argument<string>("url") { Description = "The notification endpoint, e.g. http://127.0.0.1:5000/wechatpay/notify" };
        var eventType = new Option<string>("--event", "-e") { Description = $"The event type: {string.Join(", ", NotifyResources.Known)} (others need --resource).", DefaultValueFactory = _ => NotifyResources.Transaction };
        var resource = new Option<string>("--resource") { Description = "The plaintext resource as JSON; a sample for the event type by default." };
        var number = new Option<string>("--out-trade-no", "--number") { Description = "The out_trade_no / out_refund_no / out_bill_no of the sample resource.", DefaultValueFactory = _ => WeChatPaySandbox.SampleOutTradeNo };
        var dir = new Option<string>("--dir") { Description = $"The sandbox folder whose platform key and APIv3 key sign and encrypt (the one `chainpay sandbox` wrote); default {SandboxCommand.DefaultDirectory}.", DefaultValueFactory = _ => SandboxCommand.DefaultDirectory };
        var command = new Command("notify", "Sends one signed, encrypted WeChat Pay notification to an endpoint, to test a service's handler. Configure the handler with the sandbox's pub_key.pem, PUB_KEY_ID_… and APIv3 key (in --dir). Exit: 0 the endpoint answered 2xx, 1 it did not, 2 bad usage.")
        {
            url, eventType, resource, number, dir,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            context, result.GetValue(url)!, result.GetValue(eventType)!, result.GetValue(resource), result.GetValue(number)!, result.GetValue(dir)!, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string target, string eventType, string? resource, string number, string directory, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"The URL must be an absolute http:// or https:// URL, not `{target}`.");
        }

        JToken plaintext;
        if (resource is not null)
        {
            try
            {
                plaintext = JToken.Parse(resource);
            }
            catch (Newtonsoft.Json.JsonReaderException e)
            {
                throw new UsageException($"--resource is not JSON: {e.Message}");
            }
        }
        else
        {
            plaintext = NotifyResources.For(eventType, "1230000109", number, context.Clock())
                ?? throw new UsageException($"`{eventType}` has no sample resource: give --resource, or use one of {string.Join(", ", NotifyResources.Known)}.");
        }

        var files = SandboxFiles.OpenOrCreate(directory, context.Clock);
        var sandbox = new WeChatPaySandbox(files.Options);
        if (plaintext is JObject json && resource is null)
        {
            json["mchid"] = json["mchid"] is null ? null : sandbox.Merchant.Mchid;
            json["mch_id"] = json["mch_id"] is null ? null : sandbox.Merchant.Mchid;
            foreach (var empty in json.Properties().Where(p => p.Value.Type == JTokenType.Null).ToList())
            {
                empty.Remove();
            }
        }

        var notice = sandbox.CreateNotification(eventType, plaintext);
        context.Progress($"POST {url} ({eventType}, signed by {sandbox.PlatformKeyId}, key in {files.PathOf(SandboxFiles.PublicKey)})");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = notice.CreateRequest(url);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var shown = body.Length > 200 ? body[..200] + "…" : body;
            await context.Output.WriteLineAsync($"{eventType} → {url}: HTTP {status}{(shown.Length > 0 ? " " + shown : string.Empty)}").ConfigureAwait(false);
            if (status is >= 200 and < 300)
            {
                return ExitCodes.Ok;
            }

            await context.Output.WriteLineAsync("The endpoint refused it: WeChat Pay would send it again. A 401/400 usually means the handler is not configured with this sandbox's pub_key.pem, PUB_KEY_ID_… or APIv3 key.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (HttpRequestException e)
        {
            await context.Output.WriteLineAsync($"{eventType} → {url}: not delivered ({e.Message}).").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}
