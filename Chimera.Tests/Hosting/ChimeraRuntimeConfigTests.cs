using System.Text.Json;

namespace Chimera.Tests.Hosting;

/// <summary>
/// The runtime settings the <c>chimera</c> apphost starts every worker and manager with, read from the
/// <c>chimera.runtimeconfig.json</c> the build puts next to it (and next to these tests): each was chosen from a
/// benchmark A/B (Chimera.Host.csproj says which), and losing one silently would cost that figure again.
/// </summary>
public class ChimeraRuntimeConfigTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "chimera.runtimeconfig.json");
        Assert.True(File.Exists(path), $"No chimera.runtimeconfig.json at {path}.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void Chimera_IdlePoolThreadsSleepInsteadOfSpinning()
    {
        var properties = ConfigProperties();

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spin), "chimera's runtimeconfig does not set the thread pool's spin limit.");
        Assert.Equal(0, spin.GetInt32());
    }

    [Fact]
    public void Chimera_KeepsFreedGcMemoryInSmallRegions()
    {
        var properties = ConfigProperties();

        Assert.Equal(1048576, properties.GetProperty("System.GC.RegionSize").GetInt32());
        Assert.True(properties.GetProperty("System.GC.RetainVM").GetBoolean());
    }
}
