using Chimera.Configuration;
using Chimera.Host.CommandLine;
using Chimera.Tests.Processes;

namespace Chimera.Tests.CommandLine;

public class ClusterSettingsReaderTests
{
    private static HoconConfig Sample(string name) =>
        HoconConfig.ParseFile(Path.Combine(PublishedChimera.RepositoryRoot, "hocon", name), new HoconConfigOptions { EnvironmentVariables = _ => null });

    [Fact]
    public void WorkerSample_BindsOntoWorkerOptions()
    {
        var options = ClusterSettingsReader.Worker(Sample("worker.conf"));

        Assert.Equal("camera-box", options.Name);
        Assert.Equal("http://127.0.0.1:7400", options.ManagerUrl);
        Assert.Equal(("0.0.0.0", 7401, 7402), (options.Host, options.DataPort, options.ControlPort));
    }

    [Fact]
    public void ManagerSample_BindsOntoManagerOptions()
    {
        var options = ClusterSettingsReader.Manager(Sample("manager.conf"));

        Assert.Equal(("0.0.0.0", 7400), (options.Host, options.Port));
        Assert.Equal(TimeSpan.FromSeconds(1), options.HeartbeatInterval);
    }

    [Fact]
    public void RemoteSection_BindsOntoTheWorkersStreamSettings_AndUnknownKeysAreErrors()
    {
        var options = ClusterSettingsReader.Worker(HoconConfig.ParseString("chimera.remote { buffer-capacity = 4, buffer-bytes = 4MiB, subscription-timeout = 2s }", "w.conf"));
        Assert.Equal(4, options.Remote.BufferCapacity);
        Assert.Equal(4 * 1024 * 1024, options.Remote.BufferBytes);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Remote.SubscriptionTimeout);

        var ex = Assert.Throws<HoconException>(() => ClusterSettingsReader.Worker(HoconConfig.ParseString("chimera.worker { data-prot = 1 }", "w.conf")));
        Assert.Contains("w.conf:1:", ex.Message);
        Assert.Contains("data-prot", ex.Message);
    }
}
