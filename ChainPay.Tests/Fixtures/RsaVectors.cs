namespace ChainPay.Tests.Fixtures;

/// <summary>The literal §11.4 messages and signatures.</summary>
internal static class RsaVectors
{
    public const string GetMessage = "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n";

    public const string GetSignature = "ZsLw+UeiMCHlReLndcx8uxxkGlpJXHz9iKhqt1/QtUDgWfH1pfL+bWVSasqwAjcLMAy1o2RmmBdXmdDEs/4oHaO672DF1TIn6du5e10gbCgvyf1SHL1X8oVP7AS6EgggSQMAnw0i84+ne32UFNOD1a6IpG92E59SNhZOvcvDyedsdBvZSWkxX2G0T/XsMcB3XW0qVQZldZrHQI8QiibVCbJKRct11saIoQtNUrtgXNietxQv2xjfzdgvw5GoJ2Lpl3MalBaDaUk7bpu7iye+CH77iSCyJzqWK1FpRJPFiOaoRXhm6TVbCj9vHKsnzqFKjxtQ8rW5s61aMeGm2OqtsA==";

    public const string PostMessage = "POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{\"mchid\":\"1900006XXX\"}\n";

    public const string PostSignature = "KssGmDTsxA6SWH5GfsHZRIbXyw9IwcgGS3jSZJDK0XuSb6oFHK+ef0rdm+ZH/aSPPr5V/OUvG7/AqzfgPofSXqsRWf40bikpFQSE+DsCMsmymwbUl3SnrDjRggmR1eCkqsJHo0b9M7LGziWjDMGchSeIr6Ge5cwDLIk9PO/rlBhtKIf6Dp95Aecyjg1djj/zG/fwaJduDObl/mmOF/vVdHcXzEuv883tBiBqn4tXxFHTI8yzVFevl7hVVoUFTz+42Qj+PsG5HuWVFlFo5Bf+9B2Y39UCU+TZzkgOFMi3k09vJRicK6vaRllKHs6EzPoH9mkv50Ae4OJwLfHV5g50YA==";

    public const string ResponseMessage = "1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n{\"data\":[]}\n";

    public const string ResponseSignature = "nk7ZDENARVvGF0nAotOAlrWhV7oDevJeHu/CNQo8nP5w0RRymNjCJgiEQoHsvScTAO3H87ira6XP0aklr9xvp3CPfWOVdlztww/rsYc2f1IMH59fcYj1s6WOwaZ1ZRHCX4AlAVb195jTNM1yU2R0gx18HJVYOZUGTE1byDHBuGnkgcC4I9dcFBtWUSJzOX6HwRA5hSrmJfWJSS2W5I6oiGweTswAN+8mPxqHp/nooVHUiGCQITmDoJIW8ciT5uyTfrPp0VNQOXmUgH4GDGHLsXSBdbqU8oe7x7pQgIj6ADdGy7aBNv6XzZtVDlFiB3t2kchgUx0/G1086xmpM2aTQg==";

    public const string JsapiMessage = "wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n";

    public const string JsapiSignature = "mFUROH3oLViGLlEfX/hjOQ1FV+0M8VfDIzv+1kwb0z+dd0yV0Zldhf5kWRU1vSKyzzhFgUkUCOZKkHfEC4DTqfKKtuK4pQVC05Q384ej35UqPwzp6DrVe+cR07rG49Jxh2PbxrdS+MlDICDzbOR2xAQAxnyikFarzV7cNFrOpxFOX9CnqOAZ5AaaBDozdnm0aqCBoGdJv/Z156w1Z5OxZvRWj0BgC/w993JRyN6APQrH3BMjZBwwnWViWboZVqqDlmno8qvx4bORzDi+j4D12vARj6NC/bVLnmfDpPmFZEQ5s5KNcftQ9dTeObz0n+mdqmDUgocjhYc5cZa7hmR36g==";

    public const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $privateKey whether or nor correct.";

    /// <summary>
    /// PHP's message, with its literal backslash (the PHP source is a single-quoted string): every key-loading failure
    /// starts with it, then says what was found and what was expected.
    /// </summary>
    public static string CannotLoad(bool isPublic, string kind) =>
        $"Cannot load {(isPublic ? "publicKey" : "privateKey")} from({kind}), please take care about the \\$thing input. ";

    /// <summary>How an <see cref="ArgumentException"/> (and so <see cref="InvalidArgumentException"/>) renders a message.</summary>
    public static string ArgumentMessage(string message, string paramName) => new ArgumentException(message, paramName).Message;
}
