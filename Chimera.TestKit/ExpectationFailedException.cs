using Xunit.Sdk;

namespace Chimera.TestKit;

/// <summary>
/// Thrown when a probe's expectation is not met. It is an xunit assertion failure, so the test fails with the message
/// (what was expected, what arrived) rather than as an unexpected error.
/// </summary>
public sealed class ExpectationFailedException : XunitException
{
    /// <summary>Creates the exception with a message that says what was expected and what arrived.</summary>
    public ExpectationFailedException(string message)
        : base(message)
    {
    }
}
