using Chimera.Configuration;
using Chimera.Settings;

namespace Chimera.Host.CommandLine;

/// <summary>
/// Reads the manager and worker seed settings from an optional HOCON file (<c>chimera.manager.*</c>,
/// <c>chimera.worker.*</c>, <c>chimera.remote.*</c>) through the same kebab-case binder as <c>reference.conf</c>;
/// command-line options override what it says. Secrets never come from the file: the cluster secret and the TLS
/// password are read from the environment variables the file names (<c>secret-env</c>, <c>CHIMERA_SECRET</c> by
/// default; <c>tls-password-env</c>).
/// </summary>
internal static class ClusterSettingsReader
{
    /// <summary>The environment variable holding the cluster secret when <c>secret-env</c> names none.</summary>
    public const string DefaultSecretVariable = SecretVariables.DefaultSecretVariable;

    public static HoconConfig Load(string? path) =>
        path is null ? HoconConfig.Empty : HoconConfig.ParseFile(path);

    public static ManagerOptions Manager(HoconConfig config)
    {
        const string section = "chimera.manager";
        var options = new ManagerOptions();
        SettingsBinder.Bind(config, section, options, SecretVariables.Keys);
        options.Secret = Secret(config, section);
        options.TlsCertificatePassword = TlsPassword(config, section);
        return options;
    }

    public static WorkerOptions Worker(HoconConfig config)
    {
        const string section = "chimera.worker";
        var options = new WorkerOptions();

        // 'manager' is the manager's URL (WorkerOptions.ManagerUrl), the one key whose name differs from its property.
        SettingsBinder.Bind(config, section, options, [.. SecretVariables.Keys, "manager"]);
        if (config.TryGetString(section + ".manager", out var manager))
        {
            options.ManagerUrl = manager;
        }

        SettingsBinder.Bind(config, "chimera.remote", options.Remote);
        options.Secret = Secret(config, section);
        options.TlsCertificatePassword = TlsPassword(config, section);
        return options;
    }

    /// <summary>The secret from the environment variable named by <c>secret-env</c> (default CHIMERA_SECRET); never from the file itself.</summary>
    public static string? Secret(HoconConfig config, string section) =>
        SecretVariables.Secret(config.TryGetString($"{section}.{SecretVariables.SecretEnvKey}", out var named) ? named : null);

    /// <summary>The certificate password from the environment variable named by <c>tls-password-env</c>, if any.</summary>
    public static string? TlsPassword(HoconConfig config, string section) =>
        SecretVariables.TlsPassword(config.TryGetString($"{section}.{SecretVariables.TlsPasswordEnvKey}", out var variable) ? variable : null);
}
