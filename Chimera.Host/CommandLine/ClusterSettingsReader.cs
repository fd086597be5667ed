using Chimera.Configuration;

namespace Chimera.Host.CommandLine;

/// <summary>
/// Reads the manager and worker seed settings from an optional HOCON file (<c>chimera.manager.*</c>,
/// <c>chimera.worker.*</c>); command-line options override what it says. The cluster secret comes from the environment
/// variable the config names (<c>secret-env</c>), <c>CHIMERA_SECRET</c> by default.
/// </summary>
internal static class ClusterSettingsReader
{
    public const string DefaultSecretVariable = "CHIMERA_SECRET";

    public static HoconConfig Load(string? path) =>
        path is null ? HoconConfig.Empty : HoconConfig.ParseFile(path);

    public static ManagerOptions Manager(HoconConfig config)
    {
        var options = new ManagerOptions();
        const string p = "chimera.manager.";
        if (config.TryGetString(p + "host", out var host))
        {
            options.Host = host;
        }

        if (config.TryGetInt(p + "port", out var port))
        {
            options.Port = port;
        }

        if (config.TryGetString(p + "log-directory", out var logs))
        {
            options.LogDirectory = logs;
        }

        if (config.TryGetDuration(p + "heartbeat-interval", out var heartbeat))
        {
            options.HeartbeatInterval = heartbeat;
        }

        if (config.TryGetDouble(p + "phi-threshold", out var phi))
        {
            options.PhiThreshold = phi;
        }

        if (config.TryGetDuration(p + "acceptable-heartbeat-pause", out var pause))
        {
            options.AcceptableHeartbeatPause = pause;
        }

        options.Secret = Secret(config, p);
        if (config.TryGetString(p + "tls-certificate-path", out var certificate))
        {
            options.TlsCertificatePath = certificate;
            options.TlsCertificatePassword = TlsPassword(config, p);
        }

        return options;
    }

    public static WorkerOptions Worker(HoconConfig config)
    {
        var options = new WorkerOptions();
        const string p = "chimera.worker.";
        if (config.TryGetString(p + "name", out var name))
        {
            options.Name = name;
        }

        if (config.TryGetString(p + "manager", out var manager))
        {
            options.ManagerUrl = manager;
        }

        if (config.TryGetString(p + "host", out var host))
        {
            options.Host = host;
        }

        if (config.TryGetString(p + "advertised-host", out var advertised))
        {
            options.AdvertisedHost = advertised;
        }

        if (config.TryGetInt(p + "data-port", out var dataPort))
        {
            options.DataPort = dataPort;
        }

        if (config.TryGetInt(p + "control-port", out var controlPort))
        {
            options.ControlPort = controlPort;
        }

        if (config.TryGetString(p + "log-directory", out var logs))
        {
            options.LogDirectory = logs;
        }

        if (config.TryGetString(p + "assembly-directory", out var assemblies))
        {
            options.AssemblyDirectory = assemblies;
        }

        options.Secret = Secret(config, p);
        if (config.TryGetString(p + "tls-certificate-path", out var certificate))
        {
            options.TlsCertificatePath = certificate;
            options.TlsCertificatePassword = TlsPassword(config, p);
        }

        return options;
    }

    /// <summary>The certificate password from the environment variable named by <c>tls-password-env</c>, if any.</summary>
    public static string? TlsPassword(HoconConfig config, string prefix) =>
        config.TryGetString(prefix + "tls-password-env", out var variable) ? Environment.GetEnvironmentVariable(variable) : null;

    /// <summary>The secret from the environment variable named by <c>secret-env</c> (default CHIMERA_SECRET); never from the file itself.</summary>
    public static string? Secret(HoconConfig config, string prefix)
    {
        var variable = config.TryGetString(prefix + "secret-env", out var named) ? named : DefaultSecretVariable;
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
