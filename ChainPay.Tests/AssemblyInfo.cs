using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

// A hang fails its own test instead of stalling the run (see TimeLimitsAttribute).
[assembly: ChainPay.Tests.TimeLimits]

namespace ChainPay.Tests
{
    /// <summary>
    /// Gives every test a generous time limit, and every test of the <c>slow</c> category (load, 100,000-case fuzz) a
    /// longer one. On .NET NUnit runs a test with a limit on a task and, when the limit expires, fails it and moves on
    /// (the hung code is abandoned, not aborted) — what CI needs. It is NUnit's own timeout, set as a property, so no
    /// test needs <c>[Timeout]</c> (obsolete on .NET for that reason) or a <c>[CancelAfter]</c> token it would have to
    /// watch. A test's own <c>[Timeout]</c> would still win.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly)]
    internal sealed class TimeLimitsAttribute : NUnitAttribute, IApplyToContext, IApplyToTest
    {
        /// <summary>Any test: two minutes (the slowest ordinary test takes seconds).</summary>
        public const int Default = 120_000;

        /// <summary>A test of the <c>slow</c> category: thirty minutes.</summary>
        public const int Slow = 1_800_000;

        /// <inheritdoc />
        public void ApplyToContext(TestExecutionContext context) => context.TestCaseTimeout = Default;

        /// <inheritdoc />
        public void ApplyToTest(Test test) => Apply(test, slow: false);

        private static void Apply(ITest test, bool slow)
        {
            slow |= test.Properties[PropertyNames.Category].Contains("slow");
            if (!test.IsSuite && !test.Properties.ContainsKey(PropertyNames.Timeout))
            {
                test.Properties.Set(PropertyNames.Timeout, slow ? Slow : Default);
            }

            foreach (var child in test.Tests)
            {
                Apply(child, slow);
            }
        }
    }
}
