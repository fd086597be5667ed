using Chimera.Configuration;
using Chimera.Hosting.Internal;
using Microsoft.Extensions.Configuration;

namespace Chimera.Tests.Hosting;

public class ChimeraOptionsBinderTests
{
    private static IConfiguration Hocon(string text) => new ConfigurationBuilder().AddHoconString(text).Build();

    [Fact]
    public void Manager_FromHocon_BindsKebabKeysAndDurations()
    {
        var section = Hocon("""
            chimera.manager {
              host = 0.0.0.0
              port = 6000
              log-directory = runs
              heartbeat-interval = 250ms
              acceptable-heartbeat-pause = 2s
              phi-threshold = 10.5
            }
            """).GetSection("chimera:manager");
        var options = new ManagerOptions();

        ChimeraOptionsBinder.Bind(section, options);

        Assert.Equal("0.0.0.0", options.Host);
        Assert.Equal(6000, options.Port);
        Assert.Equal("runs", options.LogDirectory);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.AcceptableHeartbeatPause);
        Assert.Equal(10.5, options.PhiThreshold);
    }

    [Fact]
    public void Manager_FromJsonStyleKeys_BindsPascalCaseAndTimeSpans()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chimera:Manager:HeartbeatInterval"] = "00:00:02",
            ["Chimera:Manager:Port"] = "7000",
        }).Build().GetSection("chimera:manager");
        var options = new ManagerOptions();

        ChimeraOptionsBinder.Bind(section, options);

        Assert.Equal(TimeSpan.FromSeconds(2), options.HeartbeatInterval);
        Assert.Equal(7000, options.Port);
    }

    [Fact]
    public void Manager_InvalidValues_AreAllReportedAtOnce()
    {
        var section = Hocon("""
            chimera.manager { port = lots, heartbeat-interval = soon, phi-threshold = -1 }
            """).GetSection("chimera:manager");

        var error = Assert.Throws<InvalidOperationException>(() => ChimeraOptionsBinder.Bind(section, new ManagerOptions()));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal("The Chimera manager settings in 'chimera:manager' are invalid.", lines[0]);
        Assert.Contains("chimera:manager:port = 'lots' is invalid; expected an integer.", lines);
        Assert.Contains("chimera:manager:heartbeat-interval = 'soon' is invalid; expected a duration such as 1s, 500ms or 00:00:01.", lines);
        Assert.Contains(lines, l => l.StartsWith("chimera:manager:phi-threshold = '-1' is invalid; PhiThreshold ('-1') must be", StringComparison.Ordinal));
    }

    [Fact]
    public void Worker_FromHocon_BindsManagerUrlPortsAndSecret()
    {
        var section = Hocon("""
            chimera.worker {
              name = edge-7
              manager = "http://10.0.0.5:6000/chimera"
              control-port = 6101
              data-port = 6102
              advertised-host = edge7.local
              max-join-backoff = 2s
              secret = s3cret
            }
            """).GetSection("chimera:worker");
        var options = new WorkerOptions();

        ChimeraOptionsBinder.Bind(section, options);

        Assert.Equal("edge-7", options.Name);
        Assert.Equal("http://10.0.0.5:6000/chimera", options.ManagerUrl);
        Assert.Equal(6101, options.ControlPort);
        Assert.Equal(6102, options.DataPort);
        Assert.Equal("edge7.local", options.AdvertisedHost);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxJoinBackoff);
        Assert.Equal("s3cret", options.Secret);
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("250 ms", 250)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("00:00:03", 3000)]
    public void Durations_ParseHoconAndTimeSpanForms(string text, double milliseconds)
    {
        Assert.True(ChimeraOptionsBinder.TryParseDuration(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }
}
