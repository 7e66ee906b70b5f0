using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ChainPay.Tests.Fixtures;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose: each accepted request is read whole, then
/// <see cref="Behaviour"/> writes whatever bytes (or nothing) to the socket.
/// </summary>
internal sealed class FaultServer : LoopbackTcpServer
{

    public FaultServer(Func<NetworkStream, CancellationToken, Task> behaviour)
    {
        Behaviour = behaviour;
        BaseUri = $"http://127.0.0.1:{Port}/";
        Start();
    }

    public string BaseUri { get; }

    public Func<NetworkStream, CancellationToken, Task> Behaviour { get; set; }

    /// <summary>Completes when the first request has been read.</summary>
    public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Requests;

    /// <summary>
    /// A complete HTTP response whose body is signed by <see cref="FakeWeChatPay.PlatformKey"/> (tamper with the pieces:
    /// a <paramref name="timestamp"/> replaces the <c>Wechatpay-Timestamp</c> text, and is what gets signed).
    /// </summary>
    public static string Signed(string body, DateTimeOffset time, string nonce, string status = "200 OK", string extraHeaders = "", string? signature = null, string? timestamp = null)
    {
        var ts = timestamp ?? time.ToUnixTimeSeconds().ToString();
        signature ??= Convert.ToBase64String(FakeWeChatPay.PlatformKey.SignData(Encoding.UTF8.GetBytes($"{ts}\n{nonce}\n{body}\n"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n"
            + $"Wechatpay-Timestamp: {ts}\r\nWechatpay-Nonce: {nonce}\r\nWechatpay-Serial: {TestKeys.PublicKeyId}\r\nWechatpay-Signature: {signature}\r\n{extraHeaders}Connection: close\r\n\r\n{body}";
    }

    public static Func<NetworkStream, CancellationToken, Task> Reply(string response) =>
        (stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(response), token).AsTask();

    protected override async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            if (await HttpRequestReader.ReadAsync(stream, Stopping) is null)
            {
                return;
            }

            Interlocked.Increment(ref Requests);
            Received.TrySetResult();
            await Behaviour(stream, Stopping);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // the client went away, or the server is stopping
        }
    }
}
