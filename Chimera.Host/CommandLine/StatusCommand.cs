using System.CommandLine;
using System.Text.Json;
using Chimera.Cluster.Http;
using Chimera.Cluster.Security;

namespace Chimera.Host.CommandLine;

/// <summary><c>chimera status</c>: workers with CPU, memory and liveness, nodes with state, edges with counters.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var manager = new Option<string>("--manager") { Description = "The manager's URL.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("status", "Show the cluster: workers (up/unreachable, CPU, memory), nodes and edges of the current run.")
        {
            manager, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var client = ClientFor(parse.GetValue(manager)!);
            ClusterStatus status;
            try
            {
                status = await client.SendAsync<ClusterStatus>(HttpMethod.Get, "api/status", null, ct).ConfigureAwait(false);
            }
            catch (ControlApiException ex)
            {
                await Console.Error.WriteLineAsync("chimera status: " + ex.Message).ConfigureAwait(false);
                return 1;
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(status, ControlJson.Options));
                return 0;
            }

            Console.Out.WriteLine($"manager {status.ManagerUrl}");
            Console.Out.WriteLine($"{"worker",-20} {"liveness",-12} {"cpu %",7} {"memory MiB",11} {"last heartbeat",-30} {"control",-28}");
            foreach (var w in status.Workers)
            {
                Console.Out.WriteLine($"{w.Name,-20} {w.Liveness,-12} {w.CpuPercent,7:0.0} {w.MemoryBytes / (1024.0 * 1024.0),11:0.0} {w.LastHeartbeat,-30:O} {w.ControlUrl,-28}");
            }

            Console.Out.WriteLine(status.Run is null ? "no run committed" : status.Run.ToTable());
            return 0;
        });
        return command;
    }

    /// <summary>A control client for the manager, signing with CHIMERA_SECRET when it is set.</summary>
    internal static ControlClient ClientFor(string url)
    {
        var secret = Environment.GetEnvironmentVariable(ClusterSettingsReader.DefaultSecretVariable);
        var signer = string.IsNullOrEmpty(secret) ? null : new RequestSigner(new ClusterSecret(secret), TimeProvider.System);
        return new ControlClient(url, "manager", signer, TimeSpan.FromMinutes(30));
    }
}
