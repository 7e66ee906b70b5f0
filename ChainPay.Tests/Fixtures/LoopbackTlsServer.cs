using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Authentication;
using System.Text;

namespace ChainPay.Tests.Fixtures;

/// <summary>
/// A one-request-per-connection HTTPS server on 127.0.0.1 that REQUIRES a client certificate, answers a fixed body,
/// and records the client certificate it saw.
/// </summary>
internal sealed class LoopbackTlsServer : LoopbackTcpServer
{
    private readonly string answer;

    public LoopbackTlsServer(string answer)
    {
        this.answer = answer;
        ServerCertificate = MakeCertificate("CN=127.0.0.1", serverAuth: true);
        Start();
    }

    public X509Certificate2 ServerCertificate { get; }

    public string? ClientThumbprint { get; private set; }

    public string? RequestHead { get; private set; }

    /// <summary>How many handshakes got as far as checking the client's certificate (or its absence).</summary>
    public int ClientCertificateChecks => checks;

    /// <summary>Whether the client offered a certificate in the last handshake that got that far.</summary>
    public bool ClientCertificateOffered { get; private set; }

    private int checks;

    /// <summary>A self-signed certificate with its key, loaded the way SslStream likes it on every platform.</summary>
    public static X509Certificate2 MakeCertificate(string subject, bool serverAuth, RSA? key = null)
    {
        key ??= RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    protected override async Task ServeAsync(TcpClient client)
    {
        try
        {
            using var ssl = new SslStream(client.GetStream(), false, (_, certificate, _, _) =>
            {
                ClientCertificateOffered = certificate is not null;
                Interlocked.Increment(ref checks);
                return certificate is not null;
            });
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = ServerCertificate,
                ClientCertificateRequired = true,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, Stopping);
            ClientThumbprint = ssl.RemoteCertificate is null ? null : new X509Certificate2(ssl.RemoteCertificate).Thumbprint;
            RequestHead = await HttpRequestReader.ReadAsync(ssl, Stopping);
            if (RequestHead is null)
            {
                return;
            }

            var payload = Encoding.UTF8.GetBytes(answer);
            var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
            await ssl.WriteAsync(response.Concat(payload).ToArray(), Stopping);
        }
        catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            // a client without a certificate, or one that went away
        }
    }
}
