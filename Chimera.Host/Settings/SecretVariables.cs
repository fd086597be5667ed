namespace Chimera.Settings;

/// <summary>
/// The settings that name an environment variable instead of holding a secret (<c>secret-env</c>,
/// <c>tls-password-env</c>), so that seed files and checked-in configuration never contain the secret itself. Seed
/// files and the Generic Host read them the same way.
/// </summary>
internal static class SecretVariables
{
    /// <summary>The environment variable holding the cluster secret when <c>secret-env</c> names none.</summary>
    public const string DefaultSecretVariable = "CHIMERA_SECRET";

    /// <summary>The key naming the variable that holds the cluster secret.</summary>
    public const string SecretEnvKey = "secret-env";

    /// <summary>The key naming the variable that holds the TLS certificate's password.</summary>
    public const string TlsPasswordEnvKey = "tls-password-env";

    /// <summary>The keys that name variables; binders skip them, as no property holds a variable's name.</summary>
    public static readonly string[] Keys = [SecretEnvKey, TlsPasswordEnvKey];

    /// <summary>The cluster secret from the variable <c>secret-env</c> names, else from <see cref="DefaultSecretVariable"/>.</summary>
    /// <param name="variable">The value of <c>secret-env</c>, if set.</param>
    /// <returns>The secret, or <see langword="null"/> when the variable is unset or empty.</returns>
    public static string? Secret(string? variable) => Read(string.IsNullOrEmpty(variable) ? DefaultSecretVariable : variable);

    /// <summary>The TLS certificate's password from the variable <c>tls-password-env</c> names; no variable, no password.</summary>
    /// <param name="variable">The value of <c>tls-password-env</c>, if set.</param>
    /// <returns>The password, or <see langword="null"/>.</returns>
    public static string? TlsPassword(string? variable) => string.IsNullOrEmpty(variable) ? null : Read(variable);

    /// <summary>Reads a variable, treating an empty one as unset.</summary>
    /// <param name="variable">The variable's name.</param>
    /// <returns>Its value, or <see langword="null"/>.</returns>
    private static string? Read(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
