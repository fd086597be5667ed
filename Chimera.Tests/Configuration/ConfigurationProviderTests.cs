using Chimera.Configuration;
using Microsoft.Extensions.Configuration;

namespace Chimera.Tests.Configuration;

public sealed class ConfigurationProviderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("chimera-hocon-mec-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    public sealed class WorkerOptions
    {
        public string Name { get; set; } = string.Empty;

        public int BufferCapacity { get; set; }

        public TimeSpan HeartbeatInterval { get; set; }

        public bool Enabled { get; set; }

        public List<string> Tags { get; set; } = [];

        public RemoteOptions Remote { get; set; } = new();
    }

    public sealed class RemoteOptions
    {
        public int MaxFrameSize { get; set; }

        public string Host { get; set; } = string.Empty;
    }

    [Fact]
    public void AddHoconFile_BindsOptionsIncludingKebabCaseKeys()
    {
        File.WriteAllText(Path.Combine(root, "remote.conf"), "max-frame-size = 65536\nhost = ${chimera.host}");
        File.WriteAllText(Path.Combine(root, "worker.conf"), """
            chimera {
              host = "10.0.0.1"
              worker {
                name = w1
                buffer-capacity = 128
                heartbeat-interval = "00:00:02"
                enabled = true
                tags = [gpu, camera]
                remote { include "remote.conf" }
              }
            }
            """);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(root)
            .AddHoconFile("worker.conf", optional: false, reloadOnChange: false)
            .Build();

        var options = new WorkerOptions();
        configuration.GetSection("chimera:worker").Bind(options);

        Assert.Equal("w1", options.Name);
        Assert.Equal(128, options.BufferCapacity);
        Assert.Equal(TimeSpan.FromSeconds(2), options.HeartbeatInterval);
        Assert.True(options.Enabled);
        Assert.Equal(["gpu", "camera"], options.Tags);
        Assert.Equal(65536, options.Remote.MaxFrameSize);
        Assert.Equal("10.0.0.1", options.Remote.Host);
        Assert.Equal("128", configuration["chimera:worker:buffer-capacity"]);
        Assert.Equal("camera", configuration["chimera:worker:tags:1"]);
    }

    [Fact]
    public void AddHoconFile_MissingOptional_IsEmpty()
    {
        var configuration = new ConfigurationBuilder().SetBasePath(root).AddHoconFile("nope.conf", optional: true).Build();
        Assert.Empty(configuration.AsEnumerable());
    }

    [Fact]
    public void AddHoconFile_MissingRequired_Fails()
    {
        Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().SetBasePath(root).AddHoconFile("nope.conf").Build());
    }

    [Fact]
    public void AddHoconFile_SyntaxError_ReportsFileLineColumn()
    {
        File.WriteAllText(Path.Combine(root, "bad.conf"), "a {\n  b = ]\n}");
        var error = Assert.ThrowsAny<Exception>(() => new ConfigurationBuilder().SetBasePath(root).AddHoconFile("bad.conf").Build());
        var hocon = error as HoconException ?? error.InnerException as HoconException;
        Assert.NotNull(hocon);
        Assert.Equal(2, hocon.Line);
        Assert.Equal(7, hocon.Column);
        Assert.EndsWith("bad.conf", hocon.File, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHoconString_RealKeyWinsOverAlias_AndNullStaysNull()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString("a { buffer-capacity = 1, buffercapacity = 2, n = null }", options: new HoconConfigOptions { EnvironmentVariables = _ => null })
            .Build();
        Assert.Equal("2", configuration["a:buffercapacity"]);
        Assert.Equal("1", configuration["a:buffer-capacity"]);
        Assert.Null(configuration["a:n"]);
    }

    [Fact]
    public void AddHoconString_KebabSection_BindsThroughAlias()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString("chimera.remote-settings.max-frame-size = 10", options: new HoconConfigOptions { EnvironmentVariables = _ => null })
            .Build();
        var remote = configuration.GetSection("chimera:remotesettings").Get<RemoteOptions>();
        Assert.Equal(10, remote!.MaxFrameSize);
        Assert.Equal(10, configuration.GetSection("chimera:remote-settings").Get<RemoteOptions>()!.MaxFrameSize);
    }
}
