using ChainPay;
using ChainPay.Testing;

var answer = await Consumer.Reversal.ReverseAsync(Builder.Factory(new WeChatPaySandbox().CreateOptions()));
const string Expected = "200 {\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_trade_no\":\"1217752501201407033233368018\"}";
if (answer != Expected)
{
    Console.Error.WriteLine("netstandard2.0 library: " + answer);
    return 1;
}

Console.WriteLine("netstandard2.0 library (member chain, from net10.0): " + answer);
return 0;
