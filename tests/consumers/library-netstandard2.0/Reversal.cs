using System.Threading.Tasks;
using ChainPay;
using Flurl.Http;

namespace Consumer
{
    /// <summary>Reverses the sample order through the member chain.</summary>
    public static class Reversal
    {
        /// <summary>The verified answer's body.</summary>
        public static async Task<string> ReverseAsync(BuilderChain instance)
        {
            dynamic wxpay = instance;
            IFlurlResponse response = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse.PostAsync(new
            {
                out_trade_no = "1217752501201407033233368018",
                json = new { appid = "wxd678efh567hg6787", mchid = "1230000109" },
            });
            return response.StatusCode + " " + await response.GetStringAsync();
        }
    }
}
