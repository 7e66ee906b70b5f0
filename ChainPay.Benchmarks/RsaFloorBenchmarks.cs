using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace Benchmarks;

/// <summary>
/// (c) The floor of a round trip: one raw RSA-2048 SHA-256 PKCS#1 v1.5 sign and one verify with
/// <see cref="RSA"/>, over a message of the size the round trip signs (<see cref="BenchmarkFixture.RequestMessage"/>).
/// </summary>
[MemoryDiagnoser]
public class RsaFloorBenchmarks
{
    private byte[] message = null!;
    private byte[] signature = null!;
    private RSA privateKey = null!;
    private RSA publicKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        message = BenchmarkFixture.RequestMessage;
        privateKey = BenchmarkFixture.MerchantKey;
        publicKey = BenchmarkFixture.MerchantPublicKey;
        signature = privateKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!SignAndVerify())
        {
            throw new InvalidOperationException("The signature does not verify.");
        }

        Console.WriteLine($"// message: {message.Length} bytes");
    }

    /// <summary>(c) One sign plus one verify: the floor (b) is held against.</summary>
    [Benchmark(Baseline = true)]
    public bool SignAndVerify()
    {
        var signed = privateKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return publicKey.VerifyData(message, signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>The sign alone.</summary>
    [Benchmark]
    public byte[] Sign() => privateKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The verify alone.</summary>
    [Benchmark]
    public bool Verify() => publicKey.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
