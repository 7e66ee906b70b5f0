using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace ChainPay.Pkcs11.Internal;

/// <summary>Finds the token and the merchant private key on it, and checks the key can do what ChainPay asks.</summary>
internal static class TokenKey
{
    /// <summary>The slot whose token matches <paramref name="target"/>.</summary>
    /// <exception cref="InvalidArgumentException">No such token; the message lists the tokens present.</exception>
    public static ISlot FindSlot(IPkcs11Library library, Pkcs11Target target)
    {
        var slots = library.GetSlotList(SlotsType.WithTokenPresent);
        var labels = new List<string>();
        foreach (var slot in slots)
        {
            var label = slot.GetTokenInfo().Label.TrimEnd(' ', '\0');
            labels.Add($"`{label}` (slot {slot.SlotId})");
            if (target.TokenLabel is null ? slot.SlotId == target.SlotId : string.Equals(label, target.TokenLabel, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        var option = target.TokenLabel is null ? nameof(Pkcs11SignerOptions.SlotId) : nameof(Pkcs11SignerOptions.TokenLabel);
        throw new InvalidArgumentException(
            $"No {target.Token} in the PKCS#11 library {target.LibraryPath}; the tokens present are: {(labels.Count == 0 ? "none" : string.Join(", ", labels))}. Fix the `{option}` (or initialise the token).", option);
    }

    /// <summary>The one RSA private key matching <paramref name="target"/>, with <c>CKA_SIGN</c> and <c>CKA_DECRYPT</c>.</summary>
    /// <exception cref="InvalidArgumentException">None or several match, or the key is not RSA or may not sign or decrypt.</exception>
    public static IObjectHandle Find(ISession session, Pkcs11Target target)
    {
        var attributes = SharedLibrary.Factories.ObjectAttributeFactory;
        var template = new List<IObjectAttribute> { attributes.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY) };
        if (target.KeyLabel is not null)
        {
            template.Add(attributes.Create(CKA.CKA_LABEL, target.KeyLabel));
        }

        if (target.KeyId is not null)
        {
            template.Add(attributes.Create(CKA.CKA_ID, target.KeyId));
        }

        var found = session.FindAllObjects(template);
        if (found.Count == 0)
        {
            throw new InvalidArgumentException(
                $"No private key with {target.Key} on {target.Token}: fix the `{target.KeyOption}` (list the token's objects with `pkcs11-tool --module {target.LibraryPath} --login --list-objects`), or import the key (`softhsm2-util --import`).",
                target.KeyOption);
        }

        if (found.Count > 1)
        {
            throw new InvalidArgumentException(
                $"{found.Count} private keys have {target.Key} on {target.Token}: set the `KeyId` (CKA_ID) as well to pick one.", nameof(Pkcs11SignerOptions.KeyId));
        }

        var key = found[0];
        var values = session.GetAttributeValue(key, new List<CKA> { CKA.CKA_KEY_TYPE, CKA.CKA_SIGN, CKA.CKA_DECRYPT });
        var keyType = values[0].GetValueAsUlong();
        if (keyType != (ulong)CKK.CKK_RSA)
        {
            throw new InvalidArgumentException(
                $"The private key with {target.Key} on {target.Token} is not an RSA key ({Name<CKK>(keyType)}): WeChat Pay's merchant key is RSA; fix the `{target.KeyOption}`.", target.KeyOption);
        }

        foreach (var (attribute, value) in new[] { ("CKA_SIGN", values[1]), ("CKA_DECRYPT", values[2]) })
        {
            if (value.CannotBeRead || !value.GetValueAsBool())
            {
                throw new InvalidArgumentException(
                    $"The private key with {target.Key} on {target.Token} does not have {attribute} set: ChainPay signs requests and decrypts fields with it; import it with both usages (softhsm2-util --import does) or fix the `{target.KeyOption}`.",
                    target.KeyOption);
            }
        }

        return key;
    }

    /// <summary>The name of a PKCS#11 constant, or its number in hex when it has none.</summary>
    public static string Name<T>(ulong value)
        where T : struct, Enum
    {
        if (value <= uint.MaxValue && Enum.ToObject(typeof(T), value) is var constant && Enum.IsDefined(typeof(T), constant))
        {
            return constant.ToString()!;
        }

        return "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
    }
}
