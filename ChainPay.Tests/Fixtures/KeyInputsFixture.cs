namespace ChainPay.Tests.Fixtures;

/// <summary>A test fixture that owns one <see cref="KeyInputs"/> (and its temp files) for its whole run.</summary>
public abstract class KeyInputsFixture
{
    private protected KeyInputs inputs = null!;

    [OneTimeSetUp]
    public void CreateInputs() => inputs = new KeyInputs();

    [OneTimeTearDown]
    public void DeleteInputs() => inputs.Dispose();
}
