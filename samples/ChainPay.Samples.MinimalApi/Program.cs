// ChainPay minimal API sample: `dotnet run --project samples/ChainPay.Samples.MinimalApi`
// Without a ChainPay:Mchid in configuration it runs against the in-memory WeChat Pay sandbox (no network, no keys).
// With the ChainPay section filled (appsettings.json, environment variables ChainPay__Mchid, …, or user secrets),
// it talks to WeChat Pay as that merchant.
await ChainPay.Samples.MinimalApi.SampleApp.Build(args).RunAsync();
