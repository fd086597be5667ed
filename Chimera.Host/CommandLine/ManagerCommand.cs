using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Chimera.Host.CommandLine;

/// <summary><c>chimera manager</c>: runs a manager until Ctrl-C, SIGTERM or a shutdown through its API. The first line of output is its URL.</summary>
internal static class ManagerCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "A HOCON file with a chimera.manager section (host, port, log-directory, secret-env, heartbeat settings)." };
        var port = new Option<int?>("--port") { Description = "The control API port; 0 takes any free port." };
        var host = new Option<string?>("--host") { Description = "The address to bind (default 127.0.0.1; 0.0.0.0 for other machines)." };
        var logdir = new Option<string?>("--logdir") { Description = "Where recorded runs are collected." };
        var command = new Command("manager", "Run a Chimera manager: workers join it, clients commit and run graphs through it.")
        {
            config, port, host, logdir,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = ClusterSettingsReader.Manager(ClusterSettingsReader.Load(parse.GetValue(config)?.FullName));
            options.Port = parse.GetValue(port) ?? options.Port;
            options.Host = parse.GetValue(host) ?? options.Host;
            options.LogDirectory = parse.GetValue(logdir) ?? options.LogDirectory ?? "logs";
            using var loggerFactory = ConsoleLogging.Create();
            options.LoggerFactory = loggerFactory;
            await using var manager = new Manager(options);
            var url = await manager.StartServerAsync(ct).ConfigureAwait(false);
            Console.Out.WriteLine(url);
            Console.Out.Flush();
            if (options.Secret is null)
            {
                await Console.Error.WriteLineAsync("No cluster secret (CHIMERA_SECRET is unset): only workers and clients on this machine's loopback are accepted.").ConfigureAwait(false);
            }

            var shutdown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            manager.ShutdownRequested += () => shutdown.TrySetResult();
            manager.EventRaised += e =>
            {
                if (e.Kind != "heartbeat")
                {
                    loggerFactory.CreateLogger("Chimera.Events").LogInformation("{Kind}: {Message}", e.Kind, e.Message);
                }
            };
            try
            {
                await shutdown.Task.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: shut down cleanly below.
            }

            await manager.ShutdownAsync(keepWorkers: true, CancellationToken.None).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
