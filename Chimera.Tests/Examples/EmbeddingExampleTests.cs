using System.Net.Http.Json;
using System.Text.Json;
using Chimera.Examples.Embedding;
using Chimera.Tests.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Chimera.Tests.Examples;

/// <summary>The embedding example's service with a real <c>chimera worker</c> process joining it.</summary>
[Trait("Category", "Integration")]
[Collection("processes")]
public class EmbeddingExampleTests
{
    [Fact]
    public async Task Service_AWorkerProcessJoins_AndRunsAGraphThroughTheServiceApi()
    {
        await using var app = EmbeddingExample.BuildApp("http://127.0.0.1:0");
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var manager = app.Services.GetRequiredService<Manager>();
        Assert.Equal(baseUrl + "/chimera", manager.Url);

        await using var worker = ChimeraProcess.Start(
            ["worker", "--name", "edge", "--manager", baseUrl + "/chimera", "--logdir", Path.Combine(Path.GetTempPath(), "chimera-test-logs"), "--assembly-dir", Directory.CreateTempSubdirectory("chimera-embed-asm-").FullName]);
        await worker.WaitForLineAsync("Worker \"edge\" joined the manager");
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

        Assert.Equal("Healthy", await http.GetStringAsync("/healthz"));
        using var response = await http.PostAsync("/runs/count?n=15", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal("edge", body.GetProperty("worker").GetString());
        Assert.Equal("Completed", body.GetProperty("status").GetString());
        Assert.Equal(15, body.GetProperty("steps").GetInt64());

        // The manager runs inside the service, so the service's health follows the worker: gone -> unhealthy.
        worker.KillHard();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string health;
        do
        {
            await Task.Delay(200);
            using var probe = await http.GetAsync("/healthz");
            health = await probe.Content.ReadAsStringAsync();
        }
        while (health != "Unhealthy" && DateTime.UtcNow < deadline);

        Assert.Equal("Unhealthy", health);
        await app.StopAsync();
    }
}
