using ChainPay.Cli;

return await ChainPayCli.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
