using Chimera.Configuration;
using Chimera.Hosting.Internal;
using Chimera.Settings;
using Microsoft.Extensions.Configuration;

namespace Chimera.Tests.Hosting;

public class ChimeraOptionsBinderTests
{
    private static IConfiguration Hocon(string text) => new ConfigurationBuilder().AddHoconString(text).Build();

    /// <summary>Runs <paramref name="test"/> with an environment variable of a name no other test uses set to <paramref name="value"/>.</summary>
    private static void WithVariable(string value, Action<string> test)
    {
        var variable = "CHIMERA_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            test(variable);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

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

    [Fact]
    public void Worker_CollectGarbageAfterCommit_IsOnUnlessTheKeySaysOff()
    {
        var options = new WorkerOptions();
        Assert.True(options.CollectGarbageAfterCommit);

        ChimeraOptionsBinder.Bind(Hocon("chimera.worker { collect-garbage-after-commit = off }").GetSection("chimera:worker"), options);

        Assert.False(options.CollectGarbageAfterCommit);
    }

    [Fact]
    public void Worker_TlsKeys_BindPathAndPasswordFromTheNamedVariable()
    {
        var options = new WorkerOptions();

        WithVariable("pfx-pass", variable => ChimeraOptionsBinder.Bind(
            Hocon($"chimera.worker {{ tls-certificate-path = \"/etc/chimera/cluster.pfx\", tls-password-env = {variable} }}").GetSection("chimera:worker"), options));

        Assert.Equal("/etc/chimera/cluster.pfx", options.TlsCertificatePath);
        Assert.Equal("pfx-pass", options.TlsCertificatePassword);
    }

    [Fact]
    public void Manager_SecretEnv_ReadsTheNamedVariable_WhenNoSecretIsGiven()
    {
        var options = new ManagerOptions();

        WithVariable("from-env", variable => ChimeraOptionsBinder.Bind(
            Hocon($"chimera.manager {{ secret-env = {variable}, tls-certificate-path = m.pfx }}").GetSection("chimera:manager"), options));

        Assert.Equal("from-env", options.Secret);
        Assert.Equal("m.pfx", options.TlsCertificatePath);
    }

    [Fact]
    public void Worker_UnknownKeysAndSections_AreReportedWithEveryOtherProblem()
    {
        var section = Hocon("""
            chimera.worker { data-prot = 6102, control-port = -1, remote { buffer-capacity = 4 } }
            """).GetSection("chimera:worker");

        var error = Assert.Throws<InvalidOperationException>(() => ChimeraOptionsBinder.Bind(section, new WorkerOptions()));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal("The Chimera worker settings in 'chimera:worker' are invalid.", lines[0]);
        Assert.Contains("chimera:worker:data-prot is not a setting; check the spelling against reference.conf.", lines);
        Assert.Contains("chimera:worker:remote is a section, not a value; check the nesting against reference.conf.", lines);
        Assert.Contains(lines, l => l.StartsWith("chimera:worker:control-port = '-1' is invalid; ", StringComparison.Ordinal));
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Worker_RemoteSection_BindsFromTheSiblingOfTheWorkersSection()
    {
        var root = Hocon("""
            chimera {
              worker { name = w1 }
              remote { buffer-capacity = 16, buffer-bytes = 4MiB, inline-after-idle = 0, subscription-timeout = 2 minutes }
            }
            """);
        var options = new WorkerOptions();

        ChimeraOptionsBinder.Bind(root.GetSection("chimera:worker"), options, root);

        Assert.Equal("chimera:remote", ChimeraOptionsBinder.RemotePath(root.GetSection("chimera:worker")));
        Assert.Equal(16, options.Remote.BufferCapacity);
        Assert.Equal(4 * 1024 * 1024, options.Remote.BufferBytes);
        Assert.Equal(TimeSpan.Zero, options.Remote.InlineAfterIdle);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Remote.SubscriptionTimeout);
    }

    [Fact]
    public void Worker_InvalidRemoteValues_AreReportedWithTheirPaths()
    {
        var root = Hocon("chimera.remote { buffer-capacity = 0, buffer-bytes = lots, batch-max-byts = 1 }");

        var error = Assert.Throws<InvalidOperationException>(() => ChimeraOptionsBinder.Bind(root.GetSection("chimera:worker"), new WorkerOptions(), root));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal("The Chimera worker settings in 'chimera:worker' are invalid.", lines[0]);
        Assert.Contains("chimera:remote:buffer-capacity = '0' is invalid; expected an integer from 1 to 1,048,576.", lines);
        Assert.Contains("chimera:remote:buffer-bytes = 'lots' is invalid; expected an integer.", lines);
        Assert.Contains("chimera:remote:batch-max-byts is not a setting; check the spelling against reference.conf.", lines);
    }

    [Fact]
    public void Worker_FromJsonAndEnvironmentStyleKeys_BindsPascalAndUpperCaseKeysOfBothSections()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chimera:Worker:ManagerUrl"] = "http://10.0.0.5:6000/chimera",
            ["Chimera:Worker:DataPort"] = "7402",
            ["CHIMERA:WORKER:CONTROLPORT"] = "7403",
            ["Chimera:Worker:TlsCertificatePath"] = "w.pfx",
            ["Chimera:Worker:AdvertisedHost"] = string.Empty,
            ["Chimera:Remote:BufferCapacity"] = "8",
            ["Chimera:Remote:DemandRedeliveryInterval"] = "00:00:00.5",
        }).Build();
        var options = new WorkerOptions { AdvertisedHost = "set-in-code" };

        ChimeraOptionsBinder.Bind(root.GetSection("chimera:worker"), options, root);

        Assert.Equal("http://10.0.0.5:6000/chimera", options.ManagerUrl);
        Assert.Equal(7402, options.DataPort);
        Assert.Equal(7403, options.ControlPort);
        Assert.Equal("w.pfx", options.TlsCertificatePath);
        Assert.Null(options.AdvertisedHost);
        Assert.Equal(8, options.Remote.BufferCapacity);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Remote.DemandRedeliveryInterval);
    }

    [Fact]
    public void ReferenceConf_ThroughConfiguration_BindsEveryManagerWorkerAndRemoteKey()
    {
        var root = new ConfigurationBuilder().AddHoconString(ChimeraReference.ReadText()).Build();
        var manager = new ManagerOptions();
        var worker = new WorkerOptions();

        ChimeraOptionsBinder.Bind(root.GetSection("chimera:manager"), manager);
        ChimeraOptionsBinder.Bind(root.GetSection("chimera:worker"), worker, root);

        // A null in reference.conf leaves a property that cannot be null at its default instead of failing.
        Assert.Equal(Environment.MachineName.ToLowerInvariant(), worker.Name);
        Assert.Equal("logs", worker.LogDirectory);
        Assert.Equal(TimeSpan.FromSeconds(1), manager.HeartbeatInterval);
        Assert.Equal(32 * 1024 * 1024, worker.Remote.BufferBytes);
        Assert.Equal(TimeSpan.FromMicroseconds(200), worker.Remote.InlineAfterIdle);
        Assert.True(worker.Remote.WriteToSocket);
    }

    [Fact]
    public void WriteToSocket_Off_BindsFromTheRemoteSectionBesideTheWorkers()
    {
        var root = new ConfigurationBuilder().AddHoconString("chimera { worker { name = w }, remote { write-to-socket = off } }").Build();
        var worker = new WorkerOptions();

        ChimeraOptionsBinder.Bind(root.GetSection("chimera:worker"), worker, root);

        Assert.False(worker.Remote.WriteToSocket);
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("250 ms", 250)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("00:00:03", 3000)]
    [InlineData("1000", 1000)]
    public void Durations_ParseHoconAndTimeSpanForms(string text, double milliseconds)
    {
        Assert.True(ChimeraOptionsBinder.TryParseDuration(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1:99:99:99")]
    [InlineData("")]
    public void Durations_RejectOtherText(string text)
    {
        Assert.False(ChimeraOptionsBinder.TryParseDuration(text, out _));
    }
}
