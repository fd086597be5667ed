namespace Chimera.Tests.Architecture;

public class DependencyTests
{
    [Fact]
    public void Core_ReferencesNoAspNetCoreAssembly()
    {
        var references = typeof(Chimera.Node).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.All(references, r => Assert.True(
            r.StartsWith("System", StringComparison.Ordinal) || r.StartsWith("Microsoft.Extensions", StringComparison.Ordinal) || r == "netstandard",
            $"Chimera.Core references {r}, which is outside the .NET shared framework."));
    }
}
