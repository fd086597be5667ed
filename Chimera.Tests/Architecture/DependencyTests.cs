using System.Reflection;
using System.Runtime.InteropServices;

namespace Chimera.Tests.Architecture;

public class DependencyTests
{
    [Fact]
    public void Core_ReferencesOnlyTheSharedFramework_AndNoAspNetCore()
    {
        var shared = Path.GetDirectoryName(Path.GetDirectoryName(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar)))!;
        foreach (var reference in typeof(Chimera.Node).Assembly.GetReferencedAssemblies())
        {
            Assert.False(reference.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal), $"Chimera.Core references {reference.Name}.");
            var location = Assembly.Load(reference).Location;
            Assert.True(location.StartsWith(shared, StringComparison.Ordinal), $"Chimera.Core references {reference.Name} from {location}, outside the .NET shared framework ({shared}).");
        }
    }
}
