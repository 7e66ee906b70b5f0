using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ChainPay.Util;

namespace ChainPay.Tests.Util;

public class TrimmingTests
{
    [Test]
    public void RefuseMemberChain_WithDynamicCode_LetsItBind()
    {
        Assert.That(Trimming.RefuseMemberChain(dynamicCodeSupported: true, "v3"), Is.Null);
    }

    [Test]
    public void RefuseMemberChain_WithoutDynamicCode_NamesTheMemberAndTheStaticForms()
    {
        var refused = Trimming.RefuseMemberChain(dynamicCodeSupported: false, "v3")!;
        Assert.That(refused, Is.TypeOf<NotSupportedException>());
        Assert.That(refused.Message, Does.Contain("`.v3` through `dynamic`").And.Contain("NativeAOT").And.Contain("instance.Chain(\"v3/").And.Contain("instance[\"v3/…\"]"));
    }

    [Test]
    public void IsDynamicCodeSupported_InThisJitProcess()
    {
        // The tests run on the JIT: member chains bind, so nothing is refused here (the NativeAOT case is eng/check-packages.sh's).
        Assert.That(Trimming.IsDynamicCodeSupported, Is.True);
    }

    [Test]
    public void Factory_WarnsTrimmedApplications_ButNotNativeAotForTheStaticForms()
    {
        foreach (var factory in typeof(Builder).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == nameof(Builder.Factory)))
        {
            Assert.That(factory.GetCustomAttribute<RequiresUnreferencedCodeAttribute>()?.Message, Is.EqualTo(Trimming.Unreferenced), factory.ToString());
            Assert.That(factory.GetCustomAttribute<RequiresDynamicCodeAttribute>(), Is.Null, factory.ToString());
        }

        Assert.That(Trimming.Unreferenced, Does.Contain("CHAINPAY001").And.Contain("ChainPayAllowTrimming=true"));
    }
}
