using System.CommandLine;

namespace Chimera.Host.CommandLine;

/// <summary><c>chimera worker</c>: a generic worker that joins a manager and runs whatever it is given.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "A HOCON seed file with a chimera.worker section (name, manager, host, data-port, control-port, secret-env)." };
        var name = new Option<string?>("--name") { Description = "The worker's unique name (overrides the config)." };
        var manager = new Option<string?>("--manager") { Description = "The manager's URL, e.g. http://127.0.0.1:6000 (overrides the config)." };
        var port = new Option<int?>("--port") { Description = "The data port other workers connect to; 0 takes any free port." };
        var controlPort = new Option<int?>("--control-port") { Description = "The control API port the manager calls; 0 takes any free port." };
        var host = new Option<string?>("--host") { Description = "The address to bind (default 127.0.0.1)." };
        var logdir = new Option<string?>("--logdir") { Description = "Where this worker writes recorded runs." };
        var assemblies = new Option<string?>("--assembly-dir") { Description = "Where shipped node assemblies are kept by SHA-256 (default: a folder under the temp directory, shared by the workers of this machine)." };
        var command = new Command("worker", "Run a Chimera worker: it joins the manager, receives node code and runs its part of committed graphs.")
        {
            config, name, manager, port, controlPort, host, logdir, assemblies,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = ClusterSettingsReader.Worker(ClusterSettingsReader.Load(parse.GetValue(config)?.FullName));
            options.Name = parse.GetValue(name) ?? options.Name;
            options.ManagerUrl = parse.GetValue(manager) ?? options.ManagerUrl;
            options.DataPort = parse.GetValue(port) ?? options.DataPort;
            options.ControlPort = parse.GetValue(controlPort) ?? options.ControlPort;
            options.Host = parse.GetValue(host) ?? options.Host;
            options.LogDirectory = parse.GetValue(logdir) ?? options.LogDirectory;
            options.AssemblyDirectory = parse.GetValue(assemblies) ?? options.AssemblyDirectory;
            options.Clock = Cluster.Clock.OffsetClock.FromEnvironment(options.Clock);
            if (options.ManagerUrl is null)
            {
                await Console.Error.WriteLineAsync("chimera worker: no manager to join; pass --manager URL or set chimera.worker.manager in the config.").ConfigureAwait(false);
                return 2;
            }

            using var loggerFactory = ConsoleLogging.Create();
            options.LoggerFactory = loggerFactory;
            await using var worker = new Worker(options);
            await worker.StartAsync(ct).ConfigureAwait(false);
            Console.Out.WriteLine($"worker {worker.Name} control {worker.ControlUrl} data {worker.DataEndpoint}");
            Console.Out.Flush();
            try
            {
                await worker.ExitRequested.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: leave the cluster cleanly.
            }

            return 0;
        });
        return command;
    }
}
