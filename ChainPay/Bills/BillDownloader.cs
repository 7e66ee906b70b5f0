using System.Security.Cryptography;
using Flurl.Http;
using Org.BouncyCastle.Crypto.Digests;

namespace ChainPay.Bills;

/// <summary>
/// Downloads a bill from the <c>download_url</c> that the trade-bill, fund-flow-bill or sub-merchant bill APIs return:
/// the GET is signed like any APIv3 call, the file (unsigned by WeChat Pay) is streamed to the caller's
/// <see cref="Stream"/> while its SHA-1 (or SM3) is computed, and the digest is checked against <c>hash_value</c>.
/// A gzip bill is written as the compressed bytes WeChat sent.
/// </summary>
/// <remarks>Write to a temporary file and keep it only when the call returns: a digest mismatch is raised after the bytes were written.</remarks>
/// <example>
/// <code>
/// var res = await wxpay.v3.bill.tradebill.GetAsync(new { query = new { bill_date = "2024-01-01" } });
/// var bill = JObject.Parse(await res.GetStringAsync());
/// using var file = File.Create("tradebill.csv");
/// await BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, (string)bill["hash_type"]!, (string)bill["hash_value"]!, file);
/// </code>
/// </example>
public static class BillDownloader
{
    private const string FilePath = "/v3/billdownload/file";

    /// <summary>Streams the bill to <paramref name="destination"/> and checks its digest.</summary>
    /// <param name="instance">The instance from <see cref="Builder.Factory(BuilderOptions)"/>.</param>
    /// <param name="downloadUrl">The <c>download_url</c>; its host must be the instance's or a WeChat Pay host.</param>
    /// <param name="hashType">The <c>hash_type</c>: <c>SHA1</c> or <c>SM3</c>.</param>
    /// <param name="hashValue">The <c>hash_value</c> (hex).</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="progress">Receives the number of bytes written so far.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="InvalidArgumentException">A bad URL, hash type or destination, before anything is sent.</exception>
    /// <exception cref="ResponseVerificationException">The bytes do not match <paramref name="hashValue"/>.</exception>
    public static async Task<long> DownloadAsync(
        BuilderChain instance,
        string downloadUrl,
        string hashType,
        string hashValue,
        Stream destination,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (instance is null)
        {
            throw new InvalidArgumentException("The instance is required.", nameof(instance));
        }

        if (destination is null || !destination.CanWrite)
        {
            throw new InvalidArgumentException("The destination must be a writable stream.", nameof(destination));
        }

        if (string.IsNullOrEmpty(hashValue))
        {
            throw new InvalidArgumentException("The `hash_value` is required to check the bill.", nameof(hashValue));
        }

        var url = CheckUrl(instance, downloadUrl);
        using var digest = Digest.For(hashType);
        var response = await instance.Client.SendAsync(
            HttpMethod.Get,
            instance.Chain(FilePath.Substring(1)).Template,
            new { query = url.Query.TrimStart('?'), base_uri = url.GetLeftPart(UriPartial.Authority) + "/" },
            cancellationToken,
            HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        using var message = response.ResponseMessage;
        using var source = await message.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            digest.Update(buffer, read);
            await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            total += read;
            progress?.Report(total);
        }

        var actual = digest.Hex();
        if (!string.Equals(actual, hashValue, StringComparison.OrdinalIgnoreCase))
        {
            throw new ResponseVerificationException($"The bill's {hashType} is {actual}, but its hash_value says {hashValue}: the download is corrupt or was tampered with.", response);
        }

        return total;
    }

    private static Uri CheckUrl(BuilderChain instance, string downloadUrl)
    {
        if (!Uri.TryCreate(downloadUrl, UriKind.Absolute, out var url) || (url.Scheme != "https" && url.Scheme != "http"))
        {
            throw new InvalidArgumentException("The `download_url` must be the absolute URL the bill API returned.", nameof(downloadUrl));
        }

        var ownHost = new Uri(instance.Client.BaseUri).Host;
        var trusted = string.Equals(url.Host, ownHost, StringComparison.OrdinalIgnoreCase)
            || url.Host.EndsWith(".mch.weixin.qq.com", StringComparison.OrdinalIgnoreCase);
        if (!trusted || !string.Equals(url.AbsolutePath, FilePath, StringComparison.Ordinal))
        {
            throw new InvalidArgumentException($"`{url.Host}{url.AbsolutePath}` is not a WeChat Pay bill download: ChainPay signs only requests to WeChat Pay.", nameof(downloadUrl));
        }

        return url;
    }

    /// <summary>An incremental SHA-1 or SM3.</summary>
    private sealed class Digest : IDisposable
    {
        private readonly IncrementalHash? sha1;
        private readonly SM3Digest? sm3;

        private Digest(IncrementalHash? sha1, SM3Digest? sm3)
        {
            this.sha1 = sha1;
            this.sm3 = sm3;
        }

        public static Digest For(string hashType) => hashType?.ToUpperInvariant() switch
        {
            "SHA1" => new Digest(IncrementalHash.CreateHash(HashAlgorithmName.SHA1), null),
            "SM3" => new Digest(null, new SM3Digest()),
            _ => throw new InvalidArgumentException($"The `hash_type` must be SHA1 or SM3, not `{hashType}`.", nameof(hashType)),
        };

        public void Update(byte[] buffer, int count)
        {
            if (sha1 is not null)
            {
                sha1.AppendData(buffer, 0, count);
            }
            else
            {
                sm3!.BlockUpdate(buffer, 0, count);
            }
        }

        public string Hex()
        {
            byte[] hash;
            if (sha1 is not null)
            {
                hash = sha1.GetHashAndReset();
            }
            else
            {
                hash = new byte[sm3!.GetDigestSize()];
                sm3.DoFinal(hash, 0);
            }

            return Crypto.Internal.Hex.Lower(hash);
        }

        public void Dispose() => sha1?.Dispose();
    }
}
