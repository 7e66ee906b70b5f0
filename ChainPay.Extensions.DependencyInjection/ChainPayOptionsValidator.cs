using Microsoft.Extensions.Options;

namespace ChainPay.Extensions.DependencyInjection;

/// <summary>Validates a merchant's options as <see cref="Builder.Factory(BuilderOptions)"/> does, with its messages (they name the option, never a key).</summary>
internal sealed class ChainPayOptionsValidator : IValidateOptions<ChainPayOptions>
{
    private readonly ChainPayRegistry registry;

    public ChainPayOptionsValidator(ChainPayRegistry registry) => this.registry = registry;

    public ValidateOptionsResult Validate(string? name, ChainPayOptions options)
    {
        if (name is null || !registry.Contains(name))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            Builder.Factory(ChainPayFactory.Copy(options.Builder, options.Builder.HttpClient ?? Unused));
            return ValidateOptionsResult.Success;
        }
        catch (InvalidArgumentException e)
        {
            var who = name.Length == 0 ? "The default ChainPay merchant" : $"ChainPay merchant `{name}`";
            return ValidateOptionsResult.Fail($"{who}: {e.Message}"); // ends with (Parameter 'Option')
        }
    }

    /// <summary>An HttpClient that never sends: validation builds an instance and throws it away.</summary>
    private static readonly HttpClient Unused = new();
}
