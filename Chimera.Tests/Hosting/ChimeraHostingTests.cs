using System.Net;
using System.Net.Sockets;
using Chimera.Configuration;
using Chimera.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chimera.Tests.Hosting;

public class ChimeraHostingTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting until " + what);
            await Task.Delay(50);
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task GenericHost_ManagerAndWorkerFromHocon_JoinRunAndLogThroughTheHost()
    {
        var port = FreePort();
        var logs = new CapturingLoggerProvider();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Configuration.AddHoconString($$"""
            chimera {
              manager { port = {{port}}, heartbeat-interval = 100ms }
              worker  { name = hosted-1, manager = "http://127.0.0.1:{{port}}", log-directory = "{{Path.GetTempPath().Replace("\\", "/", StringComparison.Ordinal)}}chimera-hosted" }
            }
            """);
        builder.Services.AddChimeraManager(builder.Configuration.GetSection("chimera:manager"));
        builder.Services.AddChimeraWorker(builder.Configuration.GetSection("chimera:worker"));
        builder.Services.AddHealthChecks().AddChimeraHealthChecks();
        using var host = builder.Build();
        var manager = host.Services.GetRequiredService<Manager>();

        await host.StartAsync();
        Assert.Equal(TimeSpan.FromMilliseconds(100), manager.Options.HeartbeatInterval);
        Assert.Equal($"http://127.0.0.1:{port}", manager.Url);
        // The manager lists the worker as soon as it registers it; the worker counts itself joined once the answer
        // reaches it, a moment later (under load, after this check had run once).
        var worker = host.Services.GetRequiredService<Worker>();
        await WaitUntilAsync(() => manager.RegisteredWorkers.Any(w => w.Name == "hosted-1" && w.Liveness == "up") && worker.IsJoined, "the hosted worker joined");

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Entries["chimera-manager"].Status);
        Assert.Equal(HealthStatus.Healthy, health.Entries["chimera-worker"].Status);

        await manager.CommitGraphAsync(
            new Chimera.Graph().AddNode("count", new Counter { Count = 25 }).AddNode("pass", new Identity()).AddEdge("count", "pass"),
            new Dictionary<string, IReadOnlyList<string>> { ["hosted-1"] = ["count", "pass"] });
        await manager.StartAsync();
        var report = await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(25, report.Node("pass").Steps);

        await host.StopAsync();
        Assert.Contains(logs.Messages, m => m.Category == "Chimera.Manager" && m.Message.Contains("Worker \"hosted-1\" joined", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Category == "Chimera.Worker" && m.Message.Contains("joined the manager", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WebApp_MapChimeraManager_ServesTheControlApiOnTheAppsPort()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddChimeraManager(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(100));
        await using var app = builder.Build();
        app.MapChimeraManager("/cluster/");
        await app.StartAsync();
        var manager = app.Services.GetRequiredService<Manager>();
        Assert.NotNull(manager.Url);
        Assert.EndsWith("/cluster", manager.Url, StringComparison.Ordinal);

        await using (var worker = new Worker(new WorkerOptions { Name = "mapped-1", ManagerUrl = manager.Url, LogDirectory = Path.Combine(Path.GetTempPath(), "chimera-hosted") }))
        {
            await worker.StartAsync();
            await WaitUntilAsync(() => worker.IsJoined && manager.RegisteredWorkers.Any(w => w.Name == "mapped-1"), "the worker joined through the mapped API");

            // Heartbeats keep arriving through the mapped API: the worker stays joined across several intervals.
            await Task.Delay(500);
            Assert.True(worker.IsJoined);
            Assert.Equal("up", Assert.Single(manager.RegisteredWorkers).Liveness);
        }

        await app.StopAsync();
    }

    [Fact]
    public void AddChimeraWorker_InAGenericHost_BindsTheRemoteSectionNextToTheWorkers()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddHoconString("""
            chimera {
              worker { name = edge-3, manager = "http://10.0.0.5:6000/chimera" }
              remote { buffer-capacity = 32, buffer-bytes = 8MiB, inline-after-idle = 1ms }
            }
            """);
        builder.Services.AddChimeraWorker(builder.Configuration.GetSection("chimera:worker"));
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;

        Assert.Equal("edge-3", options.Name);
        Assert.Equal("http://10.0.0.5:6000/chimera", options.ManagerUrl);
        Assert.Equal(32, options.Remote.BufferCapacity);
        Assert.Equal(8 * 1024 * 1024, options.Remote.BufferBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(1), options.Remote.InlineAfterIdle);
    }

    [Fact]
    public void AddChimeraWorker_InvalidRemoteValue_FailsWithItsPath_WhenTheOptionsAreBuilt()
    {
        var configuration = new ConfigurationBuilder().AddHoconString("chimera { worker { name = w }, remote { buffer-capacity = 0 } }").Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddChimeraWorker(configuration.GetSection("chimera:worker"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<WorkerOptions>>().Value);

        Assert.Equal(
            "The Chimera worker settings in 'chimera:worker' are invalid." + Environment.NewLine
            + "chimera:remote:buffer-capacity = '0' is invalid; expected an integer from 1 to 1,048,576.",
            error.Message);
    }

    [Fact]
    public void AddChimeraWorker_WithoutAConfigurationService_LeavesTheRemoteSettingsAtTheirDefaults()
    {
        var configuration = new ConfigurationBuilder().AddHoconString("chimera { worker { name = w }, remote { buffer-capacity = 0 } }").Build();
        var services = new ServiceCollection();
        services.AddChimeraWorker(configuration.GetSection("chimera:worker"), o => o.Remote.BatchMaxElements = 8);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WorkerOptions>>().Value;

        Assert.Equal("w", options.Name);
        Assert.Equal(4096, options.Remote.BufferCapacity);
        Assert.Equal(8, options.Remote.BatchMaxElements);
    }

    [Fact]
    public void MapChimeraManager_WithoutAManager_SaysWhatToDo()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapChimeraManager());

        Assert.Equal("MapChimeraManager needs a manager: call services.AddChimeraManager(...) first.", error.Message);
    }

    [Fact]
    public void AddChimeraHealthChecks_WithoutManagerOrWorker_SaysWhatToDo()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddHealthChecks().AddChimeraHealthChecks());

        Assert.Equal("AddChimeraHealthChecks found no Chimera manager or worker; call AddChimeraManager or AddChimeraWorker first.", error.Message);
    }

    [Fact]
    public async Task HealthChecks_ReportManagerAndWorkerState()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddChimeraManager().AddChimeraWorker(o => o.Name = "lonely");
        services.AddHealthChecks().AddChimeraHealthChecks("ready");
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        // No workers and no run: nothing is wrong with the manager. A worker with no manager to join is misconfigured.
        Assert.Equal(HealthStatus.Healthy, report.Entries["chimera-manager"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["chimera-worker"].Status);
        Assert.Equal("Worker 'lonely' has no manager to join; set chimera:worker:manager.", report.Entries["chimera-worker"].Description);
        Assert.Contains("ready", report.Entries["chimera-manager"].Tags);
    }
}
