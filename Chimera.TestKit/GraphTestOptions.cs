namespace Chimera.TestKit;

/// <summary>Options of a small-graph run under <see cref="GraphTestKit.RunAsync"/>.</summary>
public sealed class GraphTestOptions : TestKitOptions
{
}
